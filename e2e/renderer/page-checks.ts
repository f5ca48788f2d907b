// What every page must pass in every state: no serious or critical axe-core violation (in light
// and dark themes), no horizontal scrolling at 200 % zoom; and screenshots kept as artifacts: the
// whole page, and what its window shows at the app's real size (WINDOW_SPECS), light and dark.

import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WINDOW_SPECS } from '../../main/app/window-manager';
import { WINDOW_KINDS, type WindowKind } from '../../main/ipc/contract';
import { REPO_ROOT } from '../lab/lab-paths';

export const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // A full-page capture draws a sticky element (the cleanup's footer) where the window's edge is
  // now: scrolled to the end, it sits in its own place instead of over the content. Scroll restored.
  const y = await page.evaluate(() => {
    const before = window.scrollY;
    window.scrollTo(0, document.documentElement.scrollHeight);
    return before;
  });
  try {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  } finally {
    await page.evaluate((top) => window.scrollTo(0, top), y);
  }
}

/** The window a page belongs to, from its address (renderer/<kind>/index.html). */
function windowOf(page: Page): WindowKind | null {
  const path = new URL(page.url()).pathname;
  return WINDOW_KINDS.find((k) => path.includes(`/renderer/${k}/`)) ?? null;
}

/**
 * What the window shows when it opens at its real size, light and dark: `<name>-window.png` and
 * `<name>-window-dark.png`. The viewport and theme are restored.
 */
export async function windowScreenshots(page: Page, name: string): Promise<void> {
  const kind = windowOf(page);
  if (!kind) return;
  const viewport = page.viewportSize() ?? { width: 1000, height: 900 };
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { width, height } = WINDOW_SPECS[kind];
  try {
    await page.setViewportSize({ width, height });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const suffix = colorScheme === 'dark' ? '-dark' : '';
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-window${suffix}.png`) });
    }
  } finally {
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme: 'light' });
  }
}

/**
 * The cleanup table at each width (the window's real width first, then the given ones): it fits its
 * box (no sideways scroll inside it), no action menu runs past its cell, and the words of its
 * headers and "Holds data" chips break only between words (each word lies on one line).
 */
export async function checkTableFits(page: Page, name: string, widths: number[] = []): Promise<void> {
  const kind = windowOf(page);
  const viewport = page.viewportSize() ?? { width: 1000, height: 900 };
  const all = [...(kind ? [WINDOW_SPECS[kind].width] : []), ...widths];
  try {
    for (const width of all) {
      await page.setViewportSize({ width, height: viewport.height });
      const found = await page.evaluate(() => {
        const problems: string[] = [];
        for (const wrap of document.querySelectorAll<HTMLElement>('.table-wrap'))
          if (wrap.scrollWidth > wrap.clientWidth)
            problems.push(`table ${wrap.scrollWidth} px wide in a ${wrap.clientWidth} px box`);
        for (const select of document.querySelectorAll<HTMLSelectElement>('.cleanup-table select')) {
          const box = select.getBoundingClientRect();
          const cell = select.closest('td, th')!.getBoundingClientRect();
          if (box.width > 0 && box.right > cell.right + 0.5)
            problems.push(`${select.id || 'a menu'} runs past its cell`);
        }
        const labels = document.querySelectorAll<HTMLElement>('.cleanup-table thead th, .cleanup-table .held summary');
        for (const label of labels) {
          const style = getComputedStyle(label);
          if (style.wordBreak === 'break-all' || style.overflowWrap === 'anywhere')
            problems.push(`"${label.textContent}" may break inside a word`);
          const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent ?? '';
            for (const m of text.matchAll(/\S+/g)) {
              const range = document.createRange();
              range.setStart(node, m.index);
              range.setEnd(node, m.index + m[0].length);
              // One box per line a word sits on: two boxes are a word split across lines.
              const lines = new Set(
                [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
              );
              if (lines.size > 1) problems.push(`"${m[0]}" split across lines in "${label.textContent}"`);
            }
          }
        }
        return problems;
      });
      expect(found, `${name}: the cleanup table at ${width} px`).toEqual([]);
    }
  } finally {
    await page.setViewportSize(viewport);
  }
}

async function seriousViolations(page: Page): Promise<string[]> {
  // No preload: axe would fetch the stylesheet, which the page's CSP rightly refuses (connect-src).
  const result = await new AxeBuilder({ page }).options({ preload: false }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

/** axe in both themes, and the 200 % zoom layout (a 1000 px window shows 500 CSS px). */
export async function checkPage(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1000, height: 900 };
  try {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await seriousViolations(page), `${name}, ${colorScheme} theme`).toEqual([]);
    }
    await screenshot(page, `${name}-dark`);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: Math.round(viewport.width / 2), height: viewport.height });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${name} scrolls sideways at 200 % zoom`).toBeLessThanOrEqual(0);
  } finally {
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme: 'light' });
  }
  await screenshot(page, name);
  await windowScreenshots(page, name);
}
