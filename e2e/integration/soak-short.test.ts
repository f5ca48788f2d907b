// The short version of `npm run soak`: three minutes of churn (containers created and removed,
// full relaunches, settings rewritten) under `eci-tray watch`; memory flat after warm-up, no file
// watches or sockets accumulating, no probe container left, a clean exit.

import { describe, expect, it } from 'vitest';
import { soak } from '../../scripts/soak';

describe('soak (short)', () => {
  it('eci-tray watch stays flat under three minutes of churn', async () => {
    // RSS climbs to a plateau over the first minute or two of probes and relaunches: warm-up is half the run.
    const lines: string[] = [];
    const summary = await soak(3, 4, 3, (l) => lines.push(l), 0.5);
    expect(summary.problems, `${JSON.stringify(summary)}\n${lines.join('\n')}`).toEqual([]);
    expect(summary.ok).toBe(true);
    expect(summary.relaunches).toBe(4);
    expect(summary.containersCreated).toBeGreaterThan(20);
    expect(summary.states).toBeGreaterThan(4);
    expect(summary.watches.min).toBeGreaterThan(0);
  }, 400_000);
});
