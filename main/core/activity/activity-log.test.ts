// What counts as a change for "Recent activity", and its cause, as a table of consecutive states;
// then the store: bounded, kept across restarts, written privately, a broken file set aside.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckReport, DesiredState, Verdict } from '../model';
import type { AdviceCode } from '../model';
import type { MonitorState, Trigger } from '../monitor/monitor-state';
import { activityChangeText, activityEntry, activityLines, basisOf, type ActivityBasis } from './activity-log';
import { ACTIVITY_LIMIT, ActivityLog } from './activity-store';

const ADMIN = '/etc/docker-desktop/admin-settings.json';
const locked = (eci: boolean): DesiredState => ({ eci, source: 'admin-locked', file: ADMIN });
const byDefault: DesiredState = { eci: false, source: 'default' };

interface StateOver {
  desired?: DesiredState;
  advice?: AdviceCode[];
  report?: Partial<CheckReport>;
  at?: string;
}

function state(verdict: Verdict, trigger: Trigger, over: StateOver = {}): MonitorState {
  return {
    seq: 1,
    at: over.at ?? '2026-12-01T12:27:00.000Z',
    trigger,
    changed: ['verdict'],
    advice: over.advice ?? [],
    engine: { connected: true, lostSince: null, restarts: 0 },
    verifiedAt: '2026-12-01T12:27:00.000Z',
    verdictSince: over.at ?? '2026-12-01T12:27:00.000Z',
    probeRuns: 1,
    report: {
      verdict,
      reason: `reason for ${verdict}`,
      checkedAt: '2026-12-01T12:27:00.000Z',
      durationMs: 1,
      endpoint: { url: 'unix:///var/run/docker.sock', source: 'desktop-socket' },
      engine: {
        reachable: verdict !== 'engine-unreachable',
        desktop: true,
        version: '4.37.1',
        platformName: null,
        operatingSystem: null,
      },
      desired: over.desired ?? byDefault,
      effective: { eci: verdict === 'protected' },
      checks: [],
      unprotectedContainers: [],
      settingsFiles: [],
      settingsProblems: [],
      notes: [],
      nextSteps: [],
      probeImage: 'alpine',
      ...over.report,
    },
  };
}

const basis = (verdict: Verdict, desiredEci: boolean | null = false, menuRestart = false): ActivityBasis => ({
  verdict,
  desiredEci,
  menuRestart,
});

