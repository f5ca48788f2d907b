// Every state the top of a page can show, as the monitor hands them over (reports in the shapes
// verdict.ts writes, the way forward from the real wayForward). The table test and the pages'
// state-by-state Playwright spec read the same list.

import type { Check, CheckReport, ContainerSummary, Verdict } from '../../model';
import type { AdviceCode } from '../../model';
import type { MonitorState } from '../../monitor/monitor-state';
import { wayForward, type WayForward } from '../../verify/way-forward';
import { APPLIES_AFTER_FULL_QUIT, SIGN_IN_APPLIES } from '../../words';

export interface PageState {
  name: string;
  state: MonitorState | null;
  forward: WayForward | null;
}

const ADMIN = '/Library/Application Support/com.docker.docker/admin-settings.json';
const AT = '2026-12-03T10:00:00.000Z';
const ECI_ON: Check[] = [
  { id: 'uid-map', result: 'isolated', observation: '         0     100000      65536' },
  { id: 'runtime', result: 'isolated', observation: 'sysbox-runc' },
  {
    id: 'host-pid-namespace',
    result: 'isolated',
    observation: "Error response from daemon: can't share namespaces with the host under ECI",
  },
  {
    id: 'docker-socket-mount',
    result: 'isolated',
    observation: 'Error response from daemon: mounting the Docker socket is not allowed under ECI',
  },
];
const ECI_OFF: Check[] = [
  { id: 'uid-map', result: 'not-isolated', observation: '         0          0 4294967295' },
  { id: 'runtime', result: 'not-isolated', observation: 'runc' },
  { id: 'host-pid-namespace', result: 'not-isolated', observation: 'the container started with --pid=host' },
  { id: 'docker-socket-mount', result: 'not-isolated', observation: 'the container started with the socket mounted' },
];
const pullError = (why: string): Check[] =>
  ECI_ON.map((c) => ({ id: c.id, result: 'error', observation: `the probe image could not be pulled: ${why}` }));

function old(name: string, i: number): ContainerSummary {
  return {
    id: String(i).repeat(64).slice(0, 64),
    name,
    image: 'nginx:1.27',
    state: 'running',
    created: AT,
    runtime: 'runc',
  };
}

function report(verdict: Verdict, reason: string, extra: Partial<CheckReport> = {}): CheckReport {
  return {
    verdict,
    reason,
    checkedAt: AT,
    durationMs: 1800,
    endpoint: { url: 'unix:///Users/ada/.docker/run/docker.sock', source: 'desktop-socket' },
    engine: {
      reachable: true,
      desktop: true,
      version: '4.37.1',
      platformName: 'Docker Desktop 4.37.1 (178610)',
      operatingSystem: 'Docker Desktop',
      osType: 'linux',
    },
    desired: { eci: true, source: 'admin-locked', file: ADMIN },
    effective: { eci: verdict === 'protected' || verdict === 'unprotected-containers' },
    checks: verdict === 'protected' || verdict === 'unprotected-containers' ? ECI_ON : ECI_OFF,
    unprotectedContainers: [],
    uncoveredContainers: [],
    settingsFiles: [
      { role: 'admin', path: ADMIN, found: true },
      { role: 'user', path: '/Users/ada/Library/Group Containers/group.com.docker/settings-store.json', found: true },
    ],
    settingsProblems: [],
    notes: ['Docker Extensions are not protected by ECI.'],
    nextSteps: [],
    probeImage: 'docker.io/library/busybox:1.36',
    ...extra,
  };
}

function at(name: string, r: CheckReport, advice: AdviceCode[] = [], verifiedAt: string | null = AT): PageState {
  const state: MonitorState = {
    seq: 3,
    at: AT,
    trigger: 'request',
    changed: ['verdict'],
    advice,
    engine: { connected: r.engine.reachable, lostSince: null, restarts: 0 },
    verifiedAt,
    verdictSince: AT,
    probeRuns: 3,
    report: r,
  };
  return { name, state, forward: wayForward(r, advice, 'app') };
}

const DNS =
  'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 192.168.65.7:53: no such host';
const UNREACHABLE = 'connect ENOENT /Users/ada/.docker/run/docker.sock';

