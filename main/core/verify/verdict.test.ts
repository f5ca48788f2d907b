import { describe, expect, it } from 'vitest';
import {
  VERDICTS,
  type Check,
  type CheckResult,
  type DesiredState,
  type EngineIdentity,
  type NotAppliedCause,
  type RestartEvidence,
  type Verdict,
} from '../model';
import {
  assembleReport,
  unidentifiedEngine,
  unreachableEvidence,
  type ContainerEvidence,
  type EngineEvidence,
} from './assemble-report';
import type { SettingsSnapshot } from '../settings/load-settings';
import { identify } from './identity';
import { decideVerdict, type VerdictInputs } from './verdict';

const desktop = (version: string | null = '4.37.1'): EngineIdentity => ({
  reachable: true,
  desktop: true,
  version,
  platformName: version ? `Docker Desktop ${version} (1)` : 'Docker Desktop',
  operatingSystem: 'Docker Desktop',
});
const plainEngine: EngineIdentity = {
  reachable: true,
  desktop: false,
  version: null,
  platformName: 'Docker Engine - Community',
  operatingSystem: 'Debian GNU/Linux 12',
};
const down: EngineIdentity = {
  reachable: false,
  desktop: false,
  version: null,
  platformName: null,
  operatingSystem: null,
  error: 'connection refused',
};

function checks(
  uid: CheckResult,
  runtime: CheckResult,
  pid: CheckResult = uid,
  socket: CheckResult = uid,
): { checks: Check[] } {
  return {
    checks: [
      { id: 'uid-map', result: uid, observation: uid === 'isolated' ? '0 100000 65536' : '0 0 4294967295' },
      { id: 'runtime', result: runtime, observation: runtime === 'isolated' ? 'sysbox-runc' : 'runc' },
      { id: 'host-pid-namespace', result: pid, observation: '...' },
      { id: 'docker-socket-mount', result: socket, observation: '...' },
    ],
  };
}
const ON = checks('isolated', 'isolated');
const OFF = checks('not-isolated', 'not-isolated');
const def: DesiredState = { eci: false, source: 'default' };
const lockedOn: DesiredState = { eci: true, source: 'admin-locked', file: '/a' };
const lockedOff: DesiredState = { eci: false, source: 'admin-locked', file: '/a' };
const unlockedOn: DesiredState = { eci: true, source: 'admin-unlocked', file: '/a' };
const userOn: DesiredState = { eci: true, source: 'user', file: '/u' };
const userOff: DesiredState = { eci: false, source: 'user', file: '/u' };

type Row = [string, VerdictInputs, Verdict, boolean | null];
const row = (
  name: string,
  engine: EngineIdentity,
  probe: VerdictInputs['probe'],
  desired: DesiredState,
  containers: number,
  verdict: Verdict,
  eci: boolean | null,
): Row => [name, { engine, probe, desired, unprotectedContainers: containers }, verdict, eci];

