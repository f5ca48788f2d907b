import { describe, expect, it } from 'vitest';
import type { DesiredState, Verdict } from '../model';
import type { MonitorState } from '../monitor/monitor-state';
import { policyReminder, policyReminderDue, REMINDER_EVERY_MS, welcomeNotification } from './reminders';

const state = (verdict: Verdict, desired: DesiredState, effective: boolean | null): MonitorState =>
  ({
    advice: [],
    report: { verdict, desired, effective: { eci: effective }, unprotectedContainers: [], engine: {} },
  }) as unknown as MonitorState;
const policyOn: DesiredState = { eci: true, source: 'admin-locked', file: '/a.json' };
const now = Date.parse('2026-12-01T10:00:00Z');
const hoursAgo = (h: number) => new Date(now - h * 3_600_000).toISOString();

describe('welcome', () => {
  it.each<[NodeJS.Platform, RegExp]>([
    ['darwin', /in the menu bar/],
    ['win32', /notification area of the taskbar/],
    ['linux', /system tray/],
  ])('on %s says where the app lives, with the status', (platform, where) => {
    const n = welcomeNotification(state('off', { eci: false, source: 'default' }, false), platform);
    expect(n.body).toMatch(where);
    expect(n.body).toMatch(/^ECI: Off\./);
    expect(n.kind).toBe('welcome');
  });
  it('before the first check', () =>
    expect(welcomeNotification(null, 'linux').body).toMatch(/^ECI has not been checked yet\./));
  it.each([
    [true, true],
    [false, false],
  ])('start at login turned on at the first launch (%s) is stated: %s', (startsAtLogin, stated) =>
    expect(welcomeNotification(null, 'linux', startsAtLogin).body.includes('It starts when you log in')).toBe(stated),
  );
});

describe('the daily reminder while a policy asks for ECI and it is off', () => {
  it.each<[string, MonitorState | null, string | null, number | null, boolean]>([
    ['policy on, pending, never reminded', state('pending-restart', policyOn, false), null, null, true],
    [
      'policy on, off in effect, reminded 25 h ago',
      state('pending-restart', policyOn, false),
      hoursAgo(25),
      null,
      true,
    ],
    ['reminded 23 h ago: not yet', state('pending-restart', policyOn, false), hoursAgo(23), null, false],
    ['paused: held back', state('pending-restart', policyOn, false), null, now + 1000, false],
    ['pause over', state('pending-restart', policyOn, false), null, now - 1000, true],
    ['in effect: nothing to remind', state('protected', policyOn, true), null, null, false],
    [
      'the user, not a policy, wants it: no reminder',
      state('pending-restart', { eci: true, source: 'user' }, false),
      null,
      null,
      false,
    ],
    ['a policy asks for off', state('off', { eci: false, source: 'admin-locked' }, false), null, null, false],
    ['effect unknown: no claim it is off', state('unknown', policyOn, null), null, null, false],
    ['no state yet', null, null, null, false],
    ['a garbled last time counts as never', state('pending-restart', policyOn, false), 'yesterday', null, true],
  ])('%s', (_what, s, last, paused, due) => expect(policyReminderDue(s, last, paused, now)).toBe(due));

  it.each<[string, string, string, boolean]>([
    ['inside quiet hours: waits', '00:00', '23:59', false],
    ['outside quiet hours: due', '23:58', '23:59', true],
  ])('%s', (_what, from, until, due) => {
    const nowAtNoon = new Date(2026, 11, 3, 12, 0).getTime();
    expect(policyReminderDue(state('pending-restart', policyOn, false), null, null, nowAtNoon, { from, until })).toBe(
      due,
    );
  });

  it('pending: the reminder carries the relaunch', () => {
    expect(policyReminder(state('pending-restart', policyOn, false))).toMatchObject({
      kind: 'policy-reminder',
      buttons: [{ action: 'relaunch' }],
    });
    expect(policyReminder(state('off', policyOn, false)).buttons).toBeUndefined();
    expect(REMINDER_EVERY_MS).toBe(86_400_000);
  });
});