export const PAGE_STATES: PageState[] = [
  { name: 'not-checked', state: null, forward: null },
  at('protected', report('protected', 'Enhanced Container Isolation is on and verified by probe containers.')),
  at(
    'off',
    report('off', 'ECI is off: the probe containers ran as root on the VM.', {
      desired: { eci: false, source: 'default' },
    }),
  ),
  at(
    'off-by-policy',
    report('off', 'ECI is off, as your admin policy asks.', {
      desired: { eci: false, source: 'admin-locked', file: ADMIN },
    }),
  ),
  at(
    'pending-restart',
    report('pending-restart', `admin-settings.json asks for ECI on: it ${APPLIES_AFTER_FULL_QUIT}.`),
    ['full-quit-required'],
  ),
  at(
    'pending-menu-restart',
    report('pending-restart', `admin-settings.json asks for ECI on: it ${APPLIES_AFTER_FULL_QUIT}.`),
    ['menu-restart-insufficient', 'full-quit-required'],
  ),
  at(
    'not-applied',
    report(
      'not-applied',
      `ECI is off. A relaunch will not help: Docker Desktop reports you are not signed in, and ${SIGN_IN_APPLIES}.`,
      { notAppliedCause: 'not-signed-in' },
    ),
    ['setting-not-applied'],
  ),
  at(
    'unprotected-containers-1',
    report('unprotected-containers', 'ECI is on, but 1 container created before it still runs without it.', {
      unprotectedContainers: [old('web', 1)],
    }),
    ['review-containers'],
  ),
  at(
    'unprotected-containers-3',
    report('unprotected-containers', 'ECI is on, but 3 containers created before it still run without it.', {
      unprotectedContainers: [old('worker-10', 1), old('worker-2', 2), old('db', 3)],
    }),
    ['review-containers'],
  ),
  at(
    'settings-broken',
    report('pending-restart', `admin-settings.json asks for ECI on: it ${APPLIES_AFTER_FULL_QUIT}.`, {
      settingsProblems: [
        {
          file: ADMIN,
          kind: 'invalid-json',
          severity: 'error',
          message: 'Property expected',
          line: 5,
          column: 3,
          blocksDockerDesktop: true,
        },
      ],
    }),
    ['fix-admin-settings'],
  ),
  at(
    'engine-unreachable',
    report('engine-unreachable', `No Docker engine answers: ${UNREACHABLE}.`, {
      engine: {
        reachable: false,
        desktop: false,
        version: null,
        platformName: null,
        operatingSystem: null,
        error: UNREACHABLE,
      },
      checks: [],
      effective: { eci: null },
    }),
    ['start-docker-desktop'],
    null,
  ),
  at(
    'paused',
    report('engine-unreachable', 'Docker Desktop is paused: its engine runs no containers until it is resumed.', {
      engine: {
        reachable: false,
        desktop: true,
        version: '4.37.1',
        platformName: null,
        operatingSystem: null,
        paused: true,
      },
      checks: [],
      effective: { eci: null },
    }),
    ['unpause-docker-desktop'],
  ),
  at(
    'not-docker-desktop',
    report(
      'not-docker-desktop',
      'The engine is Docker Engine 27.3.1, not Docker Desktop; ECI does not apply (isolation checks reported below).',
      {
        endpoint: { url: 'unix:///var/run/docker.sock', source: 'env' },
        engine: {
          reachable: true,
          desktop: false,
          version: null,
          platformName: 'Docker Engine - Community',
          operatingSystem: 'Debian GNU/Linux 12',
          osType: 'linux',
        },
        checks: ECI_ON,
        effective: { eci: null },
      },
    ),
  ),
  at(
    'unsupported-version',
    report(
      'unsupported-version',
      'Docker Desktop 4.12.0 is older than 4.13.0, the first release with Enhanced Container Isolation.',
      {
        engine: {
          reachable: true,
          desktop: true,
          version: '4.12.0',
          platformName: 'Docker Desktop 4.12.0',
          operatingSystem: 'Docker Desktop',
        },
      },
    ),
  ),
  at(
    'unknown-image-missing',
    report('unknown', 'The probe could not run: the probe image could not be pulled: manifest unknown.', {
      checks: pullError(
        'Error response from daemon: manifest for docker.io/library/busybox:1.36 not found: manifest unknown',
      ),
      effective: { eci: null },
    }),
  ),
  at(
    'unknown-dns',
    report('unknown', `The probe could not run: the probe image could not be pulled: ${DNS}.`, {
      checks: pullError(DNS),
      effective: { eci: null },
    }),
    [],
    null,
  ),
  at(
    'unknown-other',
    report('unknown', 'The probe could not establish whether ECI is on: uid_map was empty.', {
      checks: [{ id: 'uid-map', result: 'error', observation: 'uid_map was empty' }, ...ECI_ON.slice(1)],
      effective: { eci: null },
    }),
  ),
];