const rows: Row[] = [
  row('verified on, nothing asks, no containers', desktop(), ON, def, 0, 'protected', true),
  row('verified on, policy asks on', desktop(), ON, lockedOn, 0, 'protected', true),
  row(
    'verified on with an allow-listed socket image',
    desktop(),
    checks('isolated', 'isolated', 'isolated', 'allow-listed'),
    lockedOn,
    0,
    'protected',
    true,
  ),
  row('verified on, old containers', desktop(), ON, lockedOn, 2, 'unprotected-containers', true),
  row('off, policy asks on (locked)', desktop(), OFF, lockedOn, 0, 'pending-restart', false),
  row('off, policy asks on (unlocked)', desktop(), OFF, unlockedOn, 0, 'pending-restart', false),
  row('off, user setting on', desktop(), OFF, userOn, 0, 'pending-restart', false),
  row('on, policy locked off', desktop(), ON, lockedOff, 0, 'pending-restart', true),
  row('on, user turned it off', desktop(), ON, userOff, 3, 'pending-restart', true),
  row('off, nothing asks', desktop(), OFF, def, 0, 'off', false),
  row('off, user setting off', desktop(), OFF, userOff, 0, 'off', false),
  row('engine down', down, null, lockedOn, 0, 'engine-unreachable', null),
  row('plain engine, isolation off', plainEngine, OFF, lockedOn, 0, 'not-docker-desktop', false),
  row(
    'plain engine with userns remap',
    plainEngine,
    checks('isolated', 'not-isolated'),
    def,
    0,
    'not-docker-desktop',
    false,
  ),
  row('Desktop 4.12', desktop('4.12.0'), OFF, lockedOn, 0, 'unsupported-version', false),
  row('Desktop 4.13 is supported', desktop('4.13.0'), ON, lockedOn, 0, 'protected', true),
  row('Desktop without a version number', desktop(null), ON, def, 0, 'protected', true),
  row(
    'probe image unavailable',
    desktop(),
    { failure: 'the probe image alpine:latest is not on this engine' },
    lockedOn,
    0,
    'unknown',
    null,
  ),
  row('uid_map could not be read', desktop(), checks('error', 'isolated'), lockedOn, 0, 'unknown', null),
  row('runtime unknown', desktop(), checks('isolated', 'error'), lockedOn, 0, 'unknown', null),
  row(
    'on but host pid sharing allowed',
    desktop(),
    checks('isolated', 'isolated', 'not-isolated', 'isolated'),
    lockedOn,
    0,
    'unknown',
    true,
  ),
  row(
    'on but socket check failed to run',
    desktop(),
    checks('isolated', 'isolated', 'isolated', 'error'),
    lockedOn,
    0,
    'unknown',
    true,
  ),
  row(
    'on but socket mount allowed for a non-listed image',
    desktop(),
    checks('isolated', 'isolated', 'isolated', 'not-isolated'),
    def,
    0,
    'unknown',
    true,
  ),
  row('userns remap without sysbox is not ECI', desktop(), checks('isolated', 'not-isolated'), def, 0, 'off', false),
  row(
    'sysbox without remapped root is not ECI',
    desktop(),
    checks('not-isolated', 'isolated'),
    lockedOn,
    0,
    'pending-restart',
    false,
  ),
  row('no probe at all', desktop(), null, def, 0, 'unknown', null),
  [
    'identity unreadable, probe on',
    {
      engine: { ...plainEngine, platformName: null, operatingSystem: null },
      probe: ON,
      desired: def,
      unprotectedContainers: 0,
      identityError: "could not read the engine's identity: timeout",
    },
    'unknown',
    true,
  ],
  [
    'check ran out of time before the probe',
    {
      engine: { ...plainEngine, platformName: null, operatingSystem: null },
      probe: null,
      desired: lockedOn,
      unprotectedContainers: 0,
      identityError: 'the check did not finish within 30 s',
    },
    'unknown',
    null,
  ],
  [
    'engine down outweighs an identity error',
    { engine: down, probe: null, desired: def, unprotectedContainers: 0, identityError: 'timeout' },
    'engine-unreachable',
    null,
  ],
  [
    'verified on, container list unreadable',
    {
      engine: desktop(),
      probe: ON,
      desired: def,
      unprotectedContainers: 0,
      containersError: 'list containers: timeout',
    },
    'unknown',
    true,
  ],
  [
    'verified on with old containers, list unreadable',
    {
      engine: desktop(),
      probe: ON,
      desired: def,
      unprotectedContainers: 2,
      containersError: 'list containers: timeout',
    },
    'unknown',
    true,
  ],
  [
    'off, container list unreadable: still off',
    {
      engine: desktop(),
      probe: OFF,
      desired: def,
      unprotectedContainers: 0,
      containersError: 'list containers: timeout',
    },
    'off',
    false,
  ],
  [
    'pending, container list unreadable: still pending',
    {
      engine: desktop(),
      probe: OFF,
      desired: lockedOn,
      unprotectedContainers: 0,
      containersError: 'list containers: timeout',
    },
    'pending-restart',
    false,
  ],
];

