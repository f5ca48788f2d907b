import { describe, expect, it } from 'vitest';
import type { Check, CheckReport, DesiredState, SettingsProblem, Verdict } from '../model';
import type { AdviceCode } from '../model';
import { unknownCause, wayForward, type Surface } from './way-forward';

function report(
  verdict: Verdict,
  extra: {
    desired?: Partial<DesiredState>;
    paused?: boolean;
    checks?: Check[];
    problems?: SettingsProblem[];
    containers?: number;
  } = {},
): CheckReport {
  return {
    verdict,
    desired: { eci: true, source: 'user', ...extra.desired },
    engine: {
      reachable: verdict !== 'engine-unreachable',
      desktop: true,
      version: '4.76.0',
      platformName: null,
      operatingSystem: null,
      paused: extra.paused === true,
    },
    checks: extra.checks ?? [],
    settingsProblems: extra.problems ?? [],
    unprotectedContainers: Array.from({ length: extra.containers ?? 0 }, (_, i) => ({ id: String(i), name: `c${i}` })),
    probeImage: 'busybox:latest',
  } as unknown as CheckReport;
}
const err = (observation: string): Check => ({ id: 'uid-map', result: 'error', observation });
const broken: SettingsProblem = {
  file: '/Library/Application Support/com.docker.docker/admin-settings.json',
  kind: 'invalid-json',
  severity: 'error',
  message: 'Unexpected token',
  line: 3,
  column: 7,
  blocksDockerDesktop: true,
} as SettingsProblem;

