// What every page must pass in every state: no serious or critical axe-core violation (in light
// and dark themes), no horizontal scrolling at 200 % zoom; and a screenshot kept as an artifact.

import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
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
}
