import { describe, expect, it } from 'vitest';
import { VERDICTS, type Check, type CheckResult, type DesiredState, type EngineIdentity, type Verdict } from './model';
import { decideVerdict, type VerdictInputs } from './verdict';

const desktop = (version: string | null = '4.37.1'): EngineIdentity => ({
  reachable: true,
  desktop: true,
  version,
  platformName: version ? `Docker Desktop ${version} (1)` : 'Docker Desktop',
  operatingSystem: 'Docker Desktop',
});
const plainEngine: EngineIdentity = { reachable: true, desktop: false, version: null, platformName: 'Docker Engine - Community', operatingSystem: 'Debian GNU/Linux 12' };
const down: EngineIdentity = { reachable: false, desktop: false, version: null, platformName: null, operatingSystem: null, error: 'connection refused' };

function checks(uid: CheckResult, runtime: CheckResult, pid: CheckResult = uid, socket: CheckResult = uid): { checks: Check[] } {
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
const row = (name: string, engine: EngineIdentity, probe: VerdictInputs['probe'], desired: DesiredState, containers: number, verdict: Verdict, eci: boolean | null): Row => [
  name,
  { engine, probe, desired, unprotectedContainers: containers },
  verdict,
  eci,
];

const rows: Row[] = [
  row('verified on, nothing asks, no containers', desktop(), ON, def, 0, 'protected', true),
  row('verified on, policy asks on', desktop(), ON, lockedOn, 0, 'protected', true),
  row('verified on with an allow-listed socket image', desktop(), checks('isolated', 'isolated', 'isolated', 'allow-listed'), lockedOn, 0, 'protected', true),
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
  row('plain engine with userns remap', plainEngine, checks('isolated', 'not-isolated'), def, 0, 'not-docker-desktop', false),
  row('Desktop 4.12', desktop('4.12.0'), OFF, lockedOn, 0, 'unsupported-version', false),
  row('Desktop 4.13 is supported', desktop('4.13.0'), ON, lockedOn, 0, 'protected', true),
  row('Desktop without a version number', desktop(null), ON, def, 0, 'protected', true),
  row('probe image unavailable', desktop(), { failure: 'the probe image alpine:latest is not on this engine' }, lockedOn, 0, 'unknown', null),
  row('uid_map could not be read', desktop(), checks('error', 'isolated'), lockedOn, 0, 'unknown', null),
  row('runtime unknown', desktop(), checks('isolated', 'error'), lockedOn, 0, 'unknown', null),
  row('on but host pid sharing allowed', desktop(), checks('isolated', 'isolated', 'not-isolated', 'isolated'), lockedOn, 0, 'unknown', true),
  row('on but socket check failed to run', desktop(), checks('isolated', 'isolated', 'isolated', 'error'), lockedOn, 0, 'unknown', true),
  row('on but socket mount allowed for a non-listed image', desktop(), checks('isolated', 'isolated', 'isolated', 'not-isolated'), def, 0, 'unknown', true),
  row('userns remap without sysbox is not ECI', desktop(), checks('isolated', 'not-isolated'), def, 0, 'off', false),
  row('sysbox without remapped root is not ECI', desktop(), checks('not-isolated', 'isolated'), lockedOn, 0, 'pending-restart', false),
  row('no probe at all', desktop(), null, def, 0, 'unknown', null),
];

describe('decideVerdict', () => {
  it.each(rows)('%s', (_name, inputs, verdict, eci) => {
    const result = decideVerdict(inputs);
    expect(result.verdict).toBe(verdict);
    expect(result.effectiveEci).toBe(eci);
    expect(result.reason.length).toBeGreaterThan(10);
  });

  it('covers every verdict of the vocabulary', () => {
    expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(VERDICTS));
  });

  it('is never protected without both strong checks isolated', () => {
    const results: CheckResult[] = ['isolated', 'not-isolated', 'allow-listed', 'error'];
    for (const uid of results)
      for (const rt of results)
        for (const pid of results)
          for (const sock of results) {
            const v = decideVerdict({ engine: desktop(), probe: checks(uid, rt, pid, sock), desired: def, unprotectedContainers: 0 }).verdict;
            const strong = uid === 'isolated' && rt === 'isolated' && ['isolated'].includes(pid) && ['isolated', 'allow-listed'].includes(sock);
            if (v === 'protected') expect(strong).toBe(true);
          }
  });
});
