// The cleanup window on the lab: the audit grouped by Compose project, the plan preview the main
// process makes for each choice, a cancelled and a confirmed apply with per-container progress,
// and an apply killed midway (a separate CLI process) offered for resume and finished.

import { expect, test, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, createContainer, engineApi, execIn, inspect, runCli } from '../integration/helpers';
import { Lab } from '../lab/lab';
import { AppHarness } from './harness';
import { checkPage, screenshot, windowScreenshots } from './page-checks';

const KEEP_RUNNING = (script = 'true') => ['sh', '-c', `${script}; trap 'exit 0' TERM; sleep 3600 & wait`];
const RUNNING = [
  'vol-writer',
  'layer-changer',
  'web',
  'shop-api-1',
  'shop-db-1',
  'bind-user',
  'app-1',
  'app-2',
  'app-3',
  'app-4',
];

test.describe.configure({ mode: 'serial' });

test.describe('cleanup window', () => {
  let lab: Lab;
  let app: AppHarness;
  let page: Page;
  let hostDir: string;
  const written = `ui-${process.pid}-${Date.now()}`;
  const card = (name: string) => page.locator(`[data-container="${name}"]`);
  const planItem = (name: string) => page.locator(`[data-plan-item="${name}"]`);
  const applyButton = () => page.locator('[data-action="apply"]');

  test.beforeAll(async ({ browser }) => {
    lab = await Lab.start({ mode: 'off' });
    hostDir = mkdtempSync(join(tmpdir(), 'eci-ui-host-'));
    const image = lab.probeImage;
    const compose = (service: string) => ({
      'com.docker.compose.project': 'shop',
      'com.docker.compose.service': service,
      'com.docker.compose.project.working_dir': '/srv/shop',
    });
    await engineApi(lab.engineHost, 'POST', '/volumes/create', { Name: 'appdata' });
    await createContainer(lab.engineHost, 'vol-writer', {
      Image: image,
      Cmd: KEEP_RUNNING('echo hello > /data/greeting'),
      HostConfig: { Binds: ['appdata:/data'] },
    });
    await createContainer(lab.engineHost, 'layer-changer', {
      Image: image,
      Cmd: KEEP_RUNNING('echo precious > /tmp/state.txt'),
    });
    await createContainer(lab.engineHost, 'web', {
      Image: image,
      Cmd: KEEP_RUNNING(),
      ExposedPorts: { '80/tcp': {} },
      HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '8080' }] }, RestartPolicy: { Name: 'unless-stopped' } },
    });
    await createContainer(lab.engineHost, 'shop-api-1', { Image: image, Cmd: KEEP_RUNNING(), Labels: compose('api') });
    await createContainer(lab.engineHost, 'shop-db-1', {
      Image: image,
      Cmd: KEEP_RUNNING(),
      Labels: compose('db'),
      Volumes: { '/var/lib/db': {} },
    });
    await createContainer(lab.engineHost, 'bind-user', {
      Image: image,
      Cmd: KEEP_RUNNING(),
      HostConfig: { Binds: [`${hostDir}:/mnt/host`] },
    });
    await createContainer(
      lab.engineHost,
      'host-pid',
      { Image: image, Cmd: ['true'], HostConfig: { PidMode: 'host' } },
      false,
    );
    for (const name of ['app-1', 'app-2', 'app-3', 'app-4'])
      await createContainer(lab.engineHost, name, { Image: image, Cmd: KEEP_RUNNING() });
    await new Promise((r) => setTimeout(r, 500)); // let the writes land
    lab.writeAdminPolicy(true, true);
    expect(await lab.relaunch()).toBe('on');
    // The relaunch stopped them; like a user, start them again (they run without ECI).
    for (const name of RUNNING) await engineApi(lab.engineHost, 'POST', `/containers/${name}/start`);
    // Data the container's own command cannot write again: only a snapshot can keep it.
    await execIn(lab.engineHost, 'layer-changer', ['sh', '-c', `echo ${written} > /tmp/written-by-test`]);
    app = await AppHarness.start(lab);
    page = await (await browser.newContext()).newPage();
    await app.open(page, 'cleanup');
  });
  test.afterAll(async () => {
    await page?.context().close();
    await app?.stop();
    await lab?.teardown();
    rmSync(hostDir, { recursive: true, force: true });
  });
  test.afterEach(() => {
    expect(app.pageErrors).toEqual([]);
  });

  test('the audit, grouped by Compose project, says what each container holds; the plan preview follows each choice', async () => {
    await expect(page.locator('.cleanup .summary')).toContainText('11 containers from before ECI run unprotected');
    const shop = page.locator('[data-project="shop"]');
    await expect(shop.locator('.group-head h2')).toHaveText('Compose project "shop"');
    await expect(shop.locator('[data-container]')).toHaveCount(2);
    await expect(page.locator('[data-project=""] .group-head h2')).toHaveText('Not part of a Compose project');
    await expect(card('vol-writer')).toContainText('Named volume appdata at /data');
    await expect(card('layer-changer')).toContainText(
      /\d+(\.\d)? (bytes|KiB) written inside the container \(its writable layer\)/,
    );
    await expect(card('web')).toContainText('Published ports 8080->80/tcp');
    await expect(card('web')).toContainText('restart policy unless-stopped');
    await expect(card('shop-db-1')).toContainText(/Anonymous volume [0-9a-f]{12} at \/var\/lib\/db/);
    await expect(card('bind-user')).toContainText(`Host folder ${hostDir} mounted at /mnt/host`);
    await expect(card('vol-writer')).toContainText('runtime runc');

    // Nothing that runs or holds data starts selected: only host-pid (never started, holds nothing),
    // and the plan shown (and applied) is the one for that row alone.
    for (const name of RUNNING) await expect(card(name).getByLabel('Include in the cleanup')).not.toBeChecked();
    await expect(card('host-pid').getByLabel('Include in the cleanup')).toBeChecked();
    await expect(page.locator('[data-plan-item]')).toHaveCount(1);
    await expect(page.locator('[data-role="plan-summary"]')).toHaveText('Remove 1 · 10 not included');
    await expect(applyButton()).toHaveText('Remove 1 container…');
    await windowScreenshots(page, 'cleanup-first-look');
    for (const name of ['vol-writer', 'shop-api-1', 'web', 'layer-changer'])
      await card(name).getByLabel('Include in the cleanup').check();
    await expect(page.locator('[data-plan-item]')).toHaveCount(5);
    // Defaults: re-create under ECI where possible, else keep what the container holds.
    await expect(card('vol-writer').locator('select')).toHaveValue('recreate');
    await expect(card('host-pid').locator('select')).toHaveValue('remove');
    await expect(planItem('vol-writer')).toContainText('named volume appdata (at /data): volumes are never removed');
    await expect(planItem('shop-api-1')).toContainText(
      'The Compose way: docker compose -p shop --project-directory /srv/shop up -d --force-recreate',
    );

    await card('host-pid').locator('select').selectOption('recreate');
    await expect(planItem('host-pid')).toContainText(
      "Not possible: It cannot run under ECI: it shares the host's pid namespace, which ECI refuses.",
    );
    await card('host-pid').locator('select').selectOption('remove');
    await card('web').locator('select').selectOption('remove');
    await expect(planItem('web')).toContainText('web: Remove (volumes are kept)');
    await expect(planItem('web').locator('.lost')).toContainText(
      'published ports 8080->80/tcp, restart policy (unless-stopped) and logs',
    );
    await card('layer-changer').locator('select').selectOption('snapshot');
    await expect(planItem('layer-changer').locator('.kept')).toContainText(
      /in the image eci-tray-snapshot\/layer-changer-[0-9a-f]{12}:/,
    );
    // The preview, one click from the footer, open for axe: Kept and Lost in both themes.
    await page.getByRole('button', { name: 'Preview the plan' }).click();
    await expect(page.locator('details.plan-box')).toHaveAttribute('open', '');
    await checkPage(page, 'cleanup-plan');
  });

  test('a cancelled apply changes nothing; a confirmed one shows progress per container and the results', async () => {
    const chosen = ['vol-writer', 'layer-changer', 'web'];
    for (const name of chosen) await card(name).getByLabel('Include in the cleanup').check();
    for (const name of ['shop-api-1', 'shop-db-1', 'bind-user', 'host-pid', 'app-1', 'app-2', 'app-3', 'app-4'])
      await card(name).getByLabel('Include in the cleanup').uncheck();
    await expect(applyButton()).toHaveText('Remove 1, snapshot 1 and re-create 1 container…');
    await expect(page.locator('[data-role="plan-summary"]')).toHaveText(
      'Remove 1 · Snapshot 1 · Re-create 1 · 8 not included',
    );
    await expect(page.locator('[data-plan-item]')).toHaveCount(3);
    const before = await Promise.all(chosen.map(async (n) => (await inspect(lab.engineHost, n)).Id));

    app.confirmAnswer = false;
    await applyButton().click();
    await expect(page.locator('.progress-line')).toHaveText('Cancelled: nothing was changed.');
    expect(app.confirms.at(-1)).toMatchObject({
      title: 'Apply the cleanup plan?',
      message: 'Remove 1, snapshot 1 and re-create 1 container?',
      confirmLabel: 'Remove 1, snapshot 1 and re-create 1 container',
    });
    expect(app.confirms.at(-1)!.detail).toContain('web: the container itself');
    expect(await Promise.all(chosen.map(async (n) => (await inspect(lab.engineHost, n))?.Id))).toEqual(before);

    // Cancelling keeps the choices.
    await expect(applyButton()).toHaveText('Remove 1, snapshot 1 and re-create 1 container…');
    await expect(planItem('web')).toContainText('web: Remove');
    await expect(planItem('layer-changer')).toContainText('layer-changer: Snapshot');
    await expect(card('shop-api-1').getByLabel('Include in the cleanup')).not.toBeChecked();
    app.confirmAnswer = true;
    const progressEvents = app.events.filter((e) => e.event === 'cleanup:progress').length;
    await applyButton().click();
    const result = page.locator('.result-box');
    await expect(result).toBeVisible({ timeout: 120_000 });
    for (const name of ['vol-writer', 'web'])
      await expect(result.locator(`[data-result-item="${name}"]`)).toHaveAttribute('data-outcome', 'done');
    // The lab's remapped engine commits an empty layer for a container made before the switch:
    // the snapshot is checked, found wanting, and the original is kept whole and running.
    await expect(result.locator('[data-result-item="layer-changer"]')).toHaveAttribute('data-outcome', 'failed');
    await expect(result.locator('[data-result-item="layer-changer"]')).toContainText(
      'does not hold what the container wrote',
    );
    // The original was kept: the result leads with it, and says so only there.
    await expect(result.locator('[data-result-item="layer-changer"]')).toContainText(
      'Nothing was lost: layer-changer is as it was',
    );
    await expect(result.locator('[data-result-item="web"]')).not.toContainText('Nothing was lost');
    await expect(page.locator('.progress-line')).toHaveText(
      'Finished with 1 failure. Nothing was lost: layer-changer is as it was.',
    );
    const log = page.locator('.progress-log');
    // Items run in the audit's order.
    await expect(log).toContainText(
      /\[1\/3\] layer-changer: saving its filesystem as eci-tray-snapshot\/layer-changer-[0-9a-f]{12}:/,
    );
    await expect(log).toContainText('[2/3] vol-writer: creating it again from');
    await expect(log).toContainText('[3/3] web: done');
    await expect(page.locator('.progress-panel progress')).toHaveJSProperty('value', 3);
    expect(app.events.filter((e) => e.event === 'cleanup:progress').length).toBeGreaterThan(progressEvents + 6);
    // Keyboard focus moved to the result.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('result-box'))).toBe(true);

    const recreated = await inspect(lab.engineHost, 'vol-writer');
    expect(recreated.HostConfig.Runtime).toBe('sysbox-runc');
    expect(recreated.State.Running).toBe(true);
    expect(await execIn(lab.engineHost, 'vol-writer', ['cat', '/data/greeting'])).toBe('hello\n');
    const kept = await inspect(lab.engineHost, 'layer-changer');
    expect(kept.Id).toBe(before[1]);
    expect(kept.State.Running).toBe(true);
    expect(await execIn(lab.engineHost, 'layer-changer', ['cat', '/tmp/written-by-test'])).toBe(`${written}\n`);
    expect(await inspect(lab.engineHost, 'web')).toBeNull();
    const images = (await engineApi(lab.engineHost, 'GET', '/images/json')).json as Array<{
      RepoTags: string[] | null;
    }>;
    expect(images.flatMap((i) => i.RepoTags ?? []).some((t) => t.startsWith('eci-tray-snapshot/layer-changer'))).toBe(
      false,
    );
    // The audit was looked at again: the two done are no longer listed; layer-changer still is.
    await expect(page.locator('.cleanup .summary')).toContainText('9 containers from before ECI');
    for (const name of ['vol-writer', 'web']) await expect(card(name)).toHaveCount(0);
    await expect(card('layer-changer')).toHaveCount(1);
    // After an apply nothing is selected again: no live red button until the user chooses.
    await expect(page.locator('[data-plan-item]')).toHaveCount(0);
    await expect(applyButton()).toHaveText('Nothing to change');
    await expect(applyButton()).toBeDisabled();
    await expect(applyButton()).not.toHaveClass(/danger/);
    await screenshot(page, 'cleanup-applied');
    await windowScreenshots(page, 'cleanup-applied');
  });

  test('an apply killed midway is offered for resume, and resuming finishes it', async () => {
    const env = { ...lab.env(), ECI_TRAY_STATE_DIR: app.stateDir };
    const planPath = join(app.stateDir, 'four.json');
    const only = ['app-1', 'app-2', 'app-3', 'app-4'].flatMap((n) => ['--only', n]);
    const made = await runCli(
      ['cleanup', '--plan', '--strategy', 'recreate', ...only, '--output', planPath, ...lab.productArgs()],
      env,
    );
    expect(made.code, made.stderr).toBe(0);
    const plan = JSON.parse(readFileSync(planPath, 'utf8'));
    const journal = join(app.stateDir, 'cleanup', `${plan.id}.journal.jsonl`);
    const records = () =>
      existsSync(journal)
        ? readFileSync(journal, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l))
        : [];
    const child = spawn(process.execPath, [CLI, 'cleanup', '--apply', planPath, '--yes', ...lab.productArgs()], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    const exited = new Promise((r) => child.on('exit', r));
    for (;;) {
      const recs = records();
      if (recs.some((x) => x.type === 'item-end') && recs.some((x) => x.type === 'step' && x.index === 1)) break;
      if (child.exitCode !== null) throw new Error('the apply finished before it could be interrupted');
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    await exited;

    await page.getByRole('button', { name: 'Look again' }).click();
    const box = page.locator('.interrupted');
    await expect(box).toBeVisible();
    await expect(box.locator('h2')).toHaveText('A cleanup was interrupted');
    await expect(box.locator('[data-interrupted-item="app-1"]')).toHaveAttribute('data-status', 'done');
    await expect(box.locator('[data-interrupted-item="app-2"]')).toHaveAttribute('data-status', 'in progress');
    await expect(box.locator('[data-interrupted-item="app-4"]')).toHaveAttribute('data-status', 'not started');
    await checkPage(page, 'cleanup-interrupted');

    // Discard asks first (the journal would be set aside, no container touched); a no keeps it offered.
    app.confirmAnswer = false;
    await box.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => app.confirms.at(-1)?.title).toBe('Discard the interrupted cleanup?');
    expect(app.confirms.at(-1)!.detail).toContain('app-2 was midway');
    await expect(box).toBeVisible();
    expect(existsSync(journal)).toBe(true);
    app.confirmAnswer = true;

    await box.getByRole('button', { name: 'Resume the cleanup' }).click();
    const result = page.locator('.result-box');
    await expect(result).toBeVisible({ timeout: 120_000 });
    expect(app.confirms.at(-1)).toMatchObject({ title: 'Resume the cleanup?' });
    for (const name of ['app-2', 'app-3', 'app-4'])
      await expect(result.locator(`[data-result-item="${name}"]`)).toHaveAttribute('data-outcome', 'done');
    await expect(box).toBeHidden();
    for (const name of ['app-1', 'app-2', 'app-3', 'app-4']) {
      const now = await inspect(lab.engineHost, name);
      expect(now.HostConfig.Runtime, name).toBe('sysbox-runc');
      expect(now.State.Running, name).toBe(true);
    }
    expect(await page.evaluate(() => window.eci.invoke('cleanup:interrupted'))).toBeNull();
    await screenshot(page, 'cleanup-resumed');
  });
});
