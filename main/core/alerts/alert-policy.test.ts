import { describe, expect, it } from 'vitest';
import { VERDICTS } from '../model';
import type { SettingsProblem, Verdict } from '../model';
import type { AdviceCode } from '../monitor/monitor-state';
import {
  decideAlerts,
  DEFAULT_PREFS,
  EMPTY_HISTORY,
  type AlertHistory,
  type AlertInput,
  type AlertKind,
  type AlertPrefs,
} from './alert-policy';

const s = (verdict: Verdict, extra: Partial<AlertInput> = {}): AlertInput => ({
  verdict,
  advice: [],
  desiredEci: true,
  unprotectedContainers: [],
  settingsProblems: [],
  ...extra,
});
const menu: AdviceCode[] = ['menu-restart-insufficient', 'full-quit-required'];
const c = (id: string) => ({ id, name: `app-${id}` });
const invalidAdmin: SettingsProblem = {
  file: '/a.json',
  kind: 'invalid-json',
  severity: 'error',
  message: 'Invalid JSON',
  line: 3,
  column: 5,
  blocksDockerDesktop: true,
};

/** Runs a sequence of states through the policy and returns the kinds notified at each step. */
function replay(states: AlertInput[], prefs: AlertPrefs = DEFAULT_PREFS, times?: number[]): AlertKind[][] {
  let history: AlertHistory = EMPTY_HISTORY;
  let prev: AlertInput | null = null;
  return states.map((next, i) => {
    const d = decideAlerts(prev, next, prefs, history, times?.[i] ?? 1_000_000 + i * 60_000);
    history = d.history;
    prev = next;
    return d.notifications.map((n) => n.kind);
  });
}

