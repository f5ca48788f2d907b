// The Preferences window at its real size (760 × 720), on the real AppCore and the engine lab:
// a save says what changed and reaches the preferences file; a new probe image needs the user's
// yes in the native dialog (declined: nothing saved); "Check image" pulls through the lab's
// engine (no registry is reachable there) and gives a human cause; values the organization manages
// are disabled and marked. Keyboard only where a user would use it; axe and screenshots in both themes.

import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WINDOW_SPECS } from '../../main/app/window-manager';
import { interpretManaged } from '../../main/core/preferences/managed-preferences';
import { Lab } from '../lab/lab';
import { AppHarness } from './harness';
import { checkPage } from './page-checks';

test.describe.configure({ mode: 'serial' });

const SIZE = { width: WINDOW_SPECS.preferences.width, height: WINDOW_SPECS.preferences.height };

test.describe('preferences window', () => {
  let lab: Lab;
  let app: AppHarness;
  let page: Page;
  const status = () => page.locator('#saved');
  const savedFile = () =>
    JSON.parse(readFileSync(join(app.userDataDir, 'preferences.json'), 'utf8')) as Record<string, unknown>;

  test.beforeAll(async ({ browser }) => {
    lab = await Lab.start({ mode: 'on' });
    app = await AppHarness.start(lab);
    page = await (await browser.newContext({ viewport: SIZE })).newPage();
    await app.open(page, 'preferences');
    await expect(page.locator('#form')).toHaveAttribute('aria-busy', 'false');
  });
  test.afterAll(async () => {
    await page?.context().close();
    await app?.stop();
    await lab?.teardown();
  });
  test.afterEach(() => {
    expect(app.pageErrors).toEqual([]);
  });

  test('the sections with labelled controls; axe and screenshots in both themes', async () => {
    for (const legend of ['Alerts', 'Quiet hours', 'Checks', 'Startup'])
      await expect(page.getByRole('group', { name: legend })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'ECI stopped protecting containers' })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Docker stopped' })).not.toBeChecked();
    await expect(page.getByRole('combobox', { name: 'Check interval' })).toHaveValue('60');
    await expect(page.getByRole('textbox', { name: 'Probe image' })).toHaveValue(lab.probeImage);
    await expect(page.getByRole('checkbox', { name: 'Start ECI Tray when I log in' })).toBeVisible();
    await expect(page.getByLabel('From', { exact: true })).toBeDisabled();
    await expect(page.locator('#managed-note')).toBeHidden();
    await checkPage(page, 'preferences');
  });

  test('from the keyboard: quiet hours, an alert and the interval are saved, and the window says what changed', async () => {
    const quiet = page.getByRole('checkbox', { name: 'No notifications during quiet hours' });
    await quiet.focus();
    await page.keyboard.press('Space');
    await expect(page.getByLabel('From', { exact: true })).toBeEnabled();
    await page.getByRole('checkbox', { name: 'ECI is on and verified' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('combobox', { name: 'Check interval' }).selectOption('240');
    await page.getByRole('button', { name: 'Save' }).focus();
    await page.keyboard.press('Enter');
    await expect(status()).toContainText('Saved:');
    await expect(status().locator('li')).toHaveText([
      'Alert "ECI is on and verified": on → off',
      'Quiet hours: none → 22:00 to 07:00',
      'Check interval: every hour → every 4 hours',
    ]);
    expect(savedFile()).toMatchObject({
      safetyIntervalMinutes: 240,
      quietHours: { from: '22:00', until: '07:00' },
      alerts: { 'protection-verified': false },
    });
    expect(app.confirms).toEqual([]);
    await checkPage(page, 'preferences-saved');
  });

  test('Save with nothing changed says so; equal quiet hours are refused in the window', async () => {
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(status()).toHaveText('Nothing to save: no setting was changed.');
    await page.getByLabel('To', { exact: true }).fill('22:00');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('#alert')).toHaveText('Quiet hours need a start and an end time that differ.');
    await page.getByRole('button', { name: 'Undo changes' }).click();
    await expect(page.getByLabel('To', { exact: true })).toHaveValue('07:00');
    await expect(page.locator('#alert')).toBeHidden();
  });

  test('"Check image": the lab image is here but no registry answers; a name nobody serves cannot be downloaded', async () => {
    await page.getByRole('button', { name: 'Check image' }).click();
    const imageStatus = page.locator('#image-status');
    await expect(imageStatus).toContainText(`${lab.probeImage} is on this machine, so checks can run`, {
      timeout: 90_000,
    });
    await expect(imageStatus).not.toContainText(/dial tcp|lookup|Error response/);
    await page.getByRole('textbox', { name: 'Probe image' }).fill('registry.eci-tray.invalid/probe:1');
    await page.getByRole('button', { name: 'Check image' }).click();
    await expect(imageStatus).toContainText("registry.eci-tray.invalid/probe:1 can't be downloaded: ", {
      timeout: 90_000,
    });
    await expect(imageStatus).toHaveClass(/tone-bad/);
    await checkPage(page, 'preferences-image-check');
    // Checking saved nothing.
    expect(savedFile()['probeImage']).toBe(lab.probeImage);
    await page.getByRole('button', { name: 'Undo changes' }).click();
  });

  test('a new probe image asks in the native dialog: declined, nothing is saved; confirmed, it is', async () => {
    const field = page.getByRole('textbox', { name: 'Probe image' });
    await field.fill('alpine:latest');
    app.confirmAnswer = false;
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(status()).toHaveText('Not saved. Not changed: the change of the probe image was not confirmed.');
    expect(app.confirms.at(-1)).toMatchObject({ title: 'Change what ECI Tray verifies?', confirmLabel: 'Change' });
    expect(savedFile()['probeImage']).toBe(lab.probeImage);

    app.confirmAnswer = true;
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(status().locator('li')).toHaveText([`Probe image: ${lab.probeImage} → alpine:latest`]);
    expect(app.confirms).toHaveLength(2);
    expect(savedFile()['probeImage']).toBe('alpine:latest');
  });
});

