import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import type { EngineClient } from '../engine/engine-client';
import type { PlanItem } from './plan';
import {
  changeSinceStopped,
  isStopped,
  MEASURE_TRIES,
  resumeProblem,
  stoppedNow,
  stoppedStateOf,
  unchangedSinceStopped,
  type StoppedState,
} from './stopped-state';

const T1 = '2026-12-01T10:00:00.000000001Z';
const T2 = '2026-12-01T10:05:00.000000002Z';
const T3 = '2026-12-01T10:09:00.000000003Z';
const info = (state: Record<string, unknown>, sizeRw?: number) =>
  ({
    Name: '/web',
    State: { Running: false, Restarting: false, Paused: false, StartedAt: T1, FinishedAt: T2, ...state },
    ...(sizeRw === undefined ? {} : { SizeRw: sizeRw }),
  }) as unknown as Docker.ContainerInspectInfo & {
    SizeRw?: number;
  };
const recorded: StoppedState = { startedAt: T1, finishedAt: T2, sizeRw: 120 };

describe('the original as the cleanup stopped it', () => {
  it.each([
    ['the same: stopped, not run since, same layer size', info({}, 120), null],
    ['gone', null, /no longer exists/],
    [
      'running again (restart policy)',
      info({ Running: true, StartedAt: T3 }, 120),
      /running again since the cleanup stopped it/,
    ],
    ['restarting', info({ Restarting: true }, 120), /running again/],
    ['paused', info({ Running: true, Paused: true }, 120), /running again/],
    [
      'started and stopped again since',
      info({ StartedAt: T3, FinishedAt: T3 }, 120),
      /started again since the cleanup stopped it/,
    ],
    ['only stopped again (FinishedAt moved)', info({ FinishedAt: T3 }, 120), /started again/],
    ['its layer grew', info({}, 4096), /writable layer changed .*120 bytes then, 4096 now/],
    ['the engine no longer says the size', info({}), /writable layer changed .*unknown now/],
    // dockerd's -1: its storage driver could not measure the layer (for a moment after a restart).
    ['the engine cannot measure the layer now', info({}, -1), /cannot measure its writable layer now .*-1/],
    ['the same size is not enough when unmeasured', info({}, -1), /cannot be told unchanged/],
    ['no state at all (malformed)', { Name: '/web' } as never, /running again/],
  ] as const)('%s', (_what, now, expected) => {
    const change = changeSinceStopped(recorded, now);
    if (expected === null) expect(change).toBeNull();
    else expect(change).toMatch(expected);
  });

  it.each([
    // what the engine shows, the removal under way when the run stopped, the answer
    ['-1', info({}, -1), true, null],
    ['dead, its layer measured', info({ Dead: true }, 120), true, null],
    ['-1, no removal under way', info({}, -1), false, /cannot measure/],
    ['dead, no removal under way, layer grown', info({ Dead: true }, 4096), false, /120 bytes then, 4096 now/],
    ['-1 but started again since', info({ StartedAt: T3, FinishedAt: T3 }, -1), true, /started again/],
    ['-1 but running again', info({ Running: true, StartedAt: T3 }, -1), true, /running again/],
    ['measured and grown', info({}, 4096), true, /120 bytes then, 4096 now/],
  ] as const)(
    'a removal under way when the run stopped, the engine showing %s',
    (_what, now, removeStarted, expected) => {
      const change = changeSinceStopped(recorded, now, removeStarted);
      if (expected === null) expect(change).toBeNull();
      else expect(change).toMatch(expected);
    },
  );

  it('a size the engine did not give when stopped is not compared', () => {
    expect(changeSinceStopped({ ...recorded, sizeRw: null }, info({}, 999))).toBeNull();
  });

  it('is recorded only when stopped', () => {
    expect(stoppedStateOf(info({}, 7))).toEqual({ startedAt: T1, finishedAt: T2, sizeRw: 7 });
    expect(stoppedStateOf(info({}))).toEqual({ startedAt: T1, finishedAt: T2, sizeRw: null });
    expect(stoppedStateOf(info({}, 0))).toEqual({ startedAt: T1, finishedAt: T2, sizeRw: 0 });
    expect(() => stoppedStateOf(info({ Running: true }, 7))).toThrow(/web is running again right after it was stopped/);
    expect(isStopped(info({ Restarting: true }))).toBe(false);
  });
});

