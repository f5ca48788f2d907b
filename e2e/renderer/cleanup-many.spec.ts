// The cleanup window with a real number of containers: 40 created on the lab before ECI was
// turned on, in four Compose projects and outside any, some holding files written by the test
// (docker exec, not their own command). One compact table: it fits in 3,000 px at 1000 px wide;
// the sticky footer says what the plan will do and follows every choice (a row, a project, select
// all/none over the filtered rows); the destructive button and the native dialog name the action.

import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContainer, engineApi, execIn } from '../integration/helpers';
import { Lab } from '../lab/lab';
import { AppHarness } from './harness';
import { checkPage, checkTableFits, SCREENSHOTS } from './page-checks';

const KEEP_RUNNING = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"];
const PROJECTS: Record<string, string[]> = {
  shop: ['web-1', 'web-2', 'web-3', 'api-1', 'api-2', 'api-3', 'db-1', 'cache-1'],
  blog: ['wp-1', 'db-1', 'cron-1', 'cron-2', 'cron-3', 'cron-4'],
  analytics: Array.from({ length: 10 }, (_, i) => `worker-${i + 1}`),
  ci: Array.from({ length: 6 }, (_, i) => `runner-${i + 1}`),
};
const LOOSE = Array.from({ length: 10 }, (_, i) => `tool-${i + 1}`);
const ALL = [...Object.entries(PROJECTS).flatMap(([p, services]) => services.map((s) => `${p}-${s}`)), ...LOOSE];
/** Files the test writes into them: their own command never could. */
const WRITTEN = [
  'shop-web-1',
  'shop-api-2',
  'blog-wp-1',
  'analytics-worker-3',
  'analytics-worker-7',
  'ci-runner-2',
  'tool-4',
  'tool-9',
];
/** Running again after the relaunch (unprotected); the others stay exited or never started. */
const RESTARTED = [
  'shop-web-1',
  'shop-web-2',
  'shop-api-1',
  'blog-wp-1',
  'analytics-worker-1',
  'analytics-worker-2',
  'ci-runner-1',
  'tool-1',
  'tool-4',
  'tool-9',
];

/** The height of a PNG file, from its IHDR chunk. */
function pngHeight(file: string): number {
  return readFileSync(file).readUInt32BE(20);
}

test.describe.configure({ mode: 'serial' });

