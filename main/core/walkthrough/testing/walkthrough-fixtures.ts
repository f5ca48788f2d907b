// Reports as a check would give them, and what the user did before, for the walkthrough's tables.

import type { AuthStatus } from '../../desktop/auth-status';
import type { Check, CheckReport, DesiredState, Verdict } from '../../model';
import type { WalkthroughProgress } from '../../preferences/preferences';

export const ADMIN = '/etc/docker-desktop/admin-settings.json';
export const USER = '/home/u/.docker/desktop/settings-store.json';

const ON_CHECKS: Check[] = [
  { id: 'uid-map', result: 'isolated', observation: '0 100000 65536' },
  { id: 'runtime', result: 'isolated', observation: 'sysbox-runc' },
  {
    id: 'host-pid-namespace',
    result: 'isolated',
    observation: "sysbox containers can't share namespaces [pid] with the host",
  },
  {
    id: 'docker-socket-mount',
    result: 'isolated',
    observation: 'enhanced container isolation: docker socket mount denied',
  },
];
const OFF_CHECKS: Check[] = [
  { id: 'uid-map', result: 'not-isolated', observation: '0 0 4294967295' },
  { id: 'runtime', result: 'not-isolated', observation: 'runc' },
  { id: 'host-pid-namespace', result: 'not-isolated', observation: 'host PID namespace shared' },
  { id: 'docker-socket-mount', result: 'not-isolated', observation: 'the Docker socket was mounted' },
];

export const locked = (eci: boolean): DesiredState => ({ eci, source: 'admin-locked', file: ADMIN });
export const user = (eci: boolean): DesiredState => ({ eci, source: 'user', file: USER });
const byDefault: DesiredState = { eci: false, source: 'default' };

export function report(verdict: Verdict, over: Partial<CheckReport> = {}): CheckReport {
  const effective =
    over.effective?.eci ??
    (verdict === 'protected' || verdict === 'unprotected-containers' ? true : verdict === 'off' ? false : null);
  return {
    verdict,
    reason: `reason for ${verdict}`,
    checkedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 500,
    endpoint: { url: 'unix:///var/run/docker.sock', source: 'desktop-socket' },
    engine: {
      reachable: true,
      desktop: true,
      version: '4.37.1',
      platformName: 'Docker Desktop 4.37.1 (178610)',
      operatingSystem: 'Docker Desktop',
      osType: 'linux',
    },
    desired: byDefault,
    effective: { eci: effective },
    checks: effective === true ? ON_CHECKS : effective === false ? OFF_CHECKS : [],
    unprotectedContainers: [],
    settingsFiles: [],
    settingsProblems: [],
    notes: [],
    nextSteps: [],
    probeImage: 'alpine:latest',
    ...over,
  };
}

export const unreachable = report('engine-unreachable', {
  engine: {
    reachable: false,
    desktop: false,
    version: null,
    platformName: null,
    operatingSystem: null,
    error: 'connect ENOENT',
  },
});
export const rawEngine = report('not-docker-desktop', {
  engine: {
    reachable: true,
    desktop: false,
    version: null,
    platformName: 'Docker Engine - Community',
    operatingSystem: 'Debian GNU/Linux 12',
  },
});
export const old = report('unsupported-version', {
  engine: { ...report('off').engine, version: '4.12.0', platformName: 'Docker Desktop 4.12.0 (85629)' },
});
export const windows = report('off', { engine: { ...report('off').engine, osType: 'windows' } });
export const removed = (...names: string[]): WalkthroughProgress['removed'] =>
  names.map((name) => ({
    name,
    image: 'busybox',
    removedAt: '2025-01-01T00:00:00.000Z',
    wasRunning: true,
    spec: { name } as never,
  }));

export const NO_PROGRESS: WalkthroughProgress = { removed: [], recreated: [], skipRecreate: false };
export const AUTH: AuthStatus = { signedIn: true, detail: 'Logged in as dev@example.com' };
