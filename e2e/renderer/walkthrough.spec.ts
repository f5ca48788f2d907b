// The whole walkthrough on the lab, asserting the page at every step: ECI off with containers
// holding data (a named volume; files in a writable layer), cleanup by snapshot and removal while
// ECI is off, the admin policy, a menu restart that is not enough, the full quit and relaunch
// through the lab's `docker desktop` plugin, live verification, and the removed containers
// re-created under ECI with their data. Then the reverse case: a policy turns ECI off.

import { expect, test, type Page } from '@playwright/test';
import { createContainer, engineApi, execIn, inspect } from '../integration/helpers';
import { Lab } from '../lab/lab';
import { formatTime } from '../../main/core/text/time';
import { AppHarness } from './harness';
import { checkPage, checkTableFits, screenshot } from './page-checks';

const KEEP_RUNNING = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"];

test.describe.configure({ mode: 'serial' });

test.describe('guided walkthrough', () => {
  let lab: Lab;
  let app: AppHarness;
  let page: Page;
  const step = (id: string) => page.locator(`[data-step="${id}"]`);
  const why = (id: string) => step(id).locator('.step-why');
  const status = (id: string, s: string) => expect(step(id)).toHaveAttribute('data-status', s, { timeout: 60_000 });
  const card = (name: string) => page.locator(`[data-container="${name}"]`);
  const heading = () => page.locator('#result h1');
  /** One glance: only the step the user is at is open, and it holds the window's one primary button. */
  const atStep = async (id: string) => {
    await expect(page.locator('details.step-box[open]')).toHaveCount(1);
    await expect(step(id).locator('details.step-box')).toHaveAttribute('open', '');
    await expect(page.locator('button.primary:visible')).toHaveCount(1);
    await expect(step(id).locator('button.primary:visible')).toHaveCount(1);
  };
  const expand = (id: string) => step(id).locator('summary.step-head').click();
  /** The page's content height at the test's 1000 px width, and where the step the user is at starts, for the report. */
  const pageHeight = async (name: string) => {
    const [height, at] = await page.evaluate(() => {
      const current = document.querySelector('.step[aria-current="step"]');
      return [
        Math.ceil(document.body.getBoundingClientRect().height),
        current ? Math.round(current.getBoundingClientRect().top + window.scrollY) : null,
      ];
    });
    console.log(
      `page height ${name}: ${height} px at ${page.viewportSize()?.width} px wide; the current step starts at ${at ?? 'none'} px`,
    );
    return height;
  };

  test.beforeAll(async ({ browser }) => {
    lab = await Lab.start({ mode: 'off' });
    await engineApi(lab.engineHost, 'POST', '/volumes/create', { Name: 'appdata' });
    await createContainer(lab.engineHost, 'vol-writer', {
      Image: lab.probeImage,
      Cmd: KEEP_RUNNING,
      HostConfig: { Binds: ['appdata:/data'] },
    });
    await createContainer(lab.engineHost, 'layer-changer', { Image: lab.probeImage, Cmd: KEEP_RUNNING });
    // The data is written after start: only the volume, or a snapshot, can bring it back.
    await execIn(lab.engineHost, 'vol-writer', ['sh', '-c', 'echo hello > /data/greeting']);
    await execIn(lab.engineHost, 'layer-changer', ['sh', '-c', 'echo precious > /tmp/state.txt']);
    app = await AppHarness.start(lab);
    page = await (await browser.newContext()).newPage();
    await app.open(page, 'walkthrough');
  });
  test.afterAll(async () => {
    await page?.context().close();
    await app?.stop();
    await lab?.teardown();
  });
  test.afterEach(() => {
    expect(app.pageErrors).toEqual([]);
  });

  test('ECI off, two containers created without it: every step from the real state', async () => {
    await expect(page.locator('#purpose')).toHaveText('Walkthrough: turn on Enhanced Container Isolation');
    await expect(heading()).toHaveText('Step 2 of 6: Containers from before ECI');
    await status('prerequisites', 'done');
    await expect(step('prerequisites').locator('.step-line')).toHaveText(
      'Checked: Docker Desktop 4.37.1 runs Linux containers.',
    );
    await expect(why('prerequisites')).toHaveText('Docker Desktop 4.37.1 is running with Linux containers.');
    // The lab's plugin has no "auth status": the page says how to check by hand.
    await expect(step('prerequisites')).toContainText(
      'Sign-in unknown. Open Docker Desktop and look at the account menu',
    );
    await status('containers', 'current');
    await expect(why('containers')).toContainText('2 containers from before ECI stay unprotected even after ECI is on');
    await expect(step('containers')).toHaveAttribute('aria-current', 'step');
    await status('turn-on', 'todo');
    // Steps not reached yet are neutral: what they wait for, no results, no colour.
    for (const id of ['turn-on', 'relaunch', 'verify'])
      await expect(step(id).locator('.step-line')).toHaveText('Waits for step 2.');
    await expect(step('verify').locator('.verify-checks')).toBeHidden();
    await expect(page.locator('.step.status-todo .step-head .badge')).toHaveText([
      'Not yet',
      'Not yet',
      'Not yet',
      'Not yet',
    ]);
    await expect(why('turn-on')).toHaveText('Nothing asks for ECI yet.');
    await expect(step('turn-on')).toContainText('Settings > General > "Use Enhanced Container Isolation", then Apply.');
    await status('relaunch', 'todo');
    await expect(step('relaunch')).toContainText('Restart from the Docker menu is not enough');
    await expect(step('relaunch').locator('[data-action="relaunch"]')).toBeHidden();
    await status('verify', 'todo');
    // Nothing to re-create yet, but the step has not come: it waits, never "Done".
    await status('recreate', 'todo');
    await expect(step('recreate').locator('.step-line')).toHaveText('Waits for step 2.');
    await expect(why('recreate')).toHaveText('No container was removed during the walkthrough.');
    await expect(page.locator('#summary')).toContainText('2 containers from before ECI stay unprotected');

    // Step 2 holds the cleanup view, open while it is the current step.
    await expect(step('containers').locator('details.inline-cleanup')).toHaveAttribute('open', '');
    await expect(card('vol-writer')).toContainText('Named volume appdata at /data');
    await expect(card('layer-changer')).toContainText('written inside the container (its writable layer)');
    await expect(card('layer-changer').locator('select')).toHaveValue('snapshot');
    await expect(card('vol-writer').locator('select')).toHaveValue('remove');
    await expect(card('vol-writer').locator('option[value="recreate"]')).toBeDisabled();
    // Both run and hold data: neither starts selected, and no red button is live until the user chooses.
    for (const name of ['vol-writer', 'layer-changer'])
      await expect(card(name).getByLabel('Include in the cleanup')).not.toBeChecked();
    await expect(page.locator('[data-action="apply"]')).toBeDisabled();
    await expect(page.locator('[data-action="apply"]')).not.toHaveClass(/danger/);
    for (const name of ['vol-writer', 'layer-changer']) await card(name).getByLabel('Include in the cleanup').check();
    await atStep('containers');
    await checkPage(page, 'walkthrough-off');
    // At the window's real width (820 px) and wider, the table fits and its chips break between words.
    await checkTableFits(page, 'walkthrough-off', [900, 1000]);
  });

  test('step 2: snapshot and remove both while ECI is off', async () => {
    await card('vol-writer').locator('select').selectOption('snapshot');
    const plan = page.locator('[data-plan-item="vol-writer"]');
    await expect(plan).toContainText('vol-writer: Snapshot its files, then remove');
    await expect(plan.locator('.kept')).toContainText('named volume appdata (at /data): volumes are never removed');
    await page.getByRole('button', { name: 'Snapshot and remove 2 containers' }).click();
    await expect(page.locator('[data-result-item="vol-writer"]')).toHaveAttribute('data-outcome', 'done', {
      timeout: 120_000,
    });
    await expect(page.locator('[data-result-item="layer-changer"]')).toHaveAttribute('data-outcome', 'done');
    expect(app.confirms.map((c) => c.title)).toEqual(['Apply the cleanup plan?']);

    await status('containers', 'done');
    await expect(why('containers')).toHaveText('No container from before ECI runs.');
    await status('turn-on', 'current');
    await expect(heading()).toHaveText('Step 3 of 6: Turn ECI on');
    await expect(step('containers').locator('.step-line')).toHaveText(
      'Checked the containers: none from before ECI runs.',
    );
    // Re-creating waits (neutral), its reason kept inside for when it is opened.
    await status('recreate', 'todo');
    await expect(step('recreate').locator('.step-line')).toHaveText('Waits for step 3.');
    await expect(why('recreate')).toContainText('ECI must be in effect first, or');
    await expect(why('recreate')).toContainText('vol-writer');
    await expect(step('recreate').locator('[data-action="recreate"]')).toHaveAttribute('aria-disabled', 'true');
    await expect(step('recreate').locator('[data-action="skip-recreate"]')).toBeEnabled();
    expect(await inspect(lab.engineHost, 'vol-writer')).toBeNull();
    expect(await inspect(lab.engineHost, 'layer-changer')).toBeNull();
    expect(
      ((await engineApi(lab.engineHost, 'GET', '/volumes')).json.Volumes as Array<{ Name: string }>).map((v) => v.Name),
    ).toContain('appdata');
    await checkPage(page, 'walkthrough-cleaned-up');
  });

  test('progress survives closing the window and restarting the app', async () => {
    app.forget(page);
    await page.goto('about:blank');
    await app.restartApp();
    await app.open(page, 'walkthrough');
    await status('containers', 'done');
    await status('turn-on', 'current');
    await status('recreate', 'todo');
    await expect(why('recreate')).toContainText('vol-writer');
    await expect(why('recreate')).toContainText('layer-changer');
  });

  test('step 3: an admin policy asks for ECI; the relaunch is next, with what it will stop', async () => {
    lab.writeAdminPolicy(true, true);
    await status('turn-on', 'done');
    await expect(why('turn-on')).toHaveText(
      `ECI is asked for by an admin policy in ${lab.paths.adminSettings} (locked: you cannot change it).`,
    );
    await status('relaunch', 'current');
    await expect(step('relaunch').locator('.step-line')).toHaveText(
      'The setting is saved but not in effect: it applies only after you quit and reopen Docker Desktop.',
    );
    await expect(step('relaunch').locator('[data-relaunch-warning]')).toContainText(
      'Docker Desktop will quit and reopen.',
    );
    await expect(step('relaunch').locator('[data-action="relaunch"]')).toBeVisible();
    await expect(step('relaunch').locator('[data-action="relaunch"]')).toHaveText('Quit and reopen Docker Desktop');
    await expect(heading()).toHaveText('Step 4 of 6: Quit and reopen Docker Desktop');
    await expect(page.locator('#summary')).toHaveText(
      'The setting is saved but not in effect: it applies only after you quit and reopen Docker Desktop.',
    );
    await expect(step('turn-on').locator('.step-line')).toHaveText('ECI was turned on by an admin policy (locked).');
    // Times come in the locale's format (formatTime): AppCore runs in this Node process, not the page.
    await expect(step('verify').locator('.step-line')).toHaveText('Waits for step 4.');
    await atStep('relaunch');
    await pageHeight('walkthrough-pending');
    await checkPage(page, 'walkthrough-pending');
  });

  test('the window opens scrolled to the current step', async () => {
    // A short window, so the current step starts below the fold unless the page scrolls to it.
    app.forget(page);
    await page.goto('about:blank');
    await page.setViewportSize({ width: 1000, height: 420 });
    try {
      await app.open(page, 'walkthrough');
      await status('relaunch', 'current');
      await expect(step('relaunch').locator('summary.step-head')).toBeInViewport();
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
      // The steps before it are one line each.
      for (const id of ['prerequisites', 'containers', 'turn-on'])
        await expect(step(id).locator('.step-body')).toBeHidden();
    } finally {
      await page.setViewportSize({ width: 1000, height: 900 });
    }
  });

  test('a restart from the Docker menu is not enough, and the step says so', async () => {
    await lab.menuRestart();
    await expect(why('relaunch')).toHaveText(
      'Restart from the Docker menu did not apply the setting: quit and reopen Docker Desktop.',
      { timeout: 60_000 },
    );
    await status('relaunch', 'current');
    await screenshot(page, 'walkthrough-menu-restart');
  });

  test('step 4: quit and relaunch after confirmation, with progress, through the docker desktop plugin', async () => {
    const button = step('relaunch').locator('[data-action="relaunch"]');
    app.confirmAnswer = false;
    await button.click();
    await expect(step('relaunch').locator('.progress-line')).toHaveText('Cancelled: Docker Desktop was not touched.');
    expect(lab.mode).toBe('off');

    app.confirmAnswer = true;
    await button.click();
    const outcome = step('relaunch').locator('.outcome');
    await expect(outcome).toHaveText('Docker Desktop was quit and reopened: the setting now applies (Protected).', {
      timeout: 180_000,
    });
    expect(app.confirms.at(-1)).toMatchObject({
      title: 'Quit and reopen Docker Desktop?',
      confirmLabel: 'Quit and reopen Docker Desktop',
    });
    expect(app.confirms.at(-1)!.detail).toContain('Restart from the Docker menu is not enough');
    const log = step('relaunch').locator('.progress-log');
    for (const line of [
      /Running \S*docker desktop stop/,
      'Waiting for the Docker engine to stop',
      /Running \S*docker desktop start/,
      'Waiting for the Docker engine to answer',
      'Verifying ECI with probe containers',
      /Done: protected/i,
    ]) {
      await expect(log).toContainText(line);
    }
    expect(lab.mode).toBe('on');
    await status('relaunch', 'done');
    await expect(why('relaunch')).toHaveText('The setting is in effect.');
    await status('verify', 'done');
    await status('recreate', 'current');
  });

  test('step 5: verify runs the four checks live and shows each', async () => {
    const probes = app.state!.probeRuns;
    // Done, so collapsed to its past-tense line; opened by hand to verify again.
    await expect(step('verify').locator('.step-line')).toHaveText(
      /^Verified by probe containers at \d?\d:\d\d(?: [AP]M)?\.$/,
    );
    await expect(step('verify').getByRole('button', { name: 'Verify now' })).toBeHidden();
    await expand('verify');
    await step('verify').getByRole('button', { name: 'Verify now' }).click();
    await expect(step('verify').locator('.progress-line')).toHaveText('Verified: Protected.');
    expect(app.state!.probeRuns).toBeGreaterThan(probes);
    const check = (id: string) => step('verify').locator(`[data-check="${id}"]`);
    await expect(check('uid-map').locator('code')).toHaveText('0 100000 65536');
    await expect(check('runtime').locator('code')).toHaveText('sysbox-runc');
    for (const id of ['uid-map', 'runtime', 'host-pid-namespace', 'docker-socket-mount'])
      await expect(check(id).locator('.badge')).toHaveText('Isolated');
    await expect(why('verify')).toHaveText('Verified by probe containers.');
    // Verifying again is not the way forward: its button stays secondary.
    await expect(step('verify').getByRole('button', { name: 'Verify now' })).not.toHaveClass(/primary/);
    await checkPage(page, 'walkthrough-verified');
  });

  test('step 6 is optional: skipping it can be undone', async () => {
    await step('recreate').getByRole('button', { name: 'Skip this step' }).click();
    await status('recreate', 'done');
    await expect(why('recreate')).toHaveText('Skipped.');
    await expect(step('recreate').locator('.step-line')).toHaveText(
      /^Skipped re-creating (vol-writer, layer-changer|layer-changer, vol-writer)\.$/,
    );
    await expect(heading()).toHaveText(/^ECI is on and verified, \d?\d:\d\d(?: [AP]M)?$/);
    await expand('recreate');
    await step('recreate').getByRole('button', { name: 'Undo skip' }).click();
    await status('recreate', 'current');
    await expect(why('recreate')).toContainText('can be created again with the same configuration, now under ECI.');
  });

  test('step 6: the removed containers are re-created under ECI, with their data', async () => {
    await step('recreate').getByRole('button', { name: 'Re-create them under ECI' }).click();
    await status('recreate', 'done');
    await expect(why('recreate')).toHaveText(/^Re-created: (vol-writer, layer-changer|layer-changer, vol-writer)\.$/);
    expect(app.confirms.at(-1)).toMatchObject({ title: 'Re-create the removed containers?' });
    await expect(page.locator('body')).toHaveAttribute('data-complete', 'true');
    for (const name of ['vol-writer', 'layer-changer']) {
      const now = await inspect(lab.engineHost, name);
      expect(now.HostConfig.Runtime, name).toBe('sysbox-runc');
      expect(now.State.Running, name).toBe(true);
    }
    expect(await execIn(lab.engineHost, 'vol-writer', ['cat', '/data/greeting'])).toBe('hello\n');
    expect(await execIn(lab.engineHost, 'layer-changer', ['cat', '/tmp/state.txt'])).toBe('precious\n');
    await app.waitForState((s) => s.report.verdict === 'protected', 30_000, 'protected with the re-created containers');
    // Done: the header says so (with the time of the last verification), never the task's title.
    const verifiedAt = app.state!.verifiedAt!;
    const hhmm = formatTime(verifiedAt);
    await expect(heading()).toHaveText(`ECI is on and verified, ${hhmm}`);
    await expect(page.locator('#purpose')).toHaveText('Walkthrough done');
    await expect(page.locator('#result')).not.toContainText('Turn on');
    await expect(page.locator('#summary')).toHaveText('Nothing is left to do. The steps below show what was done.');
    // Opened again (steps opened by hand stay open while the window is), every step is one
    // past-tense line and nothing asks to be pressed.
    app.forget(page);
    await page.goto('about:blank');
    await app.open(page, 'walkthrough');
    // The monitor may have verified again meanwhile (across a minute): the time shown is the latest one's.
    await expect(heading()).toHaveText(/^ECI is on and verified, \d?\d:\d\d(?: [AP]M)?$/);
    const shown = (await heading().textContent())!.replace(/^ECI is on and verified, /, '');
    expect([hhmm, formatTime(app.state!.verifiedAt!)]).toContain(shown);
    await expect(page.locator('details.step-box[open]')).toHaveCount(0);
    await expect(page.locator('button.primary:visible')).toHaveCount(0);
    await expect(page.locator('.step-line')).toHaveText([
      'Checked: Docker Desktop 4.37.1 runs Linux containers.',
      'Checked the containers: none from before ECI runs.',
      'ECI was turned on by an admin policy (locked).',
      'Applied: ECI is in effect.',
      `Verified by probe containers at ${shown}.`,
      /^Re-created under ECI: (vol-writer, layer-changer|layer-changer, vol-writer)\.$/,
    ]);
    expect(await pageHeight('walkthrough-complete')).toBeLessThan(900);
    await checkPage(page, 'walkthrough-complete');
  });

  test('the reverse case: a locked policy turns ECI off, and the page never says to turn it on', async () => {
    lab.writeAdminPolicy(false, true);
    await expect(page.locator('#purpose')).toHaveText('Walkthrough: a policy turns Enhanced Container Isolation off', {
      timeout: 60_000,
    });
    await expect(heading()).toHaveText('Step 4 of 6: Quit and reopen Docker Desktop');
    await status('turn-on', 'done');
    await expect(step('turn-on').locator('h2')).toHaveText('3. A policy turns ECI off');
    await expect(why('turn-on')).toContainText(
      `ECI is set to off by an admin policy in ${lab.paths.adminSettings} (locked`,
    );
    await expect(why('containers')).toHaveText('Nothing to clean up when ECI is being turned off.');
    await status('relaunch', 'current');
    await expect(step('verify').locator('h2')).toHaveText('5. Verify that ECI is off');
    await expect(page.locator('main')).not.toContainText('Use Enhanced Container Isolation');
    await expect(page.locator('main')).not.toContainText('Turn ECI on');
    await checkPage(page, 'walkthrough-reverse-pending');

    await step('relaunch').locator('[data-action="relaunch"]').click();
    await expect(step('relaunch').locator('.outcome')).toHaveText(
      'Docker Desktop was quit and reopened: the setting now applies (ECI is off).',
      { timeout: 180_000 },
    );
    expect(lab.mode).toBe('off');
    await status('verify', 'done');
    await expect(heading()).toHaveText(/^ECI is off, as the policy asks, and verified, \d?\d:\d\d(?: [AP]M)?$/);
    await expect(page.locator('body')).toHaveAttribute('data-target', 'off');
    await expect(page.locator('main')).not.toContainText('Turn ECI on');
    await screenshot(page, 'walkthrough-reverse-done');
  });
});