describe('activityEntry: what counts as a change, and its cause', () => {
  it.each([
    ['the first check ever', null, state('off', 'start'), 'First check by ECI Tray.'],
    ['the first check after an app restart, same as the last entry', basis('off'), state('off', 'start'), null],
    [
      'the first check after an app restart, changed meanwhile',
      basis('off'),
      state('protected', 'start', { desired: locked(true) }),
      'Checked when ECI Tray started.',
    ],
    [
      'a re-check that changes nothing',
      basis('protected', true),
      state('protected', 'interval', { desired: locked(true) }),
      null,
    ],
    [
      'a locked policy asks for ECI',
      basis('off'),
      state('pending-restart', 'settings', { desired: locked(true) }),
      'admin-settings.json now asks for ECI on.',
    ],
    [
      'the policy file breaks',
      basis('pending-restart', true),
      state('pending-restart', 'settings', {
        desired: { eci: null, source: 'default' },
        report: {
          settingsProblems: [
            { file: ADMIN, kind: 'invalid-json', severity: 'error', message: 'x', blocksDockerDesktop: true },
          ],
        },
      }),
      'admin-settings.json became invalid.',
    ],
    [
      'a settings change under the same verdict that asks for nothing new',
      basis('off', false),
      state('off', 'settings'),
      null,
    ],
    [
      'a restart from the Docker menu leaves the setting pending',
      basis('pending-restart', true),
      state('pending-restart', 'engine-back', {
        desired: locked(true),
        advice: ['menu-restart-insufficient', 'full-quit-required'],
      }),
      'Restart from the Docker menu did not apply the setting, which is still pending.',
    ],
    [
      'the menu-restart advice again (already logged)',
      basis('pending-restart', true, true),
      state('pending-restart', 'interval', { desired: locked(true), advice: ['menu-restart-insufficient'] }),
      null,
    ],
    [
      'the full quit and reopen applies it',
      basis('pending-restart', true, true),
      state('protected', 'request', { desired: locked(true) }),
      'Found by a check run from ECI Tray',
    ],
    [
      'the engine goes away',
      basis('protected', true),
      state('engine-unreachable', 'engine-unreachable', { desired: locked(true) }),
      'The Docker engine stopped answering.',
    ],
    [
      'Docker Desktop is paused',
      basis('protected', true),
      state('engine-unreachable', 'engine-unreachable', {
        desired: locked(true),
        report: {
          engine: {
            reachable: false,
            desktop: false,
            version: null,
            platformName: null,
            operatingSystem: null,
            paused: true,
          },
        },
      }),
      'Docker Desktop was paused.',
    ],
    [
      'the engine comes back',
      basis('engine-unreachable', true),
      state('protected', 'engine-back', { desired: locked(true) }),
      'The Docker engine came back',
    ],
    [
      'an old container starts again',
      basis('protected', true),
      state('unprotected-containers', 'containers', {
        desired: locked(true),
        report: {
          unprotectedContainers: [
            { id: 'a'.repeat(64), name: 'old-app', image: 'busybox', state: 'running', created: '', runtime: 'runc' },
          ],
        },
      }),
      '1 container from before ECI runs: old-app.',
    ],
    [
      'the old container is removed',
      basis('unprotected-containers', true),
      state('protected', 'containers', { desired: locked(true) }),
      'The containers from before ECI are gone.',
    ],
    [
      'the policy flips while the engine is away (same verdict)',
      basis('engine-unreachable', true),
      state('engine-unreachable', 'settings', { desired: locked(false) }),
      'admin-settings.json now asks for ECI off.',
    ],
    ['found by the periodic check', basis('protected', true), state('off', 'interval'), 'Found by the periodic check.'],
  ] as Array<[string, ActivityBasis | null, MonitorState, string | null]>)('%s', (_name, prev, next, cause) => {
    const entry = activityEntry(prev, next, false);
    if (cause === null) {
      expect(entry).toBeNull();
      return;
    }
    expect(entry).not.toBeNull();
    expect(entry!.cause).toContain(cause);
    expect(entry!.verdict).toBe(next.report.verdict);
    expect(entry!.from).toBe(prev?.verdict ?? null);
    expect(entry!.at).toBe(next.at);
  });

  it('a new start within the same run is a change of the preferences, not of the app', () => {
    expect(
      activityEntry(basis('protected', true), state('not-docker-desktop', 'start', { desired: locked(true) }), true)!
        .cause,
    ).toBe('Checked after the preferences changed what ECI Tray verifies (engine, probe image or settings files).');
  });

  it('says the change in the verdict titles', () => {
    expect(activityChangeText({ from: 'off', verdict: 'protected' })).toBe('ECI is off → Protected');
    expect(activityChangeText({ from: null, verdict: 'off' })).toBe('ECI is off');
    expect(activityLines([])).toEqual(['  (nothing recorded yet)']);
    const at = new Date(2026, 11, 1, 9, 5).toISOString();
    expect(
      activityLines([
        { at, from: 'off', verdict: 'pending-restart', desiredEci: true, menuRestart: false, cause: 'x.' },
      ]),
    ).toEqual(['  01/12/2026, 09:05  ECI is off → Pending: quit and reopen Docker Desktop. x.']);
  });
});

