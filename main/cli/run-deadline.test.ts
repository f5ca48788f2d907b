import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { containersCommand } from './containers-command';
import { remainingMs, RunDeadlineError, withinRunDeadline } from './run-deadline';

describe('the run deadline', () => {
  it('counts from the start of the run, not from the call', () => {
    expect(remainingMs(10_000, 1_000, 4_000)).toBe(7_000);
    expect(remainingMs(10_000, 0, 12_000)).toBe(-2_000);
  });

  it('gives the result of work that finishes in time', async () => {
    await expect(withinRunDeadline(5_000, performance.now(), Promise.resolve('done'))).resolves.toBe('done');
  });

  it('ends work that never finishes when the budget is spent', async () => {
    const started = performance.now();
    await expect(withinRunDeadline(300, started, new Promise(() => undefined))).rejects.toThrow(RunDeadlineError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('a budget already spent before the call ends at once', async () => {
    await expect(withinRunDeadline(1_000, performance.now() - 5_000, new Promise(() => undefined))).rejects.toThrow(
      /within --timeout 1 s/,
    );
  });

  it('containers --timeout bounds the whole run too, the user lookup included', async () => {
    const hung = { platform: 'linux' as const, env: {}, run: () => new Promise<never>(() => undefined) };
    const io = { out: () => undefined, err: () => undefined };
    const started = performance.now();
    await expect(containersCommand(['--for-user', 'ann', '--timeout', '1'], io, hung)).rejects.toThrow(
      /the container list did not finish within --timeout 1 s/,
    );
    // Ends (rather than hanging for ever); the margin is for a busy machine.
    expect(performance.now() - started).toBeLessThan(1_000 + 4_000);
  }, 15_000);
});
