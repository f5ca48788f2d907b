// What the desks' unit tests share: a monitor state of a given verdict, and a verification against
// an engine endpoint nobody serves (a socket path in the test's folder), so no test reaches a real
// Docker engine.

import { join } from 'node:path';
import { Auditor } from '../../core/cleanup/audit';
import type { MonitorState } from '../../core/monitor/monitor-state';
import { DEFAULT_PREFERENCES } from '../../core/preferences/preferences';
import { checkConfigOf } from '../../core/preferences/preferences-change';
import { EciChecker } from '../../core/verify/check';
import type { Verification } from '../desk-context';

export function noEngineEnv(dir: string): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'], HOME: dir, DOCKER_HOST: `unix://${join(dir, 'no-engine.sock')}` };
}

/** The verification AppCore would hand its desks with no engine; counts the fresh checks asked for. */
export function noEngineVerification(
  dir: string,
  current: MonitorState | null = null,
): Verification & { checksAsked: number } {
  const checker = new EciChecker(checkConfigOf(DEFAULT_PREFERENCES, noEngineEnv(dir), () => undefined));
  const auditor = checker.engineError === null ? new Auditor(checker.engine()) : null;
  const v = {
    checksAsked: 0,
    checker: () => checker,
    auditor: () => auditor,
    current: () => current,
    checkNow: async () => {
      v.checksAsked++;
      return current;
    },
  };
  return v;
}

export function state(verdict: 'off' | 'protected', at: string): MonitorState {
  return {
    seq: 1,
    at,
    trigger: 'interval',
    changed: ['verdict'],
    advice: [],
    engine: { connected: true, lostSince: null, restarts: 0 },
    verifiedAt: at,
    verdictSince: at,
    probeRuns: 1,
    report: {
      verdict,
      reason: `reason for ${verdict}`,
      checkedAt: at,
      durationMs: 1,
      endpoint: { url: 'unix:///var/run/docker.sock', source: 'desktop-socket' },
      engine: { reachable: true, desktop: true, version: '4.37.1', platformName: null, operatingSystem: null },
      desired: { eci: verdict === 'protected', source: 'default' },
      effective: { eci: verdict === 'protected' },
      checks: [
        {
          id: 'uid-map',
          result: verdict === 'protected' ? 'isolated' : 'not-isolated',
          observation: verdict === 'protected' ? '0 100000 65536' : '0 0 4294967295',
        },
      ],
      unprotectedContainers: [],
      settingsFiles: [],
      settingsProblems: [],
      notes: [],
      nextSteps: [],
      probeImage: 'alpine',
    },
  };
}
