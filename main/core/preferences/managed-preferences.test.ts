import { describe, expect, it } from 'vitest';
import {
  interpretManaged,
  layerManaged,
  managedChangeError,
  managedKeys,
  managedSummary,
  NOTHING_MANAGED,
  parseRegQuery,
  withManaged,
  checkConfigWithManaged,
} from './managed-preferences';
import { DEFAULT_PREFERENCES } from './preferences';

describe('interpretManaged', () => {
  it.each([
    [
      'a probe image and an interval',
      { probeImage: 'registry.corp.example/alpine:3.20', safetyIntervalMinutes: 60 },
      { probeImage: 'registry.corp.example/alpine:3.20', safetyIntervalMinutes: 60 },
      [],
    ],
    [
      'names in any case (registry values are PascalCase)',
      { ProbeImage: 'corp/alpine', ShowWelcome: 0, AutoUpdate: 1 },
      { probeImage: 'corp/alpine', showWelcome: false, autoUpdate: true },
      [],
    ],
    [
      'alert kinds in any case, DWORDs as booleans',
      { Alerts: { 'Engine-Unreachable': 0, 'protection-lost': true } },
      { alerts: { 'engine-unreachable': false, 'protection-lost': true } },
      [],
    ],
    [
      'a pinned endpoint',
      { dockerHost: 'unix:///Users/dev/.docker/run/docker.sock' },
      { dockerHost: 'unix:///Users/dev/.docker/run/docker.sock' },
      [],
    ],
    ['an empty endpoint is no pin', { dockerHost: '' }, {}, []],
    [
      'an unknown key is named, the rest applies',
      { probeImage: 'a', probeImg: 'b' },
      { probeImage: 'a' },
      ['src: probeImg: not a preference ECI Tray knows'],
    ],
    [
      'a bad value is named, the rest applies',
      { safetyIntervalMinutes: 0, startAtLogin: true },
      { startAtLogin: true },
      ['src: safetyIntervalMinutes: must be at least 1; left out'],
    ],
    [
      'a number where a boolean is meant (other than 0 and 1)',
      { showWelcome: 2 },
      {},
      ['src: showWelcome: expected true or false, found number 2; left out'],
    ],
    ['an image with a space', { probeImage: 'alpine latest' }, {}, ['src: probeImage: expected an image reference']],
    [
      'an endpoint that is not one',
      { dockerHost: 'ftp://x' },
      {},
      ['src: dockerHost: expected a unix://, npipe:// or tcp:// endpoint'],
    ],
    [
      'an unknown alert kind leaves out that kind only',
      { alerts: { 'protection-gone': false, 'protection-lost': false } },
      { alerts: { 'protection-lost': false } },
      ['src: alerts.protection-gone: not an alert kind'],
    ],
    [
      'an alert kind that is not on or off',
      { alerts: { 'protection-lost': 'no' } },
      {},
      ['src: alerts.protection-lost: expected true or false'],
    ],
  ])('%s', (_, raw, values, problems) => {
    const m = interpretManaged(raw, 'src');
    expect(m.values).toEqual(values);
    expect(m.problems).toHaveLength(problems.length);
    problems.forEach((p, i) => expect(m.problems[i]).toContain(p));
  });

  it.each([[null], [[1, 2]], ['text'], [3]])('refuses %j as a whole', (raw) => {
    expect(interpretManaged(raw, 'src')).toEqual({
      source: 'src',
      values: {},
      problems: ['src: expected an object of preferences'],
    });
  });
});

describe('managed values in force', () => {
  const m = interpretManaged(
    { probeImage: 'corp/alpine', safetyIntervalMinutes: 30, alerts: { 'engine-unreachable': false } },
    '/etc/x.json',
  );

  it('win over the user own values, alert by alert', () => {
    const user = {
      ...DEFAULT_PREFERENCES,
      probeImage: 'mine',
      safetyIntervalMinutes: 1440,
      alerts: { ...DEFAULT_PREFERENCES.alerts, 'engine-unreachable': true, 'protection-lost': false },
    };
    const p = withManaged(user, m);
    expect([
      p.probeImage,
      p.safetyIntervalMinutes,
      p.alerts['engine-unreachable'],
      p.alerts['protection-lost'],
    ]).toEqual(['corp/alpine', 30, false, false]);
    expect(withManaged(user, NOTHING_MANAGED)).toEqual(user);
  });

  it('are named key by key', () => {
    expect(managedKeys(m)).toEqual(['probeImage', 'safetyIntervalMinutes', 'alerts.engine-unreachable']);
  });

  it.each([
    [{ probeImage: 'other' }, 'Not changed: probeImage is set by your organization (/etc/x.json).'],
    [{ alerts: { 'engine-unreachable': true } }, 'Not changed: alerts.engine-unreachable is set by your organization'],
    [{ probeImage: 'x', safetyIntervalMinutes: 5 }, 'probeImage, safetyIntervalMinutes are set'],
    [{ alerts: { 'protection-lost': true } }, null],
    [{ startAtLogin: true }, null],
  ])('a change of %j is refused when it touches one', (change, error) => {
    const e = managedChangeError(change, m);
    if (error === null) expect(e).toBeNull();
    else expect(e?.message).toContain(error);
  });

  it('apply to the CLI check unless the command names its own image or endpoint', () => {
    const pinned = interpretManaged({ probeImage: 'corp/alpine', dockerHost: 'unix:///x.sock' }, 's');
    expect(checkConfigWithManaged({}, pinned)).toEqual({ probeImage: 'corp/alpine', dockerHost: 'unix:///x.sock' });
    expect(checkConfigWithManaged({ probeImage: 'flag/image' }, pinned)).toEqual({
      probeImage: 'flag/image',
      dockerHost: 'unix:///x.sock',
    });
    expect(checkConfigWithManaged({ timeoutMs: 5 }, NOTHING_MANAGED)).toEqual({ timeoutMs: 5 });
  });

  it('layer: the user profile over the machine profile, key by key', () => {
    const machine = interpretManaged({ probeImage: 'corp/a', alerts: { 'protection-lost': true } }, 'machine');
    const user = interpretManaged({ probeImage: 'corp/b', alerts: { 'engine-unreachable': false } }, 'user');
    expect(layerManaged(machine, user)).toEqual({
      source: 'machine + user',
      values: { probeImage: 'corp/b', alerts: { 'protection-lost': true, 'engine-unreachable': false } },
      problems: [],
    });
    expect(layerManaged(machine, NOTHING_MANAGED)).toBe(machine);
    expect(layerManaged(NOTHING_MANAGED, user)).toBe(user);
  });
});

