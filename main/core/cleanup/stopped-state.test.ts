import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { changeSinceStopped, isStopped, stoppedStateOf, type StoppedState } from './stopped-state';

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
    ['no state at all (malformed)', { Name: '/web' } as never, /running again/],
  ] as const)('%s', (_what, now, expected) => {
    const change = changeSinceStopped(recorded, now);
    if (expected === null) expect(change).toBeNull();
    else expect(change).toMatch(expected);
  });

  it('a size the engine did not give when stopped is not compared', () => {
    expect(changeSinceStopped({ ...recorded, sizeRw: null }, info({}, 999))).toBeNull();
  });

  it('is recorded only when stopped', () => {
    expect(stoppedStateOf(info({}, 7))).toEqual({ startedAt: T1, finishedAt: T2, sizeRw: 7 });
    expect(stoppedStateOf(info({}))).toEqual({ startedAt: T1, finishedAt: T2, sizeRw: null });
    expect(() => stoppedStateOf(info({ Running: true }, 7))).toThrow(/web is running again right after it was stopped/);
    expect(isStopped(info({ Restarting: true }))).toBe(false);
  });
});