test.describe('preferences window with managed preferences', () => {
  let lab: Lab;
  let app: AppHarness;
  let page: Page;
  const SOURCE = '/etc/eci-tray/managed-preferences.json';

  test.beforeAll(async ({ browser }) => {
    lab = await Lab.start({ mode: 'on' });
    app = await AppHarness.start(lab, {
      managed: interpretManaged(
        { probeImage: lab.probeImage, startAtLogin: true, alerts: { 'engine-unreachable': true } },
        SOURCE,
      ),
    });
    page = await (await browser.newContext({ viewport: SIZE })).newPage();
    await app.open(page, 'preferences');
    await expect(page.locator('#form')).toHaveAttribute('aria-busy', 'false');
  });
  test.afterAll(async () => {
    await page?.context().close();
    await app?.stop();
    await lab?.teardown();
  });
  test.afterEach(() => {
    expect(app.pageErrors).toEqual([]);
  });

  test('managed values are disabled and marked "Set by your administrator"; the rest still saves', async () => {
    await expect(page.locator('#managed-note')).toHaveText(
      `Some settings are set by your administrator (${SOURCE}) and cannot be changed here.`,
    );
    const image = page.getByRole('textbox', { name: 'Probe image' });
    await expect(image).toBeDisabled();
    await expect(image).toHaveAccessibleDescription(/Set by your administrator/);
    await expect(page.getByRole('checkbox', { name: 'Start ECI Tray when I log in' })).toBeDisabled();
    const stopped = page.getByRole('checkbox', { name: 'Docker stopped' });
    await expect(stopped).toBeDisabled();
    await expect(stopped).toBeChecked();
    await expect(page.locator('#alert-engine-unreachable-managed')).toHaveText('Set by your administrator');
    await expect(page.getByRole('checkbox', { name: 'ECI is on and verified' })).toBeEnabled();
    await checkPage(page, 'preferences-managed');

    await page.getByRole('checkbox', { name: 'ECI is on and verified' }).uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('#saved li')).toHaveText(['Alert "ECI is on and verified": on → off']);
    expect(app.confirms).toEqual([]);
  });

  test('a compromised page that sends a managed value anyway is refused, naming the source', async () => {
    const refused = await page.evaluate(() =>
      window.__eciRaw('preferences:set', { probeImage: 'evil.example/probe:1' }),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(!refused.ok && refused.error.message).toBe(
      `Not changed: probeImage is set by your organization (${SOURCE}).`,
    );
    expect(app.confirms).toEqual([]);
  });
});
