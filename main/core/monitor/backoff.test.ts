import { describe, expect, it } from 'vitest';
import { backoffDelay, STREAM_END_BACKOFF } from './backoff';

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
