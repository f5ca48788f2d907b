import { describe, expect, it } from 'vitest';
import { backoffDelay, streamEndDecision, STREAM_END_BACKOFF } from './backoff';

describe('backoffDelay', () => {
  it.each([
    [0, 100],
    [1, 200],
    [2, 400],
    [3, 800],
    [4, 1000],
    [50, 1000],
    [-3, 100],
  ])('attempt %i waits %i ms', (attempt, ms) => expect(backoffDelay(attempt)).toBe(ms));

  it('honours a custom policy', () => expect(backoffDelay(3, { initialMs: 1000, maxMs: 5000 })).toBe(5000));
});

describe('the stream-end backoff (Resource Saver)', () => {
  it.each([
    [0, 1_000],
    [1, 8_000],
    [2, 64_000],
    [3, 512_000],
    [4, 1_800_000],
    [1000, 1_800_000],
    [Number.NaN, 1_000],
  ])('end %s in a row waits %i ms', (attempt, ms) => expect(backoffDelay(attempt, STREAM_END_BACKOFF)).toBe(ms));

  it.each([0, 0.5, Number.NaN, -2])('a factor below 1 or not a number (%s) means the default 2', (factor) =>
    expect(backoffDelay(2, { initialMs: 100, maxMs: 10_000, factor })).toBe(400),
  );
});

describe('streamEndDecision: reopen, or park until a host fact changes (Resource Saver)', () => {
  it.each([
    // endsInARow, hadEvents, seenInSaver, decision
    [1, false, false, 1_000], // the first quiet end: reopened once (a menu restart, an engine gone)
    [2, false, false, 'park'], // ended quietly again: Resource Saver likely
    [5, false, false, 'park'],
    [1, false, true, 'park'], // this Desktop was seen in Resource Saver: park at once
    [1, true, false, 1_000], // a stream that carried events was not idle
    [1, true, true, 1_000],
    [0, false, false, 1_000],
  ] as const)('end %i in a row, events %s, seen in saver %s: %s', (endsInARow, hadEvents, seenInSaver, decision) =>
    expect(streamEndDecision({ endsInARow, hadEvents, seenInSaver })).toBe(decision),
  );

  it('the first reopening follows the policy given', () =>
    expect(
      streamEndDecision({ endsInARow: 1, hadEvents: false, seenInSaver: false, policy: { initialMs: 50, maxMs: 100 } }),
    ).toBe(50));
});
