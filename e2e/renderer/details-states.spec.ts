// The details page in every state the top can show (main/core/report/testing/page-states.ts), at
// the real window size (760 × 820, main/app/window-manager.ts), light and dark: one title, one
// sentence, one primary button above the fold, the rest under "Why?", no instruction said more
// than twice, no raw engine error on show, a live region that says only the title and sentence.

import { expect, test, type Page } from '@playwright/test';
import { WINDOW_SPECS } from '../../main/app/window-manager';
import { pageHeadline } from '../../main/core/report/page-headline';
import { PAGE_STATES, type PageState } from '../../main/core/report/testing/page-states';
import { deliver, openFixture, viewOf } from './fixture-page';
import { checkPage, SCREENSHOTS } from './page-checks';
import { join } from 'node:path';

const SIZE = { width: WINDOW_SPECS.details.width, height: WINDOW_SPECS.details.height };

/** Instructions a user is told to follow; each may be said at most twice on the page. */
const INSTRUCTIONS: RegExp[] = [
  /quit and reopen docker desktop/gi,
  /restart from the docker menu (is|did) not/gi,
  /turn (eci|enhanced container isolation) on|turn on enhanced container isolation/gi,
  /start docker desktop/gi,
  /check (now|again)/gi,
  /docker pull /gi,
  /docker context use/gi,
  /copy (the )?report/gi,
  /sign in/gi,
  /update docker desktop/gi,
  /resume (it|docker desktop)/gi,
  /review \d+ containers?/gi,
  /open the file/gi,
];
/** What stays behind "Show evidence" or "Why?": never on show at a first look. */
const RAW = /uid_map|sysbox-runc|0 100000 65536|dial tcp|no such host|manifest unknown|ENOENT|4294967295/;

async function open(page: Page, s: PageState, errors: string[]): Promise<void> {
  await page.setViewportSize(SIZE);
  await openFixture(
    page,
    'details',
    (channel) =>
      ({
        'state:get': viewOf(s),
        'check:run': viewOf(s),
        'activity:get': [],
        'clipboard:write-report': { part: 'report', lines: 42 },
      })[channel],
    errors,
  );
  await expect(page.locator('#verdict-title')).toHaveText(pageHeadline(s.state, s.forward).title);
}