// Whether Docker Desktop started again since the setting changed (restart-evidence.ts).
const after: RestartEvidence = {
  relation: 'started-after-change',
  visible: true,
  desktopStartedAt: '2026-12-03T08:00:00.000Z',
  changedAt: '2026-12-03T07:00:00.000Z',
};
const before: RestartEvidence = {
  relation: 'started-before-change',
  visible: true,
  desktopStartedAt: '2026-12-03T06:00:00.000Z',
  changedAt: '2026-12-03T07:00:00.000Z',
};
const unseen: RestartEvidence = {
  relation: 'cannot-tell',
  visible: false,
  why: 'the engine is remote (tcp://h:2376)',
  desktopStartedAt: null,
  changedAt: '2026-12-03T07:00:00.000Z',
};
const contestedOff: DesiredState = {
  eci: false,
  source: 'user',
  file: '/u',
  contested: { eci: true, source: 'admin-unlocked', file: '/a' },
};
const wsl2 = (version: string): EngineIdentity => ({
  ...desktop(version),
  kernelVersion: '5.15.90.1-microsoft-standard-WSL2',
});
// [name, inputs, verdict, cause or null, a phrase of the reason]
const restartRows: Array<[string, VerdictInputs, Verdict, NotAppliedCause | null, RegExp]> = [
  [
    'locked on, Desktop started before the change: pending',
    { engine: desktop(), probe: OFF, desired: lockedOn, unprotectedContainers: 0, restart: before },
    'pending-restart',
    null,
    /quit and reopen Docker Desktop/,
  ],
  [
    'locked on, Desktop started after, not signed in',
    { engine: desktop(), probe: OFF, desired: lockedOn, unprotectedContainers: 0, restart: after, signedIn: false },
    'not-applied',
    'not-signed-in',
    /not signed in/,
  ],
  [
    'locked on, Desktop started after, sign-in unknown',
    { engine: desktop(), probe: OFF, desired: lockedOn, unprotectedContainers: 0, restart: after },
    'not-applied',
    'unknown',
    /cause does not show/,
  ],
  [
    'locked on, Desktop started after, signed in',
    { engine: desktop(), probe: OFF, desired: lockedOn, unprotectedContainers: 0, restart: after, signedIn: true },
    'not-applied',
    'unknown',
    /relaunch will not help/,
  ],
  [
    'locked off, Desktop started after, ECI still on',
    { engine: desktop(), probe: ON, desired: lockedOff, unprotectedContainers: 0, restart: after },
    'not-applied',
    'unknown',
    /ECI is on but a locked admin policy sets it off/,
  ],
  [
    'user value off wins over unlocked on, Desktop started after',
    { engine: desktop(), probe: OFF, desired: contestedOff, unprotectedContainers: 0, restart: after },
    'not-applied',
    'user-value-wins',
    /your own stored setting \(ECI off\) outranks an unlocked admin policy \(ECI on\)/,
  ],
  [
    'user value off vs unlocked on, Desktop started before: pending',
    { engine: desktop(), probe: OFF, desired: contestedOff, unprotectedContainers: 0, restart: before },
    'pending-restart',
    null,
    /Quit and reopen/,
  ],
  [
    'WSL 2 with Desktop 4.19, started after',
    { engine: wsl2('4.19.0'), probe: OFF, desired: lockedOn, unprotectedContainers: 0, restart: after },
    'not-applied',
    'too-old-for-backend',
    /4\.19\.0 on WSL 2 is too old/,
  ],
  [
    'WSL 2 with Desktop 4.20, started after: not the version',
    { engine: wsl2('4.20.0'), probe: OFF, desired: lockedOn, unprotectedContainers: 0, restart: after },
    'not-applied',
    'unknown',
    /cause does not show/,
  ],
  [
    'Hyper-V/macOS 4.19 is new enough',
    { engine: desktop('4.19.0'), probe: OFF, desired: lockedOn, unprotectedContainers: 0, restart: after },
    'not-applied',
    'unknown',
    /cause does not show/,
  ],
  [
    'processes unseen: pending, the cause cannot be told',
    { engine: desktop(), probe: OFF, desired: lockedOn, unprotectedContainers: 0, restart: unseen },
    'pending-restart',
    null,
    /cannot be told \(the engine is remote/,
  ],
  [
    'no evidence looked at: pending as before',
    { engine: desktop(), probe: OFF, desired: lockedOn, unprotectedContainers: 0 },
    'pending-restart',
    null,
    /Restart from the Docker menu is not enough\)/,
  ],
  [
    "the user's own setting, Desktop started before: Apply and restart",
    { engine: desktop(), probe: OFF, desired: userOn, unprotectedContainers: 0, restart: before },
    'pending-restart',
    null,
    /"Apply and restart"/,
  ],
  [
    "the user's own setting, Desktop started after",
    { engine: desktop(), probe: OFF, desired: userOn, unprotectedContainers: 0, restart: after },
    'not-applied',
    'unknown',
    /started since it changed/,
  ],
  [
    'applied: started after and ECI as asked',
    { engine: desktop(), probe: ON, desired: lockedOn, unprotectedContainers: 0, restart: after },
    'protected',
    null,
    /verified/,
  ],
];

