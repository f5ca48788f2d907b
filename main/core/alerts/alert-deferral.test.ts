// "Later" and quiet hours: held back, then delivered once afterwards, only if still true.
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../model';
import {
  CANNOT_WAIT,
  decideAlerts,
  deferPending,
  DEFAULT_PREFS,
  EMPTY_HISTORY,
  releaseDeferred,
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
const at = (h: number, m = 0) => new Date(2026, 11, 3, h, m).getTime();
const quiet: AlertPrefs = { ...DEFAULT_PREFS, quietHours: { from: '22:00', until: '07:00' } };
const c = (id: string) => ({ id, name: `app-${id}` });

/** Steps: a new state (decide) or, with no state, a timer tick (release); the kinds shown at each. */
function run(steps: Array<[number, AlertInput | null]>, prefs: AlertPrefs, start = EMPTY_HISTORY): AlertKind[][] {
  let history: AlertHistory = start;
  let prev: AlertInput | null = null;
  return steps.map(([now, next]) => {
    const d = next ? decideAlerts(prev, next, prefs, history, now) : releaseDeferred(prev!, prefs, history, now);
    history = d.history;
    if (next) prev = next;
    return d.notifications.map((n) => n.kind);
  });
}

describe('quiet hours', () => {
  it.each<[string, Array<[number, AlertInput | null]>, AlertKind[][]]>([
    [
      'pending at night: delivered once in the morning',
      [
        [at(23), s('off')],
        [at(23, 5), s('pending-restart')],
        [at(3), null],
        [at(7), null],
        [at(7, 1), null],
      ],
      [[], [], [], ['pending-restart'], []],
    ],
    [
      'pending at night, applied before morning: only the good news, in the morning',
      [
        [at(23), s('off')],
        [at(23, 5), s('pending-restart')],
        [at(1), s('protected')],
        [at(7), null],
      ],
      [[], [], [], ['protection-verified']],
    ],
    [
      'protection lost cannot wait: shown at night',
      [
        [at(23), s('protected')],
        [at(23, 5), s('off')],
      ],
      [[], ['protection-lost']],
    ],
    [
      'old containers at night: one notice in the morning, if they still run',
      [
        [at(23), s('unprotected-containers', { unprotectedContainers: [c('1')] })],
        [at(23, 5), s('unprotected-containers', { unprotectedContainers: [c('1'), c('2')] })],
        [at(7), null],
      ],
      [[], [], ['new-unprotected-containers']],
    ],
    [
      'old containers at night, removed before morning: nothing',
      [
        [at(23), s('unprotected-containers', { unprotectedContainers: [c('1')] })],
        [at(2), s('protected')],
        [at(7), null],
      ],
      [[], [], []],
    ],
    [
      'daytime: at once',
      [
        [at(10), s('off')],
        [at(10, 1), s('pending-restart')],
      ],
      [[], ['pending-restart']],
    ],
  ])('%s', (_name, steps, expected) => {
    expect(run(steps, quiet)).toEqual(expected);
  });

  it('only "protection lost" cannot wait', () => {
    expect(CANNOT_WAIT).toEqual(['protection-lost']);
  });

  it('a paused app drops what waits: pause means nothing is kept for later', () => {
    const paused = { ...quiet, pausedUntil: at(9) };
    expect(
      run(
        [
          [at(23), s('off')],
          [at(23, 5), s('pending-restart')],
          [at(7), null],
          [at(9), null],
        ],
        { ...quiet },
      ).at(-2),
    ).toEqual(['pending-restart']);
    expect(
      run(
        [
          [at(23), s('off')],
          [at(23, 5), s('pending-restart')],
          [at(7), null],
          [at(9), null],
        ],
        paused,
      ),
    ).toEqual([[], [], [], []]);
  });
});

describe('"Later" on the pending notification', () => {
  it.each<[string, AlertInput, number, AlertKind[]]>([
    ['still pending when the time comes: shown again once', s('pending-restart'), at(12), ['pending-restart']],
    ['still pending, before the time: nothing yet', s('pending-restart'), at(11, 59), []],
    ['applied in the meantime: nothing', s('protected'), at(12), []],
  ])('%s', (_name, then, when, expected) => {
    const shown = decideAlerts(s('off'), s('pending-restart'), DEFAULT_PREFS, EMPTY_HISTORY, at(10));
    expect(shown.notifications.map((n) => n.kind)).toEqual(['pending-restart']);
    // The user picked "Later: in 2 hours" at 10:00.
    const prefs = { ...DEFAULT_PREFS, snoozedUntil: { 'pending-restart': at(12) } };
    let history = deferPending(s('pending-restart'), shown.history, at(10));
    if (then.verdict !== 'pending-restart')
      history = decideAlerts(s('pending-restart'), then, prefs, history, at(11)).history;
    const d = releaseDeferred(then, prefs, history, when);
    expect(d.notifications.map((n) => n.kind)).toEqual(expected);
    if (expected.length) expect(releaseDeferred(then, prefs, d.history, when + 60_000).notifications).toEqual([]);
  });

  it('after a restart of the app the snooze still holds, and the alert waits for it', () => {
    const prefs = { ...DEFAULT_PREFS, snoozedUntil: { 'pending-restart': at(12) } };
    const first = decideAlerts(null, s('pending-restart'), prefs, EMPTY_HISTORY, at(11));
    expect(first.notifications).toEqual([]);
    expect(first.suppressed).toEqual([{ kind: 'pending-restart', why: 'snoozed' }]);
    expect(releaseDeferred(s('pending-restart'), prefs, first.history, at(12)).notifications).toHaveLength(1);
  });
});