describe('the way forward, for every state and surface', () => {
  it.each<[string, CheckReport, AdviceCode[], Surface, string | null, RegExp, string | null]>([
    ['protected', report('protected'), [], 'app', null, /^Nothing to do/, null],
    [
      'old containers',
      report('unprotected-containers', { containers: 3 }),
      [],
      'app',
      'open-cleanup',
      /^Remove or re-create the 3 containers from before ECI: they keep running without ECI\.$/,
      'eci-tray cleanup --plan',
    ],
    [
      'only kind nodes count: the cluster is reset, nothing to clean up',
      report('unprotected-containers', { containers: 0 }),
      [],
      'app',
      null,
      /^Reset Docker Desktop's Kubernetes cluster/,
      null,
    ],
    [
      'pending, app: the button reopens',
      report('pending-restart', { desired: { source: 'admin-locked' } }),
      ['full-quit-required'],
      'app',
      'relaunch',
      /^Quit and reopen Docker Desktop to apply the ECI setting; Restart from the Docker menu is not enough/,
      'eci-tray relaunch',
    ],
    [
      "pending, the user's own setting: Apply and restart, no full quit",
      report('pending-restart'),
      ['apply-and-restart'],
      'app',
      null,
      /"Apply and restart"/,
      null,
    ],
    [
      'pending, CLI: names eci-tray relaunch',
      report('pending-restart', { desired: { source: 'admin-locked' } }),
      ['full-quit-required'],
      'cli',
      'relaunch',
      /"eci-tray relaunch" does it/,
      'eci-tray relaunch',
    ],
    [
      'pending after a menu restart',
      report('pending-restart', { desired: { source: 'admin-locked' } }),
      ['menu-restart-insufficient', 'full-quit-required'],
      'app',
      'relaunch',
      /^Restart from the Docker menu did not apply the setting\. Quit and reopen/,
      'eci-tray relaunch',
    ],
    [
      'off by the user',
      report('off', { desired: { eci: false, source: 'default' } }),
      ['turn-eci-on'],
      'app',
      'open-walkthrough',
      /^Turn ECI on .* then quit and reopen Docker Desktop/,
      null,
    ],
    [
      'off by the user, CLI',
      report('off', { desired: { eci: false, source: 'user' } }),
      ['turn-eci-on'],
      'cli',
      'open-walkthrough',
      /^Turn ECI on/,
      'eci-tray policy set-eci on',
    ],
    [
      'off by a locked policy: no alarm, no button',
      report('off', { desired: { eci: false, source: 'admin-locked' } }),
      [],
      'app',
      null,
      /off by your admin policy/,
      null,
    ],
    [
      'engine not running: the app starts it',
      report('engine-unreachable'),
      ['start-docker-desktop'],
      'app',
      'start-desktop',
      /^Start Docker Desktop/,
      'docker desktop start',
    ],
    [
      'engine paused: resume, not start',
      report('engine-unreachable', { paused: true }),
      ['unpause-docker-desktop'],
      'app',
      null,
      /^Resume Docker Desktop: it is paused/,
      null,
    ],
    [
      'not Docker Desktop: the context to switch to',
      report('not-docker-desktop'),
      [],
      'app',
      null,
      /docker context use desktop-linux/,
      'docker context use desktop-linux',
    ],
    ['too old', report('unsupported-version'), [], 'cli', null, /Update Docker Desktop to 4\.13/, null],
    [
      'unknown: probe image missing, app',
      report('unknown', { checks: [err('could not create the probe container: No such image: busybox:latest')] }),
      [],
      'app',
      null,
      /busybox:latest is not available: pull it \(the command below\)/,
      'docker pull busybox:latest',
    ],
    [
      'unknown: probe image missing, CLI',
      report('unknown', { checks: [err('pull access denied for busybox')] }),
      [],
      'cli',
      null,
      /with --probe-image/,
      'docker pull busybox:latest',
    ],
    [
      'unknown: engine slow',
      report('unknown', { checks: [err('the engine did not answer within 10 s (timed out)')] }),
      [],
      'app',
      'check-now',
      /slow to answer/,
      'eci-tray check',
    ],
    [
      'unknown: other',
      report('unknown', { checks: [err('something odd')] }),
      [],
      'app',
      'check-now',
      /no clear answer/,
      'eci-tray check',
    ],
    [
      'a broken policy file comes first, at its line',
      report('pending-restart', { problems: [broken] }),
      ['fix-admin-settings'],
      'app',
      'open-settings-file',
      /^Fix .*admin-settings\.json at line 3, column 7/,
      'eci-tray policy validate "/Library/Application Support/com.docker.docker/admin-settings.json"',
    ],
  ])('%s', (_what, r, advice, surface, action, text, command) => {
    const w = wayForward(r, advice, surface);
    expect(w.action?.id ?? null).toBe(action);
    expect(w.text).toMatch(text);
    expect(w.command).toBe(command);
    // The full quit is never called a restart.
    expect(w.text).not.toMatch(/\brestart (docker|it)\b/i);
    expect(w.action?.label ?? '').not.toMatch(/restart/i);
  });

  it('opens a broken file at its line and column', () => {
    expect(wayForward(report('off', { problems: [broken] }), [], 'app').file).toEqual({
      path: broken.file,
      line: 3,
      column: 7,
    });
  });

  it.each<[string, Parameters<typeof unknownCause>[0], ReturnType<typeof unknownCause>]>([
    ['paused wins', report('unknown', { paused: true, checks: [err('No such image: x')] }), 'paused'],
    [
      'missing image',
      report('unknown', { checks: [err('Unable to find image "x:latest" locally')] }),
      'probe-image-missing',
    ],
    ['timeout', report('unknown', { checks: [err('socket hang up')] }), 'engine-busy'],
    [
      'no checks, the reason says it',
      { ...report('unknown'), reason: 'the probe image x:1 is not on this engine and could not be pulled (denied)' },
      'probe-image-missing',
    ],
    [
      'results that are not errors say nothing',
      report('unknown', { checks: [{ id: 'runtime', result: 'not-isolated', observation: 'No such image' }] }),
      'other',
    ],
  ])('unknown cause: %s', (_what, r, cause) => {
    expect(unknownCause(r)).toBe(cause);
  });
});