describe('decideVerdict with evidence of a Docker Desktop start', () => {
  it.each(restartRows)('%s', (_name, inputs, verdict, cause, phrase) => {
    const result = decideVerdict(inputs);
    expect(result.verdict).toBe(verdict);
    expect(result.notAppliedCause ?? null).toBe(cause);
    expect(result.reason).toMatch(phrase);
  });
});

describe('decideVerdict', () => {
  it.each(rows)('%s', (_name, inputs, verdict, eci) => {
    const result = decideVerdict(inputs);
    expect(result.verdict).toBe(verdict);
    expect(result.effectiveEci).toBe(eci);
    expect(result.reason.length).toBeGreaterThan(10);
  });

  it('covers every verdict of the vocabulary', () => {
    expect(new Set([...rows.map((r) => r[2]), ...restartRows.map((r) => r[2])])).toEqual(new Set(VERDICTS));
  });

  it('is never protected without both strong checks isolated', () => {
    const results: CheckResult[] = ['isolated', 'not-isolated', 'allow-listed', 'error'];
    for (const uid of results)
      for (const rt of results)
        for (const pid of results)
          for (const sock of results) {
            const v = decideVerdict({
              engine: desktop(),
              probe: checks(uid, rt, pid, sock),
              desired: def,
              unprotectedContainers: 0,
            }).verdict;
            const strong =
              uid === 'isolated' &&
              rt === 'isolated' &&
              ['isolated'].includes(pid) &&
              ['isolated', 'allow-listed'].includes(sock);
            if (v === 'protected') expect(strong).toBe(true);
          }
  });
});

