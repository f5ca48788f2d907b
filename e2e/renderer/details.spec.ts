// The details window in every verdict the lab can produce, driven by real state changes: the
// page follows 'state:changed' events from the real AppCore, and "Check now" runs the probe.

import { expect, test, type Page } from '@playwright/test';
import { createContainer, engineApi } from '../integration/helpers';
import { Lab } from '../lab/lab';
import { APP_VERSION, AppHarness } from './harness';
import { checkPage } from './page-checks';

const KEEP_RUNNING = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"];

test.describe.configure({ mode: 'serial' });

test.describe('details window', () => {
  let lab: Lab;
  let app: AppHarness;
  let page: Page;
  const banner = () => page.locator('#banner');
  const fact = (key: string) => page.locator(`[data-fact="${key}"]`);
  const check = (id: string) => page.locator(`[data-check="${id}"]`);
  const verdict = (v: string) => expect(banner()).toHaveAttribute('data-verdict', v, { timeout: 60_000 });
  const activity = () => page.locator('#activity [data-activity]');
  /** Clicks a copy button and returns what the app put on the clipboard. */
  const copy = async (button: string) => {
    const before = app.clipboard.length;
    await page.getByRole('button', { name: button }).click();
    await expect.poll(() => app.clipboard.length).toBe(before + 1);
    return app.clipboard.at(-1)!;
  };

  test.beforeAll(async ({ browser }) => {
    lab = await Lab.start({ mode: 'off' });
    await createContainer(lab.engineHost, 'old-app', { Image: lab.probeImage, Cmd: KEEP_RUNNING });
    app = await AppHarness.start(lab, { graceMs: 2_000 });
    // A context of its own: axe opens a helper page in the page's context.
    page = await (await browser.newContext()).newPage();
    await app.open(page, 'details');
  });
  test.afterAll(async () => {
    await page?.context().close();
    await app?.stop();
    await lab?.teardown();
  });
  test.afterEach(() => {
    expect(app.pageErrors).toEqual([]);
  });

  test('off: the verdict in plain words, the evidence, and "Check now" from the keyboard with progress', async () => {
    await verdict('off');
    await expect(banner().locator('h2')).toHaveText('ECI is off');
    await expect(banner().locator('#why')).toContainText(
      'Turn ECI on (Docker Desktop Settings > General > "Use Enhanced Container Isolation"), then quit and reopen Docker Desktop.',
    );
    await expect(check('uid-map')).toContainText('Not isolated');
    await expect(check('uid-map').locator('code')).toHaveText('0 0 4294967295');
    await expect(check('runtime').locator('code')).toHaveText('runc');
    await expect(fact('desired')).toHaveText('Off');
    await expect(fact('source')).toHaveText("Docker Desktop's default (off)");
    await expect(fact('effective')).toHaveText('Off, as the probe containers showed');
    await expect(fact('files')).toContainText(`${lab.paths.adminSettings} (not present: not configured)`);
    await expect(fact('version')).toHaveText('4.37.1');
    await expect(fact('desktop')).toHaveText('Yes');
    await expect(fact('platform')).toContainText('Docker Desktop 4.37.1');
    await expect(page.locator('.notes')).toContainText('Docker Extensions are not protected by ECI.');
    await expect(page.locator('#last-verified')).toContainText('Last verified');

    // Record what the page shows while the check runs (it may take well under a second).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      const note = () => {
        const button = document.getElementById('check-now')!;
        seen.push(
          `${document.getElementById('check-status')!.textContent}|${button.textContent}|${button.getAttribute('aria-disabled')}|${(document.getElementById('check-progress') as HTMLProgressElement).hidden}`,
        );
      };
      new MutationObserver(note).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
    });
    const probesBefore = app.state!.probeRuns;
    for (let i = 0; i < 6 && !(await page.evaluate(() => document.activeElement?.id === 'check-now')); i++)
      await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('check-now');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect(page.locator('#check-status')).toHaveText('Checked: ECI is off.');
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen).toContain('Checking: running the probe containers…|Checking…|true|false');
    expect(app.state!.probeRuns).toBeGreaterThan(probesBefore);
    await expect(page.locator('#check-progress')).toBeHidden();

    await banner().getByRole('button', { name: 'Turn ECI on…' }).click();
    await expect.poll(() => app.opened).toContain('walkthrough');
    await checkPage(page, 'details-off');
  });

  test('for IT: Copy report, the raw engine output, Docker docs in the system browser, recent activity', async () => {
    // The report main writes: the CLI's text report, the recent activity, the JSON and the app version.
    const report = await copy('Copy report');
    expect(report).toContain(`ECI Tray ${APP_VERSION}: report copied`);
    expect(report).toContain('ECI: off - ');
    expect(report).toMatch(/Checks \(probe image .+\)\n {2}NO {5}uid-map {14}0 0 4294967295/);
    expect(report).toContain('Recent activity (newest first)\n');
    // The activity line's time is in the OS locale's format (formatDateTime), like every surface's.
    expect(report).toMatch(/ {2}\S.*\d:\d\d.* {2}ECI is off\. First check by ECI Tray\./);
    const json = JSON.parse(report.slice(report.indexOf('\nJSON\n') + 6)) as {
      appVersion: string;
      report: { verdict: string; checks: unknown[] };
      activity: unknown[];
    };
    expect(json.appVersion).toBe(APP_VERSION);
    expect(json.report.verdict).toBe('off');
    expect(json.report.checks).toHaveLength(4);
    await expect(page.locator('#copy-status')).toHaveText(/^Copied the report \(\d+ lines\) for IT\.$/);

    // The raw engine output: collapsed, with its own copy button, each observation whole.
    const raw = page.locator('details.raw-output');
    await expect(raw).not.toHaveAttribute('open', '');
    await expect(raw.locator('pre')).toBeHidden();
    await raw.locator('summary').click();
    await expect(raw.locator('pre')).toContainText('uid-map (not-isolated):\n0 0 4294967295');
    const rawCopied = await copy('Copy raw output');
    expect(rawCopied).toContain('uid-map (not-isolated):\n0 0 4294967295');
    expect(rawCopied).toContain('"version": "4.37.1"');
    await expect(raw.locator('[data-copied]')).toHaveText(/^Copied the raw engine output \(\d+ lines\)\.$/);

    // Docs links open in the system browser through main; the window stays where it is.
    const url = page.url();
    await page.getByRole('link', { name: "Docker's documentation of Enhanced Container Isolation" }).click();
    await page.getByRole('link', { name: 'Enhanced Container Isolation limitations' }).click();
    await expect
      .poll(() => app.browsed)
      .toEqual([
        'https://docs.docker.com/enterprise/security/hardened-desktop/enhanced-container-isolation/',
        'https://docs.docker.com/enterprise/security/hardened-desktop/enhanced-container-isolation/limitations/',
      ]);
    expect(page.url()).toBe(url);
    // Anything else is refused by main, whatever the page asks.
    const refused = await page.evaluate(() =>
      window.eci.invoke('docs:open', { url: 'https://evil.example/' }).then(
        () => 'opened',
        (e: Error) => e.message,
      ),
    );
    expect(refused).toBe(
      "Only pages of Docker's documentation (https://docs.docker.com/) can be opened from ECI Tray.",
    );
    expect(app.browsed).toHaveLength(2);

    await expect(activity()).toHaveCount(1);
    await expect(activity().first()).toContainText('ECI is off. First check by ECI Tray.');
  });

  test('pending-restart: a locked policy asks for ECI; desired and effective differ', async () => {
    lab.writeAdminPolicy(true, true);
    await verdict('pending-restart');
    await expect(banner().locator('h2')).toHaveText('ECI not applied yet');
    await expect(banner()).toContainText(
      'applies only after you quit and reopen Docker Desktop (Restart from the Docker menu is not enough)',
    );
    await expect(page.locator('#why .note')).toHaveCount(0);
    await expect(fact('desired')).toHaveText('On');
    await expect(fact('source')).toContainText('Admin policy, locked');
    await expect(fact('source')).toContainText(lab.paths.adminSettings);
    await expect(fact('effective')).toHaveText('Off, as the probe containers showed');
    await expect(fact('files')).toContainText(`${lab.paths.adminSettings} (read)`);
    // The change is in the recent activity, with its time and cause, and in the copied report.
    await expect(activity().first()).toContainText(
      'ECI is off → Pending: quit and reopen Docker Desktop. admin-settings.json now asks for ECI on.',
    );
    await expect(activity().first().locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
    await expect(activity()).toHaveCount(2);
    expect(await copy('Copy report')).toContain(
      'ECI is off → Pending: quit and reopen Docker Desktop. admin-settings.json now asks for ECI on.',
    );
    // The fix at hand: the banner's button runs the relaunch, behind the native confirmation.
    const reopen = banner().getByRole('button', { name: 'Quit and reopen Docker Desktop…' });
    await expect(banner().locator('button.primary')).toHaveCount(1);
    await expect(banner().getByRole('button', { name: 'Check now' })).not.toHaveClass(/primary/);
    app.confirmAnswer = false;
    await reopen.click();
    await expect(page.locator('#check-status')).toHaveText('Cancelled: Docker Desktop was not touched.');
    expect(app.confirms.at(-1)).toMatchObject({
      title: 'Quit and reopen Docker Desktop?',
      confirmLabel: 'Quit and reopen Docker Desktop',
    });
    app.confirmAnswer = true;
    expect(lab.mode).toBe('off');
    await checkPage(page, 'details-pending-restart');
  });

  test('pending-restart after a restart from the Docker menu: the menu-restart warning', async () => {
    await lab.menuRestart();
    const warning = page.locator('#why .note');
    await expect(warning).toHaveCount(1, { timeout: 60_000 });
    await expect(warning).toContainText('Restart from the Docker menu is not enough');
    await verdict('pending-restart');
    await checkPage(page, 'details-pending-menu-restart');
  });

  test('an invalid admin-settings.json is reported with its line and column', async () => {
    lab.writeAdminSettings('{\n  "enhancedContainerIsolation": {\n    "value": true,\n    "locked": true,\n  }\n}\n');
    const problem = page.locator('[data-problem="invalid-json"]');
    await expect(problem).toBeVisible();
    await expect(problem).toContainText(lab.paths.adminSettings);
    await expect(problem).toContainText(/line 5, column \d+/);
    await expect(problem).toContainText('Docker Desktop will not start until this file is fixed.');
    await expect(banner().locator('h2')).toHaveText("Docker Desktop won't start");
    await expect(banner().locator('button.primary')).toHaveText('Copy report for IT');
    await expect(banner().locator('#why')).toContainText(`Fix ${lab.paths.adminSettings} at line 5, column`);
    // The file opens in the system's editor; main picks it from the report, not the page.
    await banner().getByRole('button', { name: 'Open the file' }).click();
    await expect.poll(() => app.openedFiles).toEqual([lab.paths.adminSettings]);
    await checkPage(page, 'details-settings-problem');
    lab.writeAdminPolicy(true, true);
    await expect(problem).toHaveCount(0);
    await verdict('pending-restart');
  });

  test('unprotected-containers: after the full relaunch a container from before ECI still runs without it', async () => {
    expect(await lab.relaunch()).toBe('on');
    // Quitting stopped it; like a user, start it again (it keeps running under runc).
    expect((await engineApi(lab.engineHost, 'POST', '/containers/old-app/start')).status).toBeLessThan(300);
    await page.getByRole('button', { name: 'Check now' }).click();
    await verdict('unprotected-containers');
    await expect(banner().locator('h2')).toHaveText('Containers from before ECI');
    await expect(check('uid-map').locator('code')).toHaveText('0 100000 65536');
    await expect(check('runtime').locator('code')).toHaveText('sysbox-runc');
    await expect(check('host-pid-namespace')).toContainText('Isolated');
    await expect(page.locator('.unprotected [data-container="old-app"]')).toContainText('runtime runc');
    await expect(fact('effective')).toHaveText('On, as the probe containers showed');
    await banner().getByRole('button', { name: 'Review 1 container…' }).click();
    await expect.poll(() => app.opened).toContain('cleanup');
    await checkPage(page, 'details-unprotected-containers');
  });

  test('protected: the old container is gone', async () => {
    await engineApi(lab.engineHost, 'DELETE', '/containers/old-app?force=1');
    await verdict('protected');
    await expect(banner().locator('h2')).toHaveText('Protected');
    await expect(banner()).toContainText('Enhanced Container Isolation is on and verified by probe containers.');
    for (const id of ['uid-map', 'runtime', 'host-pid-namespace', 'docker-socket-mount'])
      await expect(check(id).locator('.badge')).toHaveText('Isolated');
    await expect(check('host-pid-namespace').locator('code')).toContainText("can't share namespaces");
    await expect(page.locator('.unprotected')).toHaveCount(0);
    await checkPage(page, 'details-protected');
  });

  test('engine-unreachable: Docker Desktop stopped', async () => {
    await lab.stopEngine();
    await verdict('engine-unreachable');
    await expect(banner().locator('h2')).toHaveText('Docker is not running');
    await expect(page.locator('#verdict-sentence')).toHaveText('ECI can only be verified while Docker Desktop runs.');
    await expect(fact('reachable')).toHaveText('No');
    await expect(page.locator('#last-verified')).toHaveText('');
    await expect(page.locator('#sections')).toContainText('No probe container ran');
    await checkPage(page, 'details-engine-unreachable');
    // The app starts it (through the docker desktop plugin, as on a real machine): nothing stops, no confirmation.
    const confirmsBefore = app.confirms.length;
    await banner().getByRole('button', { name: 'Start Docker Desktop' }).click();
    await verdict('protected');
    expect(app.confirms).toHaveLength(confirmsBefore);
    await expect(activity().first()).toContainText('Docker is not running → Protected');
  });

  test('not-docker-desktop: pointed at the raw engine, the checks are still shown', async () => {
    await app.core.setPreferences({ dockerHost: lab.engineHost });
    await verdict('not-docker-desktop');
    await expect(banner().locator('h2')).toHaveText('Not using Docker Desktop');
    await expect(page.locator('.badge.tone-ok')).toHaveCount(0);
    await expect(fact('desktop')).toHaveText('No');
    await expect(fact('endpoint')).toContainText(lab.engineHost);
    await expect(check('uid-map').locator('code')).toHaveText('0 100000 65536');
    await expect(banner().locator('[data-forward-command]')).toHaveText('docker context use desktop-linux');
    await checkPage(page, 'details-not-docker-desktop');
    await app.core.setPreferences({ dockerHost: lab.dockerHost });
    await verdict('protected');
  });

  test('unknown: the probe image cannot be had, and the reason says so', async () => {
    await app.core.setPreferences({ probeImage: 'eci-tray-lab/missing:1' });
    await verdict('unknown');
    await expect(banner().locator('h2')).toHaveText("Can't download the probe image");
    await expect(banner()).toContainText('eci-tray-lab/missing:1');
    await expect(banner()).toContainText('docker pull eci-tray-lab/missing:1');
    await checkPage(page, 'details-unknown');
    await app.core.setPreferences({ probeImage: lab.probeImage });
    await verdict('protected');
  });

  test('unsupported-version: Docker Desktop 4.12', async () => {
    lab.setDesktopVersion('4.12.0');
    // ECI off, as on a real 4.12: a probe that shows ECI on would outweigh the version string.
    await lab.switchTo('off');
    await verdict('unsupported-version');
    await expect(banner().locator('h2')).toHaveText('Docker Desktop too old');
    await expect(banner()).toContainText('Docker Desktop 4.12.0 is older than 4.13.0');
    await expect(fact('version')).toHaveText('4.12.0');
    await checkPage(page, 'details-unsupported-version');
  });

  test('the recent activity is kept across an app restart', async () => {
    // Each entry by its time and its words (the "2 minutes ago" part moves on by itself).
    const entries = () =>
      activity().evaluateAll((items) =>
        items.map(
          (li) => `${li.querySelector('time')!.getAttribute('datetime')} ${li.querySelector('strong')!.textContent}`,
        ),
      );
    const before = await entries();
    expect(before.length).toBeGreaterThanOrEqual(4);
    app.forget(page);
    await page.goto('about:blank');
    await app.restartApp();
    await app.open(page, 'details');
    await verdict('unsupported-version');
    // The same entries: an app restart that finds the same state is not a change.
    await expect.poll(entries).toEqual(before);
  });
});