describe('parseRegQuery (recorded reg.exe output)', () => {
  const KEY = 'HKLM\\SOFTWARE\\Policies\\ECI Tray';
  // reg query "HKLM\SOFTWARE\Policies\ECI Tray" /s, as Windows 11 prints it (CRLF line ends).
  const RECORDED = [
    '',
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\ECI Tray',
    '    ProbeImage    REG_SZ    registry.corp.example/library/alpine:3.20',
    '    SafetyIntervalMinutes    REG_DWORD    0x3c',
    '    ShowWelcome    REG_DWORD    0x0',
    '    DockerHost    REG_SZ    npipe:////./pipe/dockerDesktopLinuxEngine',
    '',
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\ECI Tray\\Alerts',
    '    engine-unreachable    REG_DWORD    0x0',
    '    Note    REG_SZ    text with    four spaces',
    '',
  ].join('\r\n');

  it('reads values, DWORDs in hex, and the Alerts subkey', () => {
    expect(parseRegQuery(RECORDED, KEY)).toEqual({
      ProbeImage: 'registry.corp.example/library/alpine:3.20',
      SafetyIntervalMinutes: 60,
      ShowWelcome: 0,
      DockerHost: 'npipe:////./pipe/dockerDesktopLinuxEngine',
      Alerts: { 'engine-unreachable': 0, Note: 'text with    four spaces' },
    });
  });

  it('gives the values the app applies', () => {
    const m = interpretManaged(parseRegQuery(RECORDED, KEY).valueOf(), KEY);
    expect(m.values).toEqual({
      probeImage: 'registry.corp.example/library/alpine:3.20',
      safetyIntervalMinutes: 60,
      showWelcome: false,
      dockerHost: 'npipe:////./pipe/dockerDesktopLinuxEngine',
      alerts: { 'engine-unreachable': false },
    });
    expect(m.problems).toHaveLength(1);
    expect(m.problems[0]).toContain(`${KEY}: alerts.Note: not an alert kind`);
  });

  it('a value of a type the app does not read is named, not guessed', () => {
    const m = interpretManaged(
      parseRegQuery(
        `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\ECI Tray\r\n    ProbeImage    REG_MULTI_SZ    a\\0b\r\n`,
        KEY,
      ),
      KEY,
    );
    expect(m.values).toEqual({});
    expect(m.problems[0]).toContain('probeImage: expected an image reference, found an object');
  });
});

describe('managed quiet hours', () => {
  it.each<[string, unknown, unknown, number]>([
    ['a window', { from: '22:00', until: '07:00' }, { from: '22:00', until: '07:00' }, 0],
    ['registry PascalCase', { From: '22:00', Until: '07:00' }, { from: '22:00', until: '07:00' }, 0],
    ['none (null): the user cannot set one', null, null, 0],
    ['a time out of range is left out', { from: '25:00', until: '07:00' }, undefined, 1],
    ['half a window is left out', { from: '22:00' }, undefined, 1],
  ])('%s', (_name, raw, value, problems) => {
    const m = interpretManaged({ quietHours: raw }, 'test');
    expect(m.values.quietHours).toEqual(value);
    expect(m.problems).toHaveLength(problems);
  });

  it('win over the user own window, and a change of it is refused', () => {
    const m = interpretManaged({ quietHours: { from: '21:00', until: '08:00' } }, 'policy.json');
    const user = { ...DEFAULT_PREFERENCES, quietHours: { from: '23:00', until: '06:00' } };
    expect(withManaged(user, m).quietHours).toEqual({ from: '21:00', until: '08:00' });
    expect(managedChangeError({ quietHours: null }, m)?.message).toBe(
      'Not changed: quietHours is set by your organization (policy.json).',
    );
    expect(managedSummary(m)).toBe('Set by your organization (policy.json): quiet hours.');
  });
});