test.describe('cleanup window with 40 containers', () => {
  let lab: Lab;
  let app: AppHarness;
  let page: Page;
  const row = (name: string) => page.locator(`tr[data-container="${name}"]`);
  const footer = () => page.locator('.cleanup-footer');
  const summary = () => page.locator('[data-role="plan-summary"]');
  const applyButton = () => page.locator('[data-action="apply"]');
  const groupAction = (project: string) => page.locator(`select[data-group-action="${project}"]`);

  test.beforeAll(async ({ browser }) => {
    lab = await Lab.start({ mode: 'off' });
    const image = lab.probeImage;
    await engineApi(lab.engineHost, 'POST', '/volumes/create', { Name: 'shop-db' });
    const started = new Set([...WRITTEN, ...RESTARTED]);
    await Promise.all(
      ALL.map((name) => {
        const project = Object.keys(PROJECTS).find((p) => name.startsWith(`${p}-`));
        const labels = project
          ? {
              'com.docker.compose.project': project,
              'com.docker.compose.service': name.slice(project.length + 1).replace(/-\d+$/, ''),
            }
          : {};
        const binds = name === 'shop-db-1' ? ['shop-db:/var/lib/db'] : [];
        return createContainer(
          lab.engineHost,
          name,
          { Image: image, Cmd: KEEP_RUNNING, Labels: labels, HostConfig: { Binds: binds } },
          started.has(name),
        );
      }),
    );
    for (const name of WRITTEN)
      await execIn(lab.engineHost, name, ['sh', '-c', `head -c 3000 /dev/urandom > /tmp/${name}.bin`]);
    lab.writeAdminPolicy(true, true);
    expect(await lab.relaunch()).toBe('on');
    for (const name of RESTARTED) await engineApi(lab.engineHost, 'POST', `/containers/${name}/start`);
    app = await AppHarness.start(lab);
    page = await (await browser.newContext({ viewport: { width: 1000, height: 900 } })).newPage();
    await app.open(page, 'cleanup');
    await expect(page.locator('.cleanup .summary')).toContainText('40 containers from before ECI run unprotected', {
      timeout: 60_000,
    });
  });
  test.afterAll(async () => {
    await page?.context().close();
    await app?.stop();
    await lab?.teardown();
  });
  test.afterEach(() => {
    expect(app.pageErrors).toEqual([]);
  });

  test('one compact table: 40 rows by Compose project, what each holds, in at most 3,000 px', async () => {
    await expect(page.locator('tr[data-container]')).toHaveCount(40);
    for (const [project, services] of Object.entries(PROJECTS)) {
      await expect(page.locator(`tbody[data-project="${project}"] tr[data-container]`)).toHaveCount(services.length);
      await expect(page.locator(`tbody[data-project="${project}"] .group-head h2`)).toHaveText(
        `Compose project "${project}"`,
      );
    }
    await expect(page.locator('tbody[data-project=""] tr[data-container]')).toHaveCount(LOOSE.length);
    await expect(page.locator('table.cleanup-table thead th')).toHaveText([
      'Include',
      'Name',
      'Compose project',
      'State',
      'Holds data',
      'Action',
    ]);
    await expect(row('shop-api-2').locator('td.project')).toHaveText('shop');
    await expect(row('tool-3').locator('td.project')).toHaveText('none');
    await expect(row('shop-web-1').locator('.badge').first()).toHaveText('running');
    await expect(row('shop-web-3').locator('.badge').first()).toHaveText('created');
    // The marker: files the test wrote, a volume; nothing for the others.
    for (const name of WRITTEN)
      await expect(row(name).locator('td.held summary')).toContainText('Files inside (lost on remove)');
    await expect(row('shop-db-1').locator('td.held summary')).toHaveText('Volume (kept)');
    await expect(row('tool-2').locator('td.held summary')).toHaveText('Nothing');
    // The details are one click away in the row.
    await row('tool-4').locator('td.held summary').click();
    await expect(row('tool-4').locator('td.held .holdings')).toBeVisible();
    await expect(row('tool-4').locator('td.held .holdings')).toContainText(
      'written inside the container (its writable layer)',
    );
    await row('tool-4').locator('td.held summary').click();

    // Nothing that runs or holds data starts selected: the rows running again, those with files
    // inside, the one with a volume. The footer counts only the rows ticked.
    const held = new Set([...WRITTEN, ...RESTARTED, 'shop-db-1']);
    for (const name of ALL) {
      const box = row(name).getByLabel('Include in the cleanup');
      if (held.has(name)) await expect(box, name).not.toBeChecked();
      else await expect(box, name).toBeChecked();
    }
    await expect(summary()).toHaveText(`Re-create ${ALL.length - held.size} · ${held.size} not included`);
    await page.getByRole('button', { name: 'Select all' }).click();

    // ECI is in effect: every one can be re-created; the footer says so, the button too.
    await expect(summary()).toHaveText('Re-create 40');
    await expect(applyButton()).toHaveText('Re-create 40 containers…');
    // At 1000 px the whole table shows: it scrolls sideways inside its box only when zoomed.
    expect(await page.locator('.table-wrap').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await checkPage(page, 'cleanup-many');
    // The cleanup window's real width (900 px), the walkthrough's (820 px) and 1000 px.
    await checkTableFits(page, 'cleanup-many', [820, 1000]);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(3000);
    expect(pngHeight(join(SCREENSHOTS, 'cleanup-many.png'))).toBeLessThanOrEqual(3000);
    expect(pngHeight(join(SCREENSHOTS, 'cleanup-many-dark.png'))).toBeLessThanOrEqual(3000);
    console.log(
      `cleanup-many: page ${height} px tall at 1000 px wide; screenshots ${pngHeight(join(SCREENSHOTS, 'cleanup-many.png'))} px (light), ${pngHeight(join(SCREENSHOTS, 'cleanup-many-dark.png'))} px (dark)`,
    );
  });

  test('the footer stays in view at the bottom of the window while the table scrolls', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await footer().evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
    const box = await footer().boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(900);
    expect(box!.y).toBeGreaterThan(450);
    // The table goes on below it.
    expect((await row('tool-10').boundingBox())!.y).toBeGreaterThan(900);
    await page.evaluate(() => window.scrollTo(0, 1200));
    await expect(footer()).toBeInViewport();
  });

  test('a project action, a row action and select all/none over a filter each change the counts', async () => {
    await groupAction('analytics').selectOption('remove');
    await expect(summary()).toHaveText('Remove 10 · Re-create 30');
    for (const s of PROJECTS['analytics']!)
      await expect(row(`analytics-${s}`).locator('td.action select')).toHaveValue('remove');
    await expect(applyButton()).toHaveText('Remove 10 and re-create 30 containers…');

    await row('shop-web-1').locator('td.action select').selectOption('snapshot');
    await expect(summary()).toHaveText('Remove 10 · Snapshot 1 · Re-create 29');
    // The project's own action now reads "Mixed"; analytics still agrees on one.
    await expect(groupAction('shop')).toHaveValue('');
    await expect(groupAction('analytics')).toHaveValue('remove');
    await groupAction('ci').selectOption('snapshot');
    await expect(summary()).toHaveText('Remove 10 · Snapshot 7 · Re-create 23');

    await page.getByLabel('Filter by name, project, image or state').fill('blog');
    await expect(page.locator('tr[data-container]:visible')).toHaveCount(6);
    await expect(page.locator('.filter-status')).toHaveText('Showing 6 of 40 containers.');
    await expect(page.locator('tbody[data-project="shop"]')).toBeHidden();
    await page.getByRole('button', { name: 'Select none' }).click();
    await expect(summary()).toHaveText('Remove 10 · Snapshot 7 · Re-create 17 · 6 not included');
    // Only the rows shown were changed; a row left out is struck through.
    await expect(row('shop-web-2').getByLabel('Include in the cleanup')).toBeChecked();
    await expect(row('blog-wp-1')).toHaveClass(/\bexcluded\b/);
    await expect(row('shop-web-2')).not.toHaveClass(/\bexcluded\b/);
    await page.getByLabel('Filter by name, project, image or state').fill('');
    await expect(page.locator('tr[data-container]:visible')).toHaveCount(40);
    await page.getByRole('button', { name: 'Select none' }).click();
    await expect(summary()).toHaveText('Nothing to change · 40 not included');
    await expect(applyButton()).toHaveText('Nothing to change');
    await expect(applyButton()).toBeDisabled();
    // An empty plan: no live red button.
    await expect(applyButton()).not.toHaveClass(/danger|primary/);
    await page.getByRole('button', { name: 'Select all' }).click();
    await expect(summary()).toHaveText('Remove 10 · Snapshot 7 · Re-create 23');

    // The keyboard: Space on a row's checkbox leaves it out.
    await row('tool-1').getByLabel('Include in the cleanup').focus();
    await page.keyboard.press('Space');
    await expect(summary()).toHaveText('Remove 10 · Snapshot 7 · Re-create 22 · 1 not included');
    await page.keyboard.press('Space');
    await expect(summary()).toHaveText('Remove 10 · Snapshot 7 · Re-create 23');
  });

  test('the destructive button looks destructive and the native dialog names the action; cancelling changes nothing', async () => {
    const button = applyButton();
    await expect(button).toHaveText('Remove 10, snapshot 7 and re-create 23 containers…');
    const look = await button.evaluate((el) => {
      const s = getComputedStyle(el);
      const danger = getComputedStyle(document.documentElement).getPropertyValue('--bad').trim();
      const probe = document.createElement('span');
      probe.style.color = danger;
      document.body.append(probe);
      const expected = getComputedStyle(probe).color;
      probe.remove();
      return { background: s.backgroundColor, expected };
    });
    expect(look.background).toBe(look.expected);
    const lookAgain = await page
      .locator('[data-action="look-again"]')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(look.background).not.toBe(lookAgain);

    const before = ((await engineApi(lab.engineHost, 'GET', '/containers/json?all=1')).json as Array<{ Id: string }>)
      .map((c) => c.Id)
      .sort();
    app.confirmAnswer = false;
    await button.click();
    await expect(page.locator('.progress-line')).toHaveText('Cancelled: nothing was changed.');
    const asked = app.confirms.at(-1)!;
    expect(asked.confirmLabel).toBe('Remove 10, snapshot 7 and re-create 23 containers');
    expect(asked.message).toBe('Remove 10, snapshot 7 and re-create 23 containers?');
    // Each of the 40 loses something (a removed container itself, a re-created one its logs): a few are listed.
    expect(asked.detail).toMatch(/^This loses:\n/);
    expect(asked.detail).toContain('…and 32 more containers: see the plan preview.');
    const after = ((await engineApi(lab.engineHost, 'GET', '/containers/json?all=1')).json as Array<{ Id: string }>)
      .map((c) => c.Id)
      .sort();
    expect(after).toEqual(before);
    await expect(summary()).toHaveText('Remove 10 · Snapshot 7 · Re-create 23');
  });

  test('the plan preview is one click away; what is lost looks different from what is kept', async () => {
    const preview = page.locator('details.plan-box');
    await expect(preview).not.toHaveAttribute('open', '');
    await page.getByRole('button', { name: 'Preview the plan' }).click();
    await expect(preview).toHaveAttribute('open', '');
    await expect(preview.locator('summary')).toBeFocused();
    await expect(preview.locator('summary')).toBeInViewport();
    const item = page.locator('[data-plan-item="ci-runner-2"]');
    await expect(item).toBeVisible();
    await expect(item.locator('.kept')).toContainText(
      'written inside the container, in the image eci-tray-snapshot/ci-runner-2-',
    );
    await expect(item.locator('.lost')).toContainText('the container itself');
    const style = (sel: string) =>
      item.locator(sel).evaluate((el) => {
        const s = getComputedStyle(el);
        return {
          border: s.borderLeftColor,
          borderStyle: s.borderLeftStyle,
          background: s.backgroundColor,
          label: getComputedStyle(el.querySelector('.label')!).color,
        };
      });
    const kept = await style('.kept');
    const lost = await style('.lost');
    expect(lost.border).not.toBe(kept.border);
    expect(lost.background).not.toBe(kept.background);
    expect(lost.label).not.toBe(kept.label);
    expect(lost.borderStyle).not.toBe(kept.borderStyle);
    // axe on an open preview runs in cleanup.spec.ts (11 containers: the same markup, a fraction of the time).
  });
});
