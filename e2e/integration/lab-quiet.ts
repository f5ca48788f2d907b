// For the vitest lab tests only (helpers.ts is also loaded by Playwright specs and benchmarks).

import { expect } from 'vitest';
import type { Lab } from '../lab/lab';

/** Waits until the lab's Desktop gets no call for one whole interval: whatever was under way has settled. */
export async function untilLabQuiet(lab: Lab, intervalMs: number): Promise<void> {
  let before = -1;
  await expect
    .poll(
      () => {
        const now = lab.requests().length;
        const quiet = now === before;
        before = now;
        return quiet;
      },
      { timeout: 20_000, interval: intervalMs },
    )
    .toBe(true);
}
