// Engines, probe results and desired states the verdict tables share.

import type { Check, CheckResult, DesiredState, EngineIdentity } from '../../model';

export const desktop = (version: string | null = '4.37.1'): EngineIdentity => ({
  reachable: true,
  desktop: true,
  version,
  platformName: version ? `Docker Desktop ${version} (1)` : 'Docker Desktop',
  operatingSystem: 'Docker Desktop',
});
export const plainEngine: EngineIdentity = {
  reachable: true,
  desktop: false,
  version: null,
  platformName: 'Docker Engine - Community',
  operatingSystem: 'Debian GNU/Linux 12',
};
export const down: EngineIdentity = {
  reachable: false,
  desktop: false,
  version: null,
  platformName: null,
  operatingSystem: null,
  error: 'connection refused',
};

export function checks(
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
export const ON = checks('isolated', 'isolated');
export const OFF = checks('not-isolated', 'not-isolated');
export const def: DesiredState = { eci: false, source: 'default' };
export const lockedOn: DesiredState = { eci: true, source: 'admin-locked', file: '/a' };
export const lockedOff: DesiredState = { eci: false, source: 'admin-locked', file: '/a' };
export const unlockedOn: DesiredState = { eci: true, source: 'admin-unlocked', file: '/a' };
export const userOn: DesiredState = { eci: true, source: 'user', file: '/u' };
export const userOff: DesiredState = { eci: false, source: 'user', file: '/u' };
