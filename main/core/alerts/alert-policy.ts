// Which state changes deserve a desktop notification, and when. A pure function of (previous
// state, new state, preferences, history, time): no repeats until the condition really ends and
// comes back; per-kind switches; a global pause; "Later" (a snooze per kind) and quiet hours,
// which hold an alert back and deliver it once afterwards if its condition still holds; a rate
// limit. A check that could not run right after a protected one is retried once before it counts
// as protection lost. The words are in alert-texts.ts.

import type { ContainerSummary, DesiredState, NotAppliedCause, SettingsProblem, Verdict } from '../model';
import type { AdviceCode } from '../model';
import { offByPolicy } from '../model';
import { unknownCause } from '../verify/way-forward';
import { VERDICT_TITLE } from '../words';
import {
  containersAlert,
  engineAlert,
  notAppliedAlert,
  pendingAlert,
  protectionLostAlert,
  settingsAlert,
  verifiedAlert,
} from './alert-texts';
import { gate } from './alert-gate';
import type { AlertDecision, AlertHistory, AlertInput, AlertKind, AlertPrefs, Deferred } from './alert-types';

export { CANNOT_WAIT } from './alert-gate';
export * from './alert-types';

const problemKey = (p: SettingsProblem) => `${p.file}|${p.kind}|${p.line ?? ''}|${p.column ?? ''}|${p.message}`;

const copyHistory = (h: AlertHistory): AlertHistory => ({
  active: { ...h.active },
  announcedContainers: [...h.announcedContainers],
  announcedProblems: [...h.announcedProblems],
  awaitingProtection: h.awaitingProtection,
  retrying: h.retrying,
  deferred: [...h.deferred],
  sent: [...h.sent],
});

/** The pending condition's fingerprint and alert ("Later" defers the same alert). */
function pendingCondition(next: AlertInput, now: Date): Deferred | null {
  if (next.verdict === 'not-applied') {
    const cause = next.notAppliedCause ?? 'unknown';
    return { holds: [`not-applied:${cause}`], alert: notAppliedAlert(cause) };
  }
  if (next.verdict !== 'pending-restart') return null;
  return {
    holds: [`${next.desiredEci}:${next.advice.includes('menu-restart-insufficient')}`],
    alert: pendingAlert(next.advice, next.desiredEci, now),
  };
}

/** Verdicts with an alert of their own, or no loss at all. */
const COVERED_ELSEWHERE: Verdict[] = [
  'protected',
  'pending-restart',
  'not-applied',
  'engine-unreachable',
  'unprotected-containers',
];

/** The alerts the transition raises, before preferences and limits. */
function raised(
  prev: AlertInput | null,
  next: AlertInput,
  history: AlertHistory,
  now: Date,
): { alerts: Deferred[]; history: AlertHistory; recheck: boolean } {
  const h = copyHistory(history);
  const alerts: Deferred[] = [];
  let recheck = false;
  const condition = (kind: AlertKind, made: Deferred | null) => {
    if (!made) {
      delete h.active[kind];
      return;
    }
    if (h.active[kind] === made.holds[0]) return;
    h.active[kind] = made.holds[0]!;
    alerts.push(made);
  };

  // Entering pending-restart; again if a restart did not help (the menu-restart trap).
  condition('pending-restart', pendingCondition(next, now));
  if (next.verdict === 'pending-restart') h.awaitingProtection = next.desiredEci === true;

  // Protection lost: was protected, now worse for a reason no other alert already covers.
  // Announced once; the condition ends when protection is verified again. A check that could
  // not run is tried once more first (a transient failure is not a loss).
  const wasProtected = prev?.verdict === 'protected' || h.retrying;
  h.retrying = false;
  if (next.verdict === 'protected') delete h.active['protection-lost'];
  else if (wasProtected && !COVERED_ELSEWHERE.includes(next.verdict) && !h.active['protection-lost']) {
    if (next.verdict === 'unknown' && prev?.verdict === 'protected') {
      h.retrying = true;
      recheck = true;
    } else {
      h.active['protection-lost'] = next.verdict;
      const alert =
        next.verdict === 'off'
          ? protectionLostAlert({ off: true, byPolicy: next.offByPolicy === true })
          : protectionLostAlert({
              off: false,
              title: VERDICT_TITLE[next.verdict],
              cause: next.verdict === 'unknown' ? (next.unknownCause ?? 'other') : null,
            });
      alerts.push({ alert, holds: [next.verdict] });
    }
  }

  // New unprotected containers, batched into one notification.
  const present = new Set(next.unprotectedContainers.map((c) => c.id));
  h.announcedContainers = h.announcedContainers.filter((id) => present.has(id));
  const fresh = next.unprotectedContainers.filter((c) => !history.announcedContainers.includes(c.id));
  if (fresh.length > 0) {
    h.announcedContainers.push(...fresh.map((c) => c.id));
    alerts.push({
      alert: containersAlert(
        fresh.slice(0, 3).map((c) => c.name),
        fresh.length,
      ),
      holds: fresh.map((c) => c.id),
    });
  }

  // A settings file became invalid.
  const errors = next.settingsProblems.filter((p) => p.severity === 'error');
  const keys = new Set(errors.map(problemKey));
  h.announcedProblems = h.announcedProblems.filter((k) => keys.has(k));
  const newProblems = errors.filter((p) => !history.announcedProblems.includes(problemKey(p)));
  if (newProblems.length > 0) {
    h.announcedProblems.push(...newProblems.map(problemKey));
    const first = newProblems.find((p) => p.blocksDockerDesktop) ?? newProblems[0]!;
    alerts.push({ alert: settingsAlert(first), holds: newProblems.map(problemKey) });
  }

  // Engine unreachable (the monitor only says so after its grace period); not on the first state.
  // A paused Desktop is running: tell the user to resume it, never to start it.
  const paused = next.advice.includes('unpause-docker-desktop');
  condition(
    'engine-unreachable',
    prev !== null && next.verdict === 'engine-unreachable'
      ? { holds: [paused ? 'paused' : 'down'], alert: engineAlert(paused) }
      : null,
  );

  // The good news, once, after a pending "on" was announced.
  if (next.verdict === 'protected' && h.awaitingProtection) {
    h.awaitingProtection = false;
    alerts.push({ alert: verifiedAlert(), holds: ['protected'] });
  }
  return { alerts, history: h, recheck };
}