// An engine that stays at -1 is asked MEASURE_TRIES times, 250 ms apart: about a second each.
describe('measuring the layer through an engine that answers -1 for a moment', { timeout: 30_000 }, () => {
  const item = { containerId: 'c1', strategy: 'remove' } as unknown as PlanItem;
  /** An engine whose inspects answer these sizes in turn (the last one from then on). */
  const engine = (...sizes: number[]) => engineListing(null, ...sizes);
  /** The same, and its list of changes in the layer (null: the engine fails to list them). */
  const engineListing = (changes: Array<{ Path: string; Kind: number }> | null, ...sizes: number[]) => {
    let calls = 0;
    const client = {
      containerChanges: () => (changes ? Promise.resolve(changes) : Promise.reject(new Error('driver error'))),
      inspectContainer: (id: string, size: boolean) => {
        expect([id, size]).toEqual(['c1', true]);
        const answer = sizes[Math.min(calls, sizes.length - 1)];
        calls++;
        return Promise.resolve(info({}, answer));
      },
    } as unknown as EngineClient;
    return { client, calls: () => calls };
  };

  it('asks again until the size is measured, and records that size', async () => {
    const e = engine(-1, -1, 24);
    await expect(stoppedNow(e.client, item)).resolves.toEqual({ startedAt: T1, finishedAt: T2, sizeRw: 24 });
    expect(e.calls()).toBe(3);
  });

  it('after MEASURE_TRIES answers of -1, records nothing and says why', async () => {
    const e = engine(-1);
    await expect(stoppedNow(e.client, item)).rejects.toThrow(/cannot measure its writable layer .*-1.*it is kept/);
    expect(e.calls()).toBe(MEASURE_TRIES);
  });

  it('before removing: a -1 that passes is no change; one that stays keeps the original', async () => {
    const stopped = { ...recorded, sizeRw: 0 };
    await expect(unchangedSinceStopped(engine(-1, 0).client, item, stopped, false)).resolves.toBeUndefined();
    await expect(unchangedSinceStopped(engine(-1).client, item, stopped, false)).rejects.toThrow(
      /cannot be told unchanged .*it was not removed/,
    );
    await expect(unchangedSinceStopped(engine(-1, 5).client, item, stopped, false)).rejects.toThrow(
      /0 bytes then, 5 now/,
    );
  });

  it('on resume: the same', async () => {
    const stopped = { ...recorded, sizeRw: 0 };
    await expect(resumeProblem(engine(-1, 0).client, item, stopped, true, false)).resolves.toBeNull();
    await expect(resumeProblem(engine(-1).client, item, stopped, true, false)).resolves.toMatch(/cannot measure/);
    // Its confirmed removal was under way: the engine was deleting it; the removal is finished.
    await expect(resumeProblem(engine(-1).client, item, stopped, true, true)).resolves.toBeNull();
    await expect(unchangedSinceStopped(engine(-1).client, item, stopped, true)).resolves.toBeUndefined();
  });

  it('an empty layer then, and no change listed now: unchanged whatever the size answer; otherwise kept', async () => {
    const empty = { ...recorded, sizeRw: 0 };
    await expect(unchangedSinceStopped(engineListing([], -1).client, item, empty, false)).resolves.toBeUndefined();
    await expect(resumeProblem(engineListing([], -1).client, item, empty, true, false)).resolves.toBeNull();
    const added = [{ Path: '/data/new', Kind: 1 }];
    await expect(resumeProblem(engineListing(added, -1).client, item, empty, true, false)).resolves.toMatch(
      /cannot measure/,
    );
    await expect(resumeProblem(engineListing(null, -1).client, item, empty, true, false)).resolves.toMatch(
      /cannot measure/,
    );
    // A layer that held bytes: the change list gives names, not sizes, so it cannot tell.
    await expect(resumeProblem(engineListing([], -1).client, item, recorded, true, false)).resolves.toMatch(
      /cannot measure/,
    );
  });
});