describe('ActivityLog: kept across restarts, bounded, private', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'eci-activity-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('records changes only, newest first, and a new run compares with the last entry on disk', () => {
    const file = join(dir(), 'state', 'activity.json');
    const log = ActivityLog.load(file);
    expect(log.observe(state('off', 'start'))).not.toBeNull();
    expect(log.observe(state('off', 'interval'))).toBeNull();
    log.observe(state('pending-restart', 'settings', { desired: locked(true), at: '2026-12-01T12:28:00.000Z' }));
    expect(log.entries().map((e) => e.verdict)).toEqual(['pending-restart', 'off']);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    const again = ActivityLog.load(file);
    expect(again.entries()).toEqual(log.entries());
    // Same state as the newest entry: an app restart is not a change.
    expect(again.observe(state('pending-restart', 'start', { desired: locked(true) }))).toBeNull();
    expect(again.observe(state('protected', 'engine-back', { desired: locked(true) }))!.from).toBe('pending-restart');
  });

  it('a change naming many containers is kept and read back at the next start', () => {
    const file = join(dir(), 'activity.json');
    const log = ActivityLog.load(file);
    const many = Array.from({ length: 120 }, (_, i) => ({
      id: `${i}`.padStart(64, '0'),
      name: `service-${i}-${'x'.repeat(40)}`,
      image: 'img',
      state: 'running',
      created: '',
      runtime: 'runc',
    }));
    log.observe(state('protected', 'interval'));
    const entry = log.observe(
      state('unprotected-containers', 'containers', { report: { unprotectedContainers: many } }),
    )!;
    expect(entry.cause).toMatch(/service-0-x+, .*service-9-x+ and 110 more\.$/);
    const back = ActivityLog.load(file).entries();
    expect(back.map((e) => e.verdict)).toEqual(['unprotected-containers', 'protected']);
  });

  it(`keeps the last ${ACTIVITY_LIMIT} entries`, () => {
    const file = join(dir(), 'activity.json');
    const log = ActivityLog.load(file);
    for (let i = 0; i < ACTIVITY_LIMIT + 7; i++)
      log.observe(
        state(i % 2 ? 'protected' : 'engine-unreachable', 'interval', {
          at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
        }),
      );
    const kept = ActivityLog.load(file).entries();
    expect(kept).toHaveLength(ACTIVITY_LIMIT);
    expect(kept[0]!.at).toBe(new Date(Date.UTC(2026, 0, 1, 0, ACTIVITY_LIMIT + 6)).toISOString());
  });

  it.each([
    ['not JSON', '{"version": 1, "entries": ['],
    [
      'a wrong shape',
      JSON.stringify({
        version: 1,
        entries: [{ at: 'x', verdict: 'fine', from: null, desiredEci: null, menuRestart: false, cause: '' }],
      }),
    ],
    [
      'too many entries',
      JSON.stringify({
        version: 1,
        entries: Array(ACTIVITY_LIMIT + 1).fill({
          at: 'x',
          verdict: 'off',
          from: null,
          desiredEci: null,
          menuRestart: false,
          cause: '',
        }),
      }),
    ],
  ])('a file that cannot be read (%s) is set aside, and the log starts again', (_name, text) => {
    const d = dir();
    const file = join(d, 'activity.json');
    writeFileSync(file, text);
    const logged: string[] = [];
    const log = ActivityLog.load(file, (m) => logged.push(m));
    expect(log.entries()).toEqual([]);
    expect(logged[0]).toContain('could not be read');
    const aside = readdirSync(d).find((n) => n.startsWith('activity.json.unreadable-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(d, aside!), 'utf8')).toBe(text);
    expect(log.observe(state('off', 'start'))!.cause).toBe('First check by ECI Tray.');
    expect(ActivityLog.load(file).entries()).toHaveLength(1);
  });

  it('basisOf reads the verdict, the desired setting and a menu restart', () => {
    expect(
      basisOf(
        state('pending-restart', 'engine-back', { desired: locked(true), advice: ['menu-restart-insufficient'] }),
      ),
    ).toEqual({
      verdict: 'pending-restart',
      desiredEci: true,
      menuRestart: true,
    });
  });
});
