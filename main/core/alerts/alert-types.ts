// The alert policy's vocabulary: the kinds, their default switches, and the shapes the policy,
// its gate (alert-gate.ts) and its words (alert-texts.ts) share. A leaf: it imports only types.

import type { AdviceCode, ContainerSummary, NotAppliedCause, SettingsProblem, Verdict } from '../model';
import type { UnknownCause } from '../verify/way-forward';
import type { QuietHours } from './quiet-hours';

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
