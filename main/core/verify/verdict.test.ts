import { describe, expect, it } from 'vitest';
import {
  VERDICTS,
  type CheckResult,
  type DesiredState,
  type EngineIdentity,
  type NotAppliedCause,
  type RestartEvidence,
  type Verdict,
} from '../model';
import { decideVerdict, type VerdictInputs } from './verdict';
import {
  checks,
  def,
  desktop,
  down,
  lockedOff,
  lockedOn,
  OFF,
  ON,
  plainEngine,
  unlockedOn,
  userOff,
  userOn,
} from './testing/verdict-fixtures';

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