describe('a Docker Desktop paused by hand', () => {
  const PAUSED = 'Docker Desktop is manually paused. Unpause it through the Whale menu or Dashboard.';
  const settings: SettingsSnapshot = { adminPolicy: null, userEci: null, desired: lockedOn, files: [], problems: [] };
  const report = (evidence: EngineEvidence, containers: ContainerEvidence = { list: [] }) =>
    assembleReport({
      endpoint: null,
      probeImage: 'alpine:latest',
      evidence,
      settings,
      containers,
      durationMs: 0,
      platform: 'darwin',
    });
  const at = '2026-01-01T00:00:00.000Z';

  // Where the paused text can surface depends on which calls Desktop still answers while paused.
  it.each<[string, EngineEvidence, ContainerEvidence?]>([
    ['the ping says so', unreachableEvidence(`ping: ${PAUSED} (HTTP 500)`, at)],
    [
      'the ping answers, the identity calls say so',
      {
        engine: unidentifiedEngine(),
        identityError: `could not read the engine's identity: version: ${PAUSED} (HTTP 500)`,
        probe: null,
        at,
      },
    ],
    [
      'the identity answers, the probe cannot start',
      { engine: desktop(), probe: { failure: `pull alpine:latest: ${PAUSED} (HTTP 503)` }, at },
    ],
    [
      'paused between two probe checks',
      {
        engine: desktop(),
        probe: {
          checks: [
            ...checks('isolated', 'isolated').checks.slice(0, 2),
            { id: 'host-pid-namespace', result: 'error', observation: `create: ${PAUSED} (HTTP 500)` },
            checks('isolated', 'isolated').checks[3]!,
          ],
        },
        at,
      },
    ],
    [
      'only the container list says so',
      { engine: desktop(), probe: ON, at },
      { list: [], error: `list containers: ${PAUSED} (HTTP 500)` },
    ],
  ])('%s: engine-unreachable, paused, resume advice', (_name, evidence, containers) => {
    const r = report(evidence, containers);
    expect(r.verdict).toBe('engine-unreachable');
    expect(r.engine).toMatchObject({ reachable: false, paused: true });
    expect(r.reason).toMatch(/^Docker Desktop is paused/);
    expect(r.reason).toContain('manually paused');
    expect(r.effective.eci).toBeNull();
    expect(r.checks).toEqual([]);
    expect(r.nextSteps.join(' ')).toContain('Resume Docker Desktop');
    expect(r.nextSteps.join(' ')).not.toMatch(/start Docker Desktop/i);
  });

  it('an engine that is simply not running is told to start Docker Desktop', () => {
    const r = report(unreachableEvidence('ping: no engine socket at this path (is Docker Desktop running?)', at));
    expect(r.verdict).toBe('engine-unreachable');
    expect(r.engine.paused).toBeUndefined();
    expect(r.nextSteps.join(' ')).toMatch(/^Start Docker Desktop/);
  });

  it('decideVerdict says paused only when the engine identity says so', () => {
    expect(
      decideVerdict({
        engine: { ...down, paused: true, error: PAUSED },
        probe: null,
        desired: def,
        unprotectedContainers: 0,
      }).reason,
    ).toMatch(/^Docker Desktop is paused/);
    expect(decideVerdict({ engine: down, probe: null, desired: def, unprotectedContainers: 0 }).reason).toMatch(
      /^No Docker engine answers/,
    );
  });
});

