// The watch stream's `advice` codes for every verdict and monitor fact: scripts read these
// codes, so this table pins them (written from the codes the monitor gave before they were
// derived from the way forward).

import { describe, expect, it } from 'vitest';
import type { AdviceCode, CheckReport, DesiredState, SettingsProblem, Verdict } from '../model';
import { adviceFor } from './monitor-state';

function report(verdict: Verdict, desired: Partial<DesiredState>, paused: boolean, blocking: boolean): CheckReport {
  const problem: SettingsProblem = {
    file: '/admin-settings.json',
    kind: 'invalid-json',
    severity: 'error',
    message: 'x',
    line: 1,
    column: 2,
    blocksDockerDesktop: true,
  };
  return {
    verdict,
    reason: 'r',
    desired: { eci: true, source: 'user', ...desired },
    engine: { reachable: true, desktop: true, paused },
    checks: [],
    settingsProblems: blocking ? [problem] : [],
    unprotectedContainers: [],
    probeImage: 'busybox:latest',
  } as unknown as CheckReport;
}

const codes = (r: CheckReport, restartedWhilePending: boolean, reconnecting: boolean): AdviceCode[] =>
  adviceFor(r, { restartedWhilePending, reconnecting });

const user = { source: 'user' } as const;
const admin = { source: 'admin-locked' } as const;
const adminUnlocked = { source: 'admin-unlocked' } as const;
const byDefault = { source: 'default' } as const;
const contested: Partial<DesiredState> = { source: 'user', contested: { eci: true, source: 'admin-unlocked' } };
const policyOff = { eci: false, source: 'admin-locked' } as const;

// [verdict, desired, paused, restarted while pending, codes without the two fact prefixes]
const rows: [Verdict, Partial<DesiredState>, boolean, boolean, AdviceCode[]][] = [
  ['protected', user, false, false, []],
  ['protected', user, true, true, []],
  ['unprotected-containers', user, false, false, ['review-containers']],
  ['unprotected-containers', admin, true, true, ['review-containers']],
  ['pending-restart', user, false, false, ['apply-and-restart']],
  ['pending-restart', user, false, true, ['apply-and-restart']],
  ['pending-restart', admin, false, false, ['full-quit-required']],
  ['pending-restart', admin, false, true, ['menu-restart-insufficient', 'full-quit-required']],
  ['pending-restart', adminUnlocked, false, true, ['menu-restart-insufficient', 'full-quit-required']],
  ['pending-restart', byDefault, false, false, ['full-quit-required']],
  ['pending-restart', contested, false, false, ['full-quit-required']],
  ['pending-restart', contested, true, true, ['menu-restart-insufficient', 'full-quit-required']],
  ['not-applied', user, false, false, ['setting-not-applied']],
  ['not-applied', admin, false, true, ['setting-not-applied']],
  ['off', user, false, false, ['turn-eci-on']],
  ['off', policyOff, false, false, ['turn-eci-on']],
  ['off', { eci: false, source: 'admin-unlocked' }, false, false, ['turn-eci-on']],
  ['off', admin, true, true, ['turn-eci-on']],
  ['engine-unreachable', user, false, false, ['start-docker-desktop']],
  ['engine-unreachable', user, true, false, ['unpause-docker-desktop']],
  ['engine-unreachable', admin, true, true, ['unpause-docker-desktop']],
  ['not-docker-desktop', user, false, false, []],
  ['unsupported-version', admin, false, true, []],
  ['unknown', user, false, false, []],
  ['unknown', admin, true, true, []],
];

describe('advice codes for every verdict and monitor fact', () => {
  for (const [verdict, desired, paused, restarted, base] of rows)
    for (const blocking of [false, true])
      for (const reconnecting of [false, true]) {
        const expected: AdviceCode[] = [
          ...(reconnecting ? (['engine-reconnecting'] as const) : []),
          ...(blocking ? (['fix-admin-settings'] as const) : []),
          ...base,
        ];
        const name = `${verdict} ${JSON.stringify(desired)}${paused ? ' paused' : ''}${restarted ? ' restarted' : ''}${blocking ? ' blocking' : ''}${reconnecting ? ' reconnecting' : ''}`;
        it(`${name}: ${expected.join(', ') || 'none'}`, () => {
          expect(codes(report(verdict, desired, paused, blocking), restarted, reconnecting)).toEqual(expected);
        });
      }
});