export function decideAlerts(
  prev: AlertInput | null,
  next: AlertInput,
  prefs: AlertPrefs,
  history: AlertHistory,
  now: number,
): AlertDecision {
  const { alerts, history: h, recheck } = raised(prev, next, history, new Date(now));
  const freshKinds = new Set(alerts.map((a) => a.alert.kind));
  // Condition kinds: a fresh alert replaces the one waiting; batches (containers, problems) add up.
  const waiting = h.deferred.filter(
    (d) => !freshKinds.has(d.alert.kind) || ['new-unprotected-containers', 'settings-invalid'].includes(d.alert.kind),
  );
  const candidates = [...waiting.map((d) => ({ ...d, fresh: false })), ...alerts.map((a) => ({ ...a, fresh: true }))];
  return { ...gate(candidates, next, prefs, h, now), history: h, recheck };
}

/** With no new state (a timer): the deferred alerts whose "Later" or quiet hours ended, if they still hold. */
export function releaseDeferred(
  current: AlertInput,
  prefs: AlertPrefs,
  history: AlertHistory,
  now: number,
): AlertDecision {
  const h = copyHistory(history);
  const candidates = h.deferred.map((d) => ({ ...d, fresh: false }));
  return { ...gate(candidates, current, prefs, h, now), history: h, recheck: false };
}

/** "Later" on the pending notification: the same alert waits in the history until the snooze ends. */
export function deferPending(current: AlertInput, history: AlertHistory, now: number): AlertHistory {
  const made = pendingCondition(current, new Date(now));
  if (!made || history.active['pending-restart'] !== made.holds[0]) return history;
  const h = copyHistory(history);
  h.deferred = [...h.deferred.filter((d) => d.alert.kind !== 'pending-restart'), made];
  return h;
}

export function alertInputOf(state: {
  advice: AdviceCode[];
  report: {
    verdict: Verdict;
    desired: DesiredState;
    unprotectedContainers: ContainerSummary[];
    settingsProblems: SettingsProblem[];
    notAppliedCause?: NotAppliedCause;
    checks: Parameters<typeof unknownCause>[0]['checks'];
    engine: Parameters<typeof unknownCause>[0]['engine'];
    reason: string;
  };
}): AlertInput {
  return {
    ...(state.report.notAppliedCause ? { notAppliedCause: state.report.notAppliedCause } : {}),
    ...(state.report.verdict === 'unknown' ? { unknownCause: unknownCause(state.report) } : {}),
    verdict: state.report.verdict,
    advice: state.advice,
    desiredEci: state.report.desired.eci,
    offByPolicy: offByPolicy(state.report),
    unprotectedContainers: state.report.unprotectedContainers.map((c) => ({ id: c.id, name: c.name })),
    settingsProblems: state.report.settingsProblems,
  };
}
