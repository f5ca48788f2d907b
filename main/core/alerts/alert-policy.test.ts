import { describe, expect, it } from 'vitest';
import { VERDICTS } from '../model';
import type { SettingsProblem, Verdict } from '../model';
import type { AdviceCode } from '../model';
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

function replayBodies(states: AlertInput[]): string[][] {
  let history: AlertHistory = EMPTY_HISTORY;
  let prev: AlertInput | null = null;
  return states.map((next, i) => {
    const d = decideAlerts(prev, next, ALL_ON, history, i);
    history = d.history;
    prev = next;
    return d.notifications.map((n) => n.body);
  });
}

/** Runs a sequence of states through the policy and returns the kinds notified at each step. */
/** Every kind on (the defaults leave "Docker stopped" off). */
const ALL_ON: AlertPrefs = { ...DEFAULT_PREFS, enabled: { ...DEFAULT_PREFS.enabled, 'engine-unreachable': true } };

function replay(states: AlertInput[], prefs: AlertPrefs = ALL_ON, times?: number[]): AlertKind[][] {
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
      [s('protected'), s('off'), s('unknown'), s('protected'), s('off')],
      [[], ['protection-lost'], [], [], ['protection-lost']],
    ],
    [
      'could not check: retried once, then protection lost',
      [s('protected'), s('unknown'), s('unknown'), s('unknown')],
      [[], [], ['protection-lost'], []],
    ],
    [
      'could not check once, protected on the retry: nothing',
      [s('protected'), s('unknown'), s('protected')],
      [[], [], []],
    ],
    [
      'could not check, then off on the retry: protection lost at once',
      [s('protected'), s('unknown'), s('off')],
      [[], [], ['protection-lost']],
    ],
    [
      'could not check, Docker quit on the retry: nothing',
      [s('protected'), s('unknown'), s('engine-unreachable')],
      [[], [], ['engine-unreachable']],
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

  it.each<[string, AlertInput[], AlertKind[][]]>([
    [
      'the user quits Docker Desktop: no alert (the grey icon says it)',
      [s('protected'), s('engine-unreachable')],
      [[], []],
    ],
    [
      'Docker Desktop paused: no alert either',
      [s('protected'), s('engine-unreachable', { advice: ['unpause-docker-desktop'] })],
      [[], []],
    ],
    ['every other kind is on', [s('protected'), s('off')], [[], ['protection-lost']]],
  ])('by default: %s', (_name, states, expected) => {
    expect(replay(states, DEFAULT_PREFS)).toEqual(expected);
  });

  it('asks for one re-check, only when protected turns into could-not-check', () => {
    let history = EMPTY_HISTORY;
    const rechecks = [s('protected'), s('unknown'), s('unknown'), s('protected'), s('off'), s('unknown')].map(
      (next, i, all) => {
        const d = decideAlerts(i ? all[i - 1]! : null, next, ALL_ON, history, i);
        history = d.history;
        return d.recheck;
      },
    );
    expect(rechecks).toEqual([false, true, false, false, false, false]);
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

  it('says what to do in the words of the pages, calmly, with the fix and "Later"', () => {
    const at = new Date(2026, 11, 3, 10, 0).getTime();
    const first = (next: AlertInput, prev: AlertInput | null = null) =>
      decideAlerts(prev, next, ALL_ON, EMPTY_HISTORY, at).notifications[0]!;
    const plain = first(s('pending-restart', { advice: ['full-quit-required'] }));
    expect(plain).toMatchObject({
      title: 'Pending: quit and reopen Docker Desktop',
      urgency: 'normal',
      action: 'open-walkthrough',
      buttons: [
        { label: 'Quit and reopen Docker Desktop…', action: 'relaunch' },
        { label: 'Later: in 2 hours', action: 'later-2h' },
        { label: 'Later: tonight', action: 'later-tonight' },
      ],
    });
    expect(plain.body).toContain('Restart from the Docker menu is not enough');
    // The full quit is never called a restart.
    expect(`${plain.title} ${plain.body}`).not.toMatch(/full restart|restart (it|Docker Desktop)/i);
    // From 19:00 "tonight" is not offered: two hours says the same.
    const evening = decideAlerts(
      null,
      s('pending-restart'),
      ALL_ON,
      EMPTY_HISTORY,
      new Date(2026, 11, 3, 19, 30).getTime(),
    );
    expect(evening.notifications[0]!.buttons!.map((b) => b.action)).toEqual(['relaunch', 'later-2h']);
    expect(first(s('pending-restart', { advice: menu })).body).toMatch(/^Restart from the Docker menu did not apply/);
    expect(first(s('pending-restart', { desiredEci: false })).body).toContain('not off yet');
    const containers = first(
      s('unprotected-containers', { unprotectedContainers: [c('1'), c('2'), c('3'), c('4'), c('5')] }),
    );
    expect(containers).toMatchObject({
      title: '5 containers run without ECI',
      action: 'open-cleanup',
      urgency: 'normal',
    });
    expect(containers.body).toBe(
      'app-1, app-2, app-3 and 2 more were created before ECI was on. Review and remove or re-create them.',
    );
    expect(first(s('off', { settingsProblems: [invalidAdmin] }))).toMatchObject({
      title: "Docker Desktop won't start",
      body: 'a.json has a mistake on line 3. Open Details to see how to fix it.',
    });
    expect(first(s('not-applied', { notAppliedCause: 'not-signed-in' }))).toMatchObject({
      title: 'Setting not applied',
      urgency: 'normal',
    });
    expect(first(s('off', { offByPolicy: true }), s('protected'))).toMatchObject({
      title: 'ECI turned off by your admin',
      urgency: 'normal',
    });
    expect(first(s('off'), s('protected'))).toMatchObject({ title: 'ECI is off', urgency: 'critical' });
  });

  it.each<[string, AlertInput, string]>([
    [
      'probe image',
      s('unknown', { unknownCause: 'probe-image-missing' }),
      "Can't download the probe image, twice in a row.",
    ],
    ['slow engine', s('unknown', { unknownCause: 'engine-busy' }), 'Docker is too slow to answer, twice in a row.'],
    ['no clear answer', s('unknown'), 'The check gave no clear answer, twice in a row.'],
  ])('protection lost after the retry gives the cause: %s', (_name, unknown, body) => {
    const [, , lost] = (() => {
      let history = EMPTY_HISTORY;
      return [s('protected'), unknown, unknown].map((next, i, all) => {
        const d = decideAlerts(i ? all[i - 1]! : null, next, ALL_ON, history, i);
        history = d.history;
        return d.notifications;
      });
    })();
    expect(lost).toHaveLength(1);
    expect(lost![0]).toMatchObject({ title: 'Could not verify ECI', urgency: 'critical' });
    expect(lost![0]!.body).toContain(body);
  });

  it('no engine words in any body', () => {
    const bodies = [
      s('pending-restart'),
      s('pending-restart', { advice: menu }),
      s('not-applied'),
      s('off', { settingsProblems: [invalidAdmin] }),
      s('unprotected-containers', { unprotectedContainers: [c('1')] }),
    ].map((x) => decideAlerts(null, x, ALL_ON, EMPTY_HISTORY, 0).notifications[0]!.body);
    bodies.push(replayBodies([s('pending-restart'), s('protected')])[1]![0]!);
    bodies.push(replayBodies([s('protected'), s('engine-unreachable')])[1]![0]!);
    for (const b of bodies)
      expect(b).not.toMatch(/sysbox|uid_map|remapped|probe container|engine|Invalid JSON|invalid-json|column/i);
  });

  it.each<[string, AdviceCode[], string, RegExp, RegExp]>([
    [
      'paused by hand: resume it, never start it',
      ['unpause-docker-desktop'],
      'Docker Desktop is paused',
      /Resume it/,
      /runs again|start Docker/,
    ],
    ['not running: it must run again', ['start-docker-desktop'], 'Docker is not running', /runs again/, /paused/],
  ])('engine unreachable, %s', (_name, advice, title, says, never) => {
    const alert = decideAlerts(s('protected'), s('engine-unreachable', { advice }), ALL_ON, EMPTY_HISTORY, 0)
      .notifications[0]!;
    expect(alert.title).toBe(title);
    expect(alert.body).toMatch(says);
    expect(alert.body).not.toMatch(never);
  });

  it.each(VERDICTS.filter((v) => v !== 'protected'))(
    'a notification never shows a raw verdict code: protected to %s',
    (verdict) => {
      const n = decideAlerts(s('protected'), s(verdict, { advice: [] }), ALL_ON, EMPTY_HISTORY, 0).notifications;
      for (const x of n)
        expect(`${x.title} ${x.body}`).not.toMatch(
          /pending-restart|unprotected-containers|engine-unreachable|not-docker-desktop|unsupported-version|\(unknown\)/,
        );
      // Could not verify: retried once first (its own test).
      if (verdict === 'unknown') expect(n).toEqual([]);
    },
  );
});