describe('alert policy', () => {
  const rows: Array<[string, AlertInput[], AlertKind[][]]> = [
    ['nothing to say when protected', [s('protected'), s('protected')], [[], []]],
    [
      'entering pending-restart',
      [s('off', { desiredEci: false }), s('pending-restart', { advice: ['full-quit-required'] })],
      [[], ['pending-restart']],
    ],
    [
      'no repeat while still pending',
      [s('pending-restart'), s('pending-restart'), s('pending-restart')],
      [['pending-restart'], [], []],
    ],
    [
      'the menu-restart trap alerts again',
      [s('pending-restart', { advice: ['full-quit-required'] }), s('pending-restart', { advice: menu })],
      [['pending-restart'], ['pending-restart']],
    ],
    [
      'good news once protection is verified after the relaunch',
      [s('pending-restart'), s('engine-unreachable'), s('protected'), s('protected')],
      [['pending-restart'], ['engine-unreachable'], ['protection-verified'], []],
    ],
    [
      'pending again after it ended alerts again',
      [s('pending-restart'), s('off', { desiredEci: false }), s('pending-restart')],
      [['pending-restart'], [], ['pending-restart']],
    ],
    ['protection lost: protected to off', [s('protected'), s('off', { desiredEci: false })], [[], ['protection-lost']]],
    [
      'protection lost only once until protected again',
      [s('protected'), s('unknown'), s('off'), s('protected'), s('unknown')],
      [[], ['protection-lost'], [], [], ['protection-lost']],
    ],
    [
      'protected to pending is the pending alert, not two',
      [s('protected'), s('pending-restart', { desiredEci: false })],
      [[], ['pending-restart']],
    ],
    [
      'new unprotected containers are batched and announced once',
      [
        s('protected'),
        s('unprotected-containers', { unprotectedContainers: [c('1'), c('2'), c('3')] }),
        s('unprotected-containers', { unprotectedContainers: [c('1'), c('2'), c('3')] }),
      ],
      [[], ['new-unprotected-containers'], []],
    ],
    [
      'a further container is a new alert',
      [
        s('unprotected-containers', { unprotectedContainers: [c('1')] }),
        s('unprotected-containers', { unprotectedContainers: [c('1'), c('4')] }),
      ],
      [['new-unprotected-containers'], ['new-unprotected-containers']],
    ],
    [
      'an invalid admin-settings.json',
      [s('off'), s('off', { settingsProblems: [invalidAdmin] }), s('off', { settingsProblems: [invalidAdmin] })],
      [[], ['settings-invalid'], []],
    ],
    [
      'engine unreachable (after the grace period), once',
      [s('protected'), s('engine-unreachable'), s('engine-unreachable')],
      [[], ['engine-unreachable'], []],
    ],
    ['engine unreachable at start-up is not an alarm', [s('engine-unreachable')], [[]]],
  ];
  it.each(rows)('%s', (_name, states, expected) => {
    expect(replay(states)).toEqual(expected);
  });

  it('a paused, disabled or snoozed kind is suppressed but not repeated later', () => {
    const now = 5_000_000;
    const paused = { ...DEFAULT_PREFS, pausedUntil: now + 1000 };
    const d = decideAlerts(null, s('pending-restart'), paused, EMPTY_HISTORY, now);
    expect(d.notifications).toEqual([]);
    expect(d.suppressed).toEqual([{ kind: 'pending-restart', why: 'paused' }]);
    const later = decideAlerts(s('pending-restart'), s('pending-restart'), DEFAULT_PREFS, d.history, now + 5000);
    expect(later.notifications).toEqual([]);

    const disabled = { ...DEFAULT_PREFS, enabled: { ...DEFAULT_PREFS.enabled, 'settings-invalid': false } };
    expect(
      decideAlerts(null, s('off', { settingsProblems: [invalidAdmin] }), disabled, EMPTY_HISTORY, now).suppressed,
    ).toEqual([{ kind: 'settings-invalid', why: 'disabled' }]);
    const snoozed = { ...DEFAULT_PREFS, snoozedUntil: { 'pending-restart': now + 1 } };
    expect(decideAlerts(null, s('pending-restart'), snoozed, EMPTY_HISTORY, now).suppressed[0]?.why).toBe('snoozed');
    expect(decideAlerts(null, s('pending-restart'), snoozed, EMPTY_HISTORY, now + 2).notifications).toHaveLength(1);
  });

  it('rate-limits bursts', () => {
    const prefs = { ...DEFAULT_PREFS, rateLimit: { max: 2, windowMs: 60_000 } };
    const states = [1, 2, 3, 4].map((n) =>
      s('unprotected-containers', { unprotectedContainers: Array.from({ length: n }, (_, i) => c(String(i))) }),
    );
    expect(replay(states, prefs, [0, 1000, 2000, 70_000])).toEqual([
      ['new-unprotected-containers'],
      ['new-unprotected-containers'],
      [],
      ['new-unprotected-containers'],
    ]);
  });

  it('says what to do, with the menu warning when it applies', () => {
    const plain = decideAlerts(
      null,
      s('pending-restart', { advice: ['full-quit-required'] }),
      DEFAULT_PREFS,
      EMPTY_HISTORY,
      0,
    ).notifications[0]!;
    expect(plain).toMatchObject({
      title: 'Quit and reopen Docker Desktop to apply ECI',
      urgency: 'critical',
      action: 'open-walkthrough',
      button: { label: 'Quit and reopen Docker Desktop…', action: 'relaunch' },
    });
    expect(plain.body).toContain('Restart from the Docker menu is not enough');
    // The full quit is never called a restart.
    expect(`${plain.title} ${plain.body}`).not.toMatch(/full restart|restart (it|Docker Desktop)/i);
    const trap = decideAlerts(null, s('pending-restart', { advice: menu }), DEFAULT_PREFS, EMPTY_HISTORY, 0)
      .notifications[0]!;
    expect(trap.title).toBe('Restart from the Docker menu did not apply the setting');
    const off = decideAlerts(null, s('pending-restart', { desiredEci: false }), DEFAULT_PREFS, EMPTY_HISTORY, 0)
      .notifications[0]!;
    expect(off.body).toContain('turn Enhanced Container Isolation off');
    const containers = decideAlerts(
      null,
      s('unprotected-containers', { unprotectedContainers: [c('1'), c('2'), c('3'), c('4'), c('5')] }),
      DEFAULT_PREFS,
      EMPTY_HISTORY,
      0,
    ).notifications[0]!;
    expect(containers).toMatchObject({ title: '5 containers run without ECI', action: 'open-cleanup' });
    expect(containers.body).toContain('app-1, app-2, app-3 and 2 more');
    const settings = decideAlerts(null, s('off', { settingsProblems: [invalidAdmin] }), DEFAULT_PREFS, EMPTY_HISTORY, 0)
      .notifications[0]!;
    expect(settings.body).toBe('/a.json (line 3, column 5): Invalid JSON');
  });

  it.each<[string, AdviceCode[], string, RegExp, RegExp]>([
    [
      'paused by hand: resume it, never start it',
      ['unpause-docker-desktop'],
      'Docker Desktop is paused',
      /resume it/,
      /runs again|start Docker/,
    ],
    ['not running: it must run again', ['start-docker-desktop'], 'Docker engine unreachable', /runs again/, /paused/],
  ])('engine unreachable, %s', (_name, advice, title, says, never) => {
    const alert = decideAlerts(s('protected'), s('engine-unreachable', { advice }), DEFAULT_PREFS, EMPTY_HISTORY, 0)
      .notifications[0]!;
    expect(alert.title).toBe(title);
    expect(alert.body).toMatch(says);
    expect(alert.body).not.toMatch(never);
  });

  it.each(VERDICTS.filter((v) => v !== 'protected'))(
    'a notification never shows a raw verdict code: protected to %s',
    (verdict) => {
      const n = decideAlerts(s('protected'), s(verdict, { advice: [] }), DEFAULT_PREFS, EMPTY_HISTORY, 0).notifications;
      for (const x of n)
        expect(`${x.title} ${x.body}`).not.toMatch(
          /pending-restart|unprotected-containers|engine-unreachable|not-docker-desktop|unsupported-version|\(unknown\)/,
        );
      if (verdict === 'unknown')
        expect(n[0]!.body).toBe('Enhanced Container Isolation can no longer be verified (Could not verify ECI).');
    },
  );
});
