// Docker Desktop's own containers (Kubernetes, Extensions) in the windows, on the lab: the details
// window lists them apart as not covered by ECI with why, the verdict stays protected, and the
// cleanup window shows them with no choice to make (nothing to include, nothing to plan).

import { expect, test, type Page } from '@playwright/test';
import { createContainer } from '../integration/helpers';
import { Lab } from '../lab/lab';
import { AppHarness } from './harness';
import { checkPage } from './page-checks';

const KEEP_RUNNING = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"];
const POD_UID = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';
// Names and labels as the kubelet and Compose set them: labels alone do not make a container Desktop's.
const KUBE = `k8s_kube-apiserver_kube-apiserver-docker-desktop_kube-system_${POD_UID}_0`;
const EXT = 'sandipchitale_docker-dive-desktop-extension-dive-1';

test.describe.configure({ mode: 'serial' });

test.describe("Docker Desktop's own containers in the windows", () => {
  let lab: Lab;
  let app: AppHarness;
  let page: Page;

  test.beforeAll(async ({ browser }) => {
    lab = await Lab.start({ mode: 'off' });
    // Created before ECI, so they inspect as runc, as Desktop's own containers do under ECI.
    await createContainer(
      lab.engineHost,
      KUBE,
      {
        Image: lab.probeImage,
        Cmd: KEEP_RUNNING,
        Labels: {
          'io.kubernetes.container.name': 'kube-apiserver',
          'io.kubernetes.pod.name': 'kube-apiserver-docker-desktop',
          'io.kubernetes.pod.namespace': 'kube-system',
          'io.kubernetes.pod.uid': POD_UID,
        },
      },
      false,
    );
    await createContainer(
      lab.engineHost,
      EXT,
      {
        Image: lab.probeImage,
        Cmd: KEEP_RUNNING,
        Labels: {
          'com.docker.desktop.extension': 'true',
          'com.docker.compose.project': 'sandipchitale_docker-dive-desktop-extension',
          'com.docker.compose.service': 'dive',
        },
      },
      false,
    );
    lab.writeAdminPolicy(true, true);
    expect(await lab.relaunch()).toBe('on');
    app = await AppHarness.start(lab);
    page = await (await browser.newContext()).newPage();
  });
  test.afterAll(async () => {
    await page?.context().close();
    await app?.stop();
    await lab?.teardown();
  });
  test.afterEach(() => {
    expect(app.pageErrors).toEqual([]);
  });

  test('details: protected, and the two listed apart with why', async () => {
    await app.open(page, 'details');
    await expect(page.locator('#banner')).toHaveAttribute('data-verdict', 'protected', { timeout: 60_000 });
    await expect(page.locator(`[data-uncovered="${KUBE}"]`)).toContainText('ECI does not protect kubeadm Kubernetes');
    await expect(page.locator(`[data-uncovered="${EXT}"]`)).toContainText('ECI does not protect Docker Extensions');
    await expect(page.locator('ul.unprotected')).toHaveCount(0);
    await checkPage(page, 'details-desktop-owned');
  });

  test('cleanup: shown with no choice to make, nothing to plan', async () => {
    await app.open(page, 'cleanup');
    await expect(page.locator('.cleanup .summary')).toContainText('nothing to clean up', { timeout: 60_000 });
    const group = page.locator('[data-uncovered="true"]');
    await expect(group).toContainText('eci-tray never changes them');
    await expect(group.locator(`[data-container="${KUBE}"]`)).toContainText('kubeadm');
    await expect(group.locator(`[data-container="${EXT}"]`)).toContainText('Docker Extensions');
    await expect(group.locator('select, input, button')).toHaveCount(0);
    await checkPage(page, 'cleanup-desktop-owned');
  });
});
