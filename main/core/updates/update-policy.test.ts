import { describe, expect, it } from 'vitest';
import { restartConfirmation, updateCheckDue, UPDATE_CHECK_EVERY_MS } from './update-policy';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe('updateCheckDue', () => {
  it.each([
    ['never checked', true, null, true],
    ['checked a day ago', true, ago(UPDATE_CHECK_EVERY_MS), true],
    ['checked an hour ago', true, ago(3_600_000), false],
    ['checked a second short of a day', true, ago(UPDATE_CHECK_EVERY_MS - 1000), false],
    ['turned off by the organization', false, null, false],
    ['a clock set back (last check in the future)', true, ago(-3_600_000), true],
    ['an unreadable time', true, 'yesterday', true],
  ])('%s', (_, enabled, last, due) => {
    expect(updateCheckDue(enabled, last, NOW)).toBe(due);
  });
});

it('the restart question names both versions and what "later" means', () => {
  const r = restartConfirmation('0.1.0', '0.2.0');
  expect(r).toMatchObject({
    title: 'Restart ECI Tray to update?',
    message: 'ECI Tray 0.2.0 is ready to install.',
    confirmLabel: 'Restart now',
  });
  expect(r.detail).toContain('You have 0.1.0');
  expect(r.detail).toContain('it installs when ECI Tray quits');
});