test.describe('details page, state by state', () => {
  for (const s of PAGE_STATES) {
    test(`${s.name}: the top in one look`, async ({ page }) => {
      const errors: string[] = [];
      await open(page, s, errors);
      const top = pageHeadline(s.state, s.forward);
      const banner = page.locator('#banner');
      await expect(page.locator('#verdict-sentence')).toHaveText(top.sentence);
      await expect(page.locator('#glyph')).toHaveAttribute('src', new RegExp(`tray[A-Za-z]+@2x\\.png$`));
      expect(await page.locator('#glyph').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(48);

      // One primary button, the fix when there is one ("Check now" otherwise), above the fold.
      const primary = banner.locator('button.primary');
      await expect(primary).toHaveCount(1);
      await expect(primary).toHaveText(top.primary?.label ?? 'Check now');
      const box = (await primary.boundingBox())!;
      expect(box.y + box.height, 'the primary button is above the fold').toBeLessThanOrEqual(SIZE.height);
      if (top.primary) await expect(banner.getByRole('button', { name: 'Check now' })).not.toHaveClass(/primary/);

      // The reason and the command are under "Why?", closed at first.
      const why = page.locator('#why');
      if (top.why.length || top.command) {
        await expect(why).not.toHaveAttribute('open', '');
        await expect(why.locator('summary')).toHaveText('Why?');
      }
      // No raw engine output on show; no instruction said more than twice (hidden text counted too).
      const shown = await page.locator('#main').innerText();
      expect(
        shown.match(RAW) ? shown.slice(Math.max(0, shown.search(RAW) - 80), shown.search(RAW) + 40) : null,
      ).toBeNull();
      const all = await page.evaluate(() => {
        const main = document.getElementById('main')!.cloneNode(true) as HTMLElement;
        main.querySelector('#announce')?.remove();
        main.querySelector('#activity')?.remove();
        return main.textContent ?? '';
      });
      for (const instruction of INSTRUCTIONS)
        expect(all.match(instruction)?.length ?? 0, `${s.name}: ${instruction}`).toBeLessThanOrEqual(2);

      // The live region says the title and the sentence; the banner itself is not live.
      await expect(page.locator('#announce')).toHaveText(`${top.title}. ${top.sentence}`);
      await expect(banner).not.toHaveAttribute('aria-live', /./);
      // "Last verified" only when something was verified.
      await expect(page.locator('#last-verified')).toHaveText(
        top.verified && s.state?.verifiedAt ? /^Last verified / : '',
      );

      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: join(SCREENSHOTS, `details-state-${s.name}-${scheme}.png`) });
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await checkPage(page, `details-state-${s.name}-full`);
      expect(errors).toEqual([]);
    });
  }

  test('protected: the four checks collapse to "4 of 4 checks passed", with human titles', async ({ page }) => {
    const errors: string[] = [];
    await open(
      page,
      PAGE_STATES.find((p) => p.name === 'protected')!,
      errors,
    );
    const summary = page.locator('details.checks-summary > summary');
    await expect(summary).toHaveText('4 of 4 checks passed');
    await expect(page.locator('[data-check="uid-map"]')).toBeHidden();
    await summary.click();
    await expect(page.locator('[data-check="uid-map"] strong')).toHaveText(
      'Root in a container is not root on your machine',
    );
    // The probe's own line is one more click away.
    await expect(page.locator('[data-check="uid-map"] code')).toBeHidden();
    await page.locator('[data-check="uid-map"] summary').click();
    await expect(page.locator('[data-check="uid-map"] code')).toHaveText(/0 +100000 +65536/);
    expect(errors).toEqual([]);
  });

  test('not Docker Desktop: no green pass badges, and the command copies', async ({ page }) => {
    const errors: string[] = [];
    await open(
      page,
      PAGE_STATES.find((p) => p.name === 'not-docker-desktop')!,
      errors,
    );
    await expect(page.locator('.badge.tone-ok')).toHaveCount(0);
    await expect(page.locator('[data-check="uid-map"] .badge')).toHaveText('Isolated, but not by ECI');
    await page.evaluate(() => {
      document.addEventListener('copy', () => {
        (window as unknown as { copied: string }).copied = String(window.getSelection());
      });
    });
    await page.getByRole('button', { name: 'Copy the command' }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { copied?: string }).copied))
      .toBe('docker context use desktop-linux');
    await expect(page.locator('#copy-status')).toHaveText('Copied: docker context use desktop-linux');
    expect(errors).toEqual([]);
  });

  test('a broken admin-settings.json: "Copy report for IT" first, the error once under Why?', async ({ page }) => {
    const errors: string[] = [];
    await open(
      page,
      PAGE_STATES.find((p) => p.name === 'settings-broken')!,
      errors,
    );
    await expect(page.locator('#verdict-title')).toHaveText("Docker Desktop won't start");
    await expect(page.locator('#banner button.primary')).toHaveText('Copy report for IT');
    await expect(page.locator('#copy-report')).toBeHidden();
    await page.locator('#banner button.primary').click();
    await expect(page.locator('#copy-status')).toHaveText('Copied the report (42 lines) for IT.');
    await page.locator('#why summary').click();
    await expect(page.locator('#why')).toContainText('line 5, column 3');
    expect(errors).toEqual([]);
  });

  test('Docker not running: the engine error said once, no "Last verified"', async ({ page }) => {
    const errors: string[] = [];
    await open(
      page,
      PAGE_STATES.find((p) => p.name === 'engine-unreachable')!,
      errors,
    );
    await page.locator('#why summary').click();
    const shown = await page.locator('#main').innerText();
    expect(shown.match(/connect ENOENT/g)).toHaveLength(1);
    await expect(page.locator('#last-verified')).toHaveText('');
    expect(errors).toEqual([]);
  });

  test('the live region follows a change with the new title and sentence only', async ({ page }) => {
    const errors: string[] = [];
    const from = PAGE_STATES.find((p) => p.name === 'pending-restart')!;
    const to = PAGE_STATES.find((p) => p.name === 'protected')!;
    await open(page, from, errors);
    await deliver(page, 'state:changed', viewOf(to));
    await expect(page.locator('#announce')).toHaveText('Protected. ECI is on, and the probe containers confirm it.');
    expect(errors).toEqual([]);
  });
});

test.describe('control borders', () => {
  /** WCAG relative luminance of an rgb()/rgba() colour, composited on the background below it. */
  const contrastOfBorders = (page: Page) =>
    page.evaluate(() => {
      const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = ([r, g, b]: number[]) => {
        const ch = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * ch(r!) + 0.7152 * ch(g!) + 0.0722 * ch(b!);
      };
      const backgroundOf = (el: Element | null): number[] => {
        for (let e = el; e; e = e.parentElement) {
          const c = parse(getComputedStyle(e).backgroundColor);
          if (c.length === 3 || (c.length === 4 && c[3]! > 0)) return c.slice(0, 3);
        }
        return parse(getComputedStyle(document.documentElement).backgroundColor).slice(0, 3);
      };
      const out: Array<{ what: string; ratio: number }> = [];
      for (const el of document.querySelectorAll('button, select, input:not([type=checkbox]):not([type=radio])')) {
        if (!(el as HTMLElement).offsetParent) continue;
        const style = getComputedStyle(el);
        const border = parse(style.borderTopColor).slice(0, 3);
        const behind = backgroundOf(el.parentElement);
        const [a, b] = [lum(border), lum(behind)].sort((x, y) => y - x);
        out.push({ what: `${el.tagName} "${el.textContent?.trim()}"`, ratio: (a! + 0.05) / (b! + 0.05) });
      }
      return out;
    });

  for (const name of ['off', 'settings-broken', 'protected']) {
    test(`${name}: buttons' borders at 3:1 or more against what is behind them, light and dark`, async ({ page }) => {
      const errors: string[] = [];
      await open(
        page,
        PAGE_STATES.find((p) => p.name === name)!,
        errors,
      );
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        const borders = await contrastOfBorders(page);
        expect(borders.length).toBeGreaterThanOrEqual(2);
        for (const b of borders) expect(b.ratio, `${colorScheme}: ${b.what}`).toBeGreaterThanOrEqual(3);
      }
      expect(errors).toEqual([]);
    });
  }
});
