// The Preferences window's decisions: the view with managed values marked, what a save changed
// in words, the interval in words, and the login item as the app starts.

import { describe, expect, it } from 'vitest';
import { interpretManaged, NOTHING_MANAGED } from './managed-preferences';
import { DEFAULT_PREFERENCES, type Preferences } from './preferences';
import { changeLines, intervalText, loginItemAtLaunch, preferencesView } from './preferences-window';

const prefs = (change: Partial<Preferences> = {}): Preferences => ({
  ...structuredClone(DEFAULT_PREFERENCES),
  ...change,
});

describe('what a save changed', () => {
  it.each<[string, Partial<Preferences>, string[]]>([
    ['nothing', {}, []],
    [
      'an alert off',
      { alerts: { ...DEFAULT_PREFERENCES.alerts, 'protection-verified': false } },
      ['Alert "ECI is on and verified": on → off'],
    ],
    [
      'Docker stopped on',
      { alerts: { ...DEFAULT_PREFERENCES.alerts, 'engine-unreachable': true } },
      ['Alert "Docker stopped": off → on'],
    ],
    ['quiet hours set', { quietHours: { from: '22:00', until: '07:00' } }, ['Quiet hours: none → 22:00 to 07:00']],
    ['an empty window is none', { quietHours: { from: '08:00', until: '08:00' } }, []],
    ['the interval', { safetyIntervalMinutes: 90 }, ['Check interval: every 24 hours → every 90 minutes']],
    ['the probe image', { probeImage: 'busybox:1.36' }, ['Probe image: alpine:latest → busybox:1.36']],
    ['start at login off', { startAtLogin: false }, ['Start at login: on → off']],
    [
      'several, in the window order',
      {
        startAtLogin: false,
        safetyIntervalMinutes: 60,
        alerts: { ...DEFAULT_PREFERENCES.alerts, 'protection-lost': false },
      },
      [
        'Alert "ECI stopped protecting containers": on → off',
        'Check interval: every 24 hours → every hour',
        'Start at login: on → off',
      ],
    ],
  ])('%s', (_what, after, lines) => expect(changeLines(prefs(), prefs(after))).toEqual(lines));
});

describe('the interval in words', () => {
  it.each([
    [1, 'every minute'],
    [15, 'every 15 minutes'],
    [60, 'every hour'],
    [90, 'every 90 minutes'],
    [120, 'every 2 hours'],
    [1440, 'every 24 hours'],
  ])('%i minutes: %s', (minutes, words) => expect(intervalText(minutes)).toBe(words));
});

describe('start at login as the app starts', () => {
  it.each<[boolean, boolean | undefined, boolean, boolean | null]>([
    // first launch, managed, the user's own → what the login item is set to (null: left alone)
    [true, undefined, true, true],
    [true, undefined, false, false],
    [false, undefined, true, null],
    [false, undefined, false, null],
    [true, false, true, false],
    [false, true, false, true],
    [false, false, true, false],
  ])('first launch %s, managed %s, own %s → %s', (first, managed, own, set) =>
    expect(loginItemAtLaunch(first, managed, own)).toBe(set),
  );
  it('is on by default', () => expect(DEFAULT_PREFERENCES.startAtLogin).toBe(true));
});

describe('the view', () => {
  it('nothing managed: every value as in force, alerts in the window order with labels', () => {
    const v = preferencesView(prefs({ quietHours: { from: '22:00', until: '07:00' } }), NOTHING_MANAGED);
    expect(v.alerts.map((a) => a.kind)).toEqual([
      'protection-lost',
      'pending-restart',
      'new-unprotected-containers',
      'settings-invalid',
      'engine-unreachable',
      'protection-verified',
    ]);
    expect(v.alerts.find((a) => a.kind === 'engine-unreachable')).toEqual({
      kind: 'engine-unreachable',
      label: 'Docker stopped',
      on: false,
      managed: false,
    });
    expect(v).toMatchObject({
      quietHours: { from: '22:00', until: '07:00' },
      safetyIntervalMinutes: 1440,
      probeImage: 'alpine:latest',
      startAtLogin: true,
      managed: [],
      managedSource: null,
    });
  });

  it('offers the usual intervals, and a value from the file among them', () => {
    expect(preferencesView(prefs(), NOTHING_MANAGED).intervalChoices.map((c) => c.minutes)).toEqual([
      15, 30, 60, 120, 240, 480, 720, 1440,
    ]);
    const odd = preferencesView(prefs({ safetyIntervalMinutes: 90 }), NOTHING_MANAGED).intervalChoices;
    expect(odd.slice(2, 5)).toEqual([
      { minutes: 60, label: 'Every hour' },
      { minutes: 90, label: 'Every 90 minutes' },
      { minutes: 120, label: 'Every 2 hours' },
    ]);
  });

  it('managed keys and one managed alert kind are marked, with the source', () => {
    const m = interpretManaged(
      { ProbeImage: 'registry.acme.example/probe:1', Alerts: { 'protection-verified': false } },
      '/etc/eci-tray/managed.json',
    );
    const v = preferencesView(prefs(), m);
    expect(v.managed).toEqual(['probeImage', 'alerts.protection-verified']);
    expect(v.managedSource).toBe('/etc/eci-tray/managed.json');
    expect(v.alerts.filter((a) => a.managed).map((a) => a.kind)).toEqual(['protection-verified']);
  });
});
