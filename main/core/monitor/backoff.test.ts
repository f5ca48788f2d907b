import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

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
