// Which state changes deserve a desktop notification, and when. A pure function of (previous
// state, new state, preferences, history, time): no repeats until the condition really ends and
// comes back; per-kind switches; a global pause; "Later" (a snooze per kind) and quiet hours,
// which hold an alert back and deliver it once afterwards if its condition still holds; a rate
// limit. A check that could not run right after a protected one is retried once before it counts
// as protection lost. The words are in alert-texts.ts.

import type { ContainerSummary, DesiredState, NotAppliedCause, SettingsProblem, Verdict } from '../model';
import type { AdviceCode } from '../monitor/monitor-state';
import { unknownCause, type UnknownCause } from '../verify/way-forward';
import { offByPolicy, VERDICT_TITLE } from '../words';
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
import type { QuietHours } from './quiet-hours';

export { CANNOT_WAIT } from './alert-gate';

export const ALERT_KINDS = [
  'pending-restart',
  'protection-lost',
  'new-unprotected-containers',
  'settings-invalid',
  'engine-unreachable',
  'protection-verified',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * On unless the user (or the admin) turns them off, except Docker stopping: the user quit Docker
 * Desktop themselves most of the time, and the grey tray icon already says it.
 */
export const DEFAULT_ALERTS: Record<AlertKind, boolean> = {
  'pending-restart': true,
  'protection-lost': true,
  'new-unprotected-containers': true,
  'settings-invalid': true,
  'engine-unreachable': false,
  'protection-verified': true,
};

/** How long after a check that could not run it is tried again, before "protection lost". */
export const RETRY_AFTER_MS = 30_000;

/** What a click on the notification opens. */
export type AlertAction = 'open-details' | 'open-cleanup' | 'open-walkthrough';

/** A button on the notification (where the OS shows buttons): the fix, or "Later". */
export interface AlertButton {
  label: string;
  action: 'relaunch' | 'later-2h' | 'later-tonight';
}

export interface Notification {
  /** The alert, or one of the app's own messages (reminders.ts), which have no switch of their own. */
  kind: AlertKind | 'welcome' | 'policy-reminder';
  title: string;
  body: string;
  urgency: 'low' | 'normal' | 'critical';
  action: AlertAction;
  buttons?: AlertButton[];
}

/** The parts of a monitor state the policy looks at. */
export interface AlertInput {
  verdict: Verdict;
  advice: AdviceCode[];
  desiredEci: boolean | null;
  /** An admin policy asks for ECI off: its being off is a decision, not an alarm. */
  offByPolicy?: boolean;
  unprotectedContainers: Pick<ContainerSummary, 'id' | 'name'>[];
  settingsProblems: SettingsProblem[];
  /** Why a `not-applied` setting did not apply. */
  notAppliedCause?: NotAppliedCause;
  /** Why an `unknown` check could not run. */
  unknownCause?: UnknownCause;
}

export interface AlertPrefs {
  enabled: Record<AlertKind, boolean>;
  /** Epoch ms until which no notification is shown ("Pause notifications"): dropped, not deferred. */
  pausedUntil: number | null;
  /** "Later": epoch ms until which a kind waits; delivered once afterwards if it still holds. */
  snoozedUntil: Partial<Record<AlertKind, number>>;
  /** Daily window in which only CANNOT_WAIT kinds are shown; the rest are delivered once after. */
  quietHours: QuietHours | null;
  rateLimit: { max: number; windowMs: number };
}

/** An alert held back by "Later" or quiet hours, with what must still hold to deliver it. */
export interface Deferred {
  alert: Alert;
  /** The condition's fingerprint, or the container ids / problem keys it is about. */
  holds: string[];
}

export interface AlertHistory {
  /** Fingerprint of the condition last alerted, per kind, while the condition lasts. */
  active: Partial<Record<AlertKind, string>>;
  /** Container ids already announced. */
  announcedContainers: string[];
  /** Settings problems already announced. */
  announcedProblems: string[];
  /** A pending "ECI on" was announced: announce protection once it is verified. */
  awaitingProtection: boolean;
  /** The check could not run right after a protected one: retried once before it counts. */
  retrying: boolean;
  /** Held back by "Later" or quiet hours, one per kind (the latest). */
  deferred: Deferred[];
  /** Epoch ms of notifications shown, for the rate limit. */
  sent: number[];
}

export const DEFAULT_PREFS: AlertPrefs = {
  enabled: DEFAULT_ALERTS,
  pausedUntil: null,
  snoozedUntil: {},
  quietHours: null,
  rateLimit: { max: 6, windowMs: 10 * 60_000 },
};

export const EMPTY_HISTORY: AlertHistory = {
  active: {},
  announcedContainers: [],
  announcedProblems: [],
  awaitingProtection: false,
  retrying: false,
  deferred: [],
  sent: [],
};

/** A notification the policy raised: one of the alert kinds, each with its own switch. */
export type Alert = Notification & { kind: AlertKind };

export type HeldBack = 'disabled' | 'paused' | 'snoozed' | 'quiet-hours' | 'rate-limited';

export interface AlertDecision {
  notifications: Alert[];
  /** Alerts that fired but were held back, with why (logged, never shown); snoozed and quiet-hours ones wait in history.deferred. */
  suppressed: Array<{ kind: AlertKind; why: HeldBack }>;
  history: AlertHistory;
  /** The check could not run right after a protected one: check again in RETRY_AFTER_MS, then decide. */
  recheck: boolean;
}

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
