import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineConnectionClock } from './engine-connection';

const GRACE = 30_000;

describe('EngineConnectionClock: an engine away is unreachable only after the grace period', () => {
  let over: ReturnType<typeof vi.fn<() => void>>;
  let clock: EngineConnectionClock;
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2026-12-03T10:00:00Z') });
    over = vi.fn<() => void>();
    clock = new EngineConnectionClock(GRACE, over);
  });
  afterEach(() => {
    clock.stop();
    vi.useRealTimers();
  });

  it('starts connected, with no restart and no timer', () => {
    expect(clock.state).toEqual({ connected: true, lostSince: null, restarts: 0 });
    expect(clock.away).toBe(false);
    expect(clock.withinGrace()).toBe(false);
    vi.advanceTimersByTime(GRACE * 2);
    expect(over).not.toHaveBeenCalled();
  });

  it('lost: away since then, within the grace period until it ends, then told once', () => {
    expect(clock.lost()).toBe(true);
    expect(clock.state).toEqual({ connected: false, lostSince: '2026-12-03T10:00:00.000Z', restarts: 0 });
    vi.advanceTimersByTime(GRACE - 1);
    expect(clock.withinGrace()).toBe(true);
    expect(over).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(clock.withinGrace()).toBe(false);
    expect(over).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(GRACE * 3);
    expect(over).toHaveBeenCalledTimes(1);
  });

  it('lost twice (a verification first, then the stream): the period runs from the first', () => {
    expect(clock.lost()).toBe(true);
    vi.advanceTimersByTime(1_500);
    expect(clock.lost()).toBe(false);
    expect(clock.state.lostSince).toBe('2026-12-03T10:00:00.000Z');
    vi.advanceTimersByTime(GRACE - 1_500);
    expect(over).toHaveBeenCalledTimes(1);
  });

  it.each([
    // how it came back, counted as a restart if it was away, if it was not
    ['if-away', 1, 0],
    ['always', 1, 1],
    ['never', 0, 0],
  ] as const)('back (%s): restarts %i after being away, %i when it was not', (how, afterAway, notAway) => {
    clock.lost();
    vi.advanceTimersByTime(5_000);
    expect(clock.back(how)).toBe(true);
    expect(clock.state).toEqual({ connected: true, lostSince: null, restarts: afterAway });
    vi.advanceTimersByTime(GRACE);
    expect(over).not.toHaveBeenCalled();
    expect(clock.back(how)).toBe(false);
    expect(clock.state.restarts).toBe(afterAway + notAway);
  });

  it('stop: the period ends without a word', () => {
    clock.lost();
    clock.stop();
    vi.advanceTimersByTime(GRACE);
    expect(over).not.toHaveBeenCalled();
  });
});