describe('Docker Desktop version strings (Platform.Name as Desktop reports it)', () => {
  const engineFrom = (platformName: string): EngineIdentity =>
    identify({ Platform: { Name: platformName } }, { OperatingSystem: 'Docker Desktop' });
  // [Platform.Name, probe, verdict, note expected in the report]
  it.each<[string, { checks: Check[] }, Verdict, RegExp | null]>([
    ['Docker Desktop 4.76.0 (228118)', ON, 'protected', null],
    ['Docker Desktop 4.37.1 ()', ON, 'protected', null],
    ['Docker Desktop 4.37.1', ON, 'protected', null],
    // The WSL placeholder: never "unsupported-version", whatever the probe shows.
    ['Docker Desktop 4.0.0 ()', ON, 'protected', /version is unknown .*placeholder/],
    ['Docker Desktop 4.0.0 ()', OFF, 'pending-restart', /version is unknown .*placeholder/],
    ['Docker Desktop 4.0.0', OFF, 'pending-restart', /placeholder/],
    ['Docker Desktop', ON, 'protected', /version is unknown .*holds no Docker Desktop version/],
    ['Docker Desktop nightly', OFF, 'pending-restart', /holds no Docker Desktop version/],
    // A real old version decides while the probe does not show ECI on...
    ['Docker Desktop 4.12.0 (85629)', OFF, 'unsupported-version', null],
    ['Docker Desktop 4.0.0 (67817)', OFF, 'unsupported-version', null],
    // ...and is contradicted by a probe that does: the evidence decides, the report says so.
    ['Docker Desktop 4.12.0 (85629)', ON, 'protected', /reports version 4\.12\.0, older than 4\.13\.0 .*not trusted/],
  ])('%s, ECI %#', (name, probe, verdict, note) => {
    const settings: SettingsSnapshot = { adminPolicy: null, userEci: null, desired: lockedOn, files: [], problems: [] };
    const r = assembleReport({
      endpoint: null,
      probeImage: 'alpine:latest',
      evidence: { engine: engineFrom(name), probe, at: '2026-01-01T00:00:00.000Z' },
      settings,
      containers: { list: [] },
      durationMs: 0,
      platform: 'linux',
    });
    expect(r.verdict).toBe(verdict);
    const versionNotes = r.notes.filter((n) => /version/.test(n));
    if (note) expect(versionNotes.join(' ')).toMatch(note);
    else expect(versionNotes).toEqual([]);
  });
});

describe('an unlocked admin value against the user stored value', () => {
  const contested = (user: boolean, admin: boolean): DesiredState => ({
    eci: user,
    source: 'user',
    file: '/u',
    contested: { eci: admin, source: 'admin-unlocked', file: '/a' },
  });
  // [name, desired, probe, verdict]
  it.each<[string, DesiredState, { checks: Check[] }, Verdict]>([
    ['user off, policy on, ECI on: the policy may be what applied', contested(false, true), ON, 'protected'],
    ['user on, policy off, ECI on: the user setting applied', contested(true, false), ON, 'protected'],
    ['user off, policy on, ECI off: may wait for a full quit', contested(false, true), OFF, 'pending-restart'],
    ['user on, policy off, ECI off: may wait for a full quit', contested(true, false), OFF, 'pending-restart'],
  ])('%s', (_name, desired, probe, verdict) => {
    const r = decideVerdict({ engine: desktop(), probe, desired, unprotectedContainers: 0 });
    expect(r.verdict).toBe(verdict);
    // Never a silent guess: the reason names both values and why the files cannot tell.
    expect(r.reason).toContain('an unlocked admin policy sets it');
    expect(r.reason).toContain('cannot tell which one applies');
  });

  it('without a contested value the reason does not speak of one', () => {
    expect(
      decideVerdict({ engine: desktop(), probe: ON, desired: userOn, unprotectedContainers: 0 }).reason,
    ).not.toContain('unlocked');
  });
});

describe('admin-settings.json applies only when signed in', () => {
  // [name, desired, signedIn, expected text in the pending-restart reason, or null for none]
  it.each<[string, DesiredState, boolean | null | undefined, RegExp | null]>([
    [
      'locked policy, signed out',
      lockedOn,
      false,
      /reports you are not signed in: admin-settings\.json applies only while you are signed in/,
    ],
    [
      'locked policy, sign-in unknown',
      lockedOn,
      null,
      /applies only while you are signed in to your Docker organization: check the account menu/,
    ],
    ['locked policy, sign-in not asked', lockedOn, undefined, /applies only while you are signed in/],
    ['locked policy, signed in', lockedOn, true, null],
    ['unlocked policy, signed out', unlockedOn, false, /not signed in/],
    ['user setting: no policy involved', userOn, false, null],
  ])('%s', (_name, desired, signedIn, text) => {
    const r = decideVerdict({ engine: desktop(), probe: OFF, desired, unprotectedContainers: 0, signedIn });
    expect(r.verdict).toBe('pending-restart');
    if (text) expect(r.reason).toMatch(text);
    else expect(r.reason).not.toMatch(/signed in/);
  });
});
