// Which state changes deserve a desktop notification. A pure function of (previous state, new
// state, preferences, history, time): no repeats until the condition really ends and comes back,
// per-kind switches and snoozes, a global pause, and a rate limit.

import type { ContainerSummary, DesiredState, NotAppliedCause, SettingsProblem, Verdict } from '../model';
import type { AdviceCode } from '../monitor/monitor-state';
import {
  APPLY_AND_RESTART,
  APPLIES_AFTER_FULL_QUIT,
  beforeEciNotice,
  FULL_QUIT,
  MENU_RESTART_DID_NOT_APPLY,
  NOT_APPLIED_SHORT,
  NOT_APPLIED_WAY,
  offByPolicy,
  VERDICT_TITLE,
} from '../words';

export const ALERT_KINDS = [
  'pending-restart',
  'protection-lost',
  'new-unprotected-containers',
  'settings-invalid',
  'engine-unreachable',
  'protection-verified',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** What a click on the notification opens. */
export type AlertAction = 'open-details' | 'open-cleanup' | 'open-walkthrough';

/** A button on the notification that does the fix (where the OS shows buttons). */
export interface AlertButton {
  label: string;
  action: 'relaunch';
}

export interface Notification {
  /** The alert, or one of the app's own messages (reminders.ts), which have no switch of their own. */
  kind: AlertKind | 'welcome' | 'policy-reminder';
  title: string;
  body: string;
  urgency: 'low' | 'normal' | 'critical';
  action: AlertAction;
  button?: AlertButton;
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
}

export interface AlertPrefs {
  enabled: Record<AlertKind, boolean>;
  /** Epoch ms until which no notification is shown ("Pause notifications"). */
  pausedUntil: number | null;
  snoozedUntil: Partial<Record<AlertKind, number>>;
  rateLimit: { max: number; windowMs: number };
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
  /** Epoch ms of notifications shown, for the rate limit. */
  sent: number[];
}

export const DEFAULT_PREFS: AlertPrefs = {
  enabled: Object.fromEntries(ALERT_KINDS.map((k) => [k, true])) as Record<AlertKind, boolean>,
  pausedUntil: null,
  snoozedUntil: {},
  rateLimit: { max: 6, windowMs: 10 * 60_000 },
};

export const EMPTY_HISTORY: AlertHistory = {
  active: {},
  announcedContainers: [],
  announcedProblems: [],
  awaitingProtection: false,
  sent: [],
};

/** A notification the policy raised: one of the alert kinds, each with its own switch. */
export type Alert = Notification & { kind: AlertKind };

export interface AlertDecision {
  notifications: Alert[];
  /** Alerts that fired but were held back, with why (logged, never shown). */
  suppressed: Array<{ kind: AlertKind; why: 'disabled' | 'paused' | 'snoozed' | 'rate-limited' }>;
  history: AlertHistory;
}

const problemKey = (p: SettingsProblem) => `${p.file}|${p.kind}|${p.line ?? ''}|${p.column ?? ''}|${p.message}`;

function pendingAlert(next: AlertInput): Alert {
  // The user's own setting: Docker Desktop's own restart applies it.
  if (next.advice.includes('apply-and-restart'))
    return {
      kind: 'pending-restart',
      title: 'Apply and restart to apply ECI',
      body: APPLY_AND_RESTART,
      urgency: 'critical',
      action: 'open-details',
    };
  const menu = next.advice.includes('menu-restart-insufficient');
  const what =
    next.desiredEci === false ? 'turn Enhanced Container Isolation off' : 'turn on Enhanced Container Isolation';
  return {
    kind: 'pending-restart',
    title: menu ? MENU_RESTART_DID_NOT_APPLY : `${FULL_QUIT} to apply ECI`,
    body: menu
      ? `${MENU_RESTART_DID_NOT_APPLY}. ${FULL_QUIT} to ${what}.`
      : `A setting is waiting to ${what}. It ${APPLIES_AFTER_FULL_QUIT}.`,
    urgency: 'critical',
    action: 'open-walkthrough',
    // The fix at hand: the app's relaunch, behind its own confirmation dialog.
    button: { label: `${FULL_QUIT}…`, action: 'relaunch' },
  };
}

/** Docker Desktop started after the change and ECI is still not as asked: the cause and its way forward (the pending switch covers it). */
function notAppliedAlert(next: AlertInput): Alert {
  const cause = next.notAppliedCause ?? 'unknown';
  return {
    kind: 'pending-restart',
    title: `ECI setting not applied: ${NOT_APPLIED_SHORT[cause]}`,
    body: `A relaunch will not help. ${NOT_APPLIED_WAY[cause]}`,
    urgency: 'critical',
    action: 'open-details',
  };
}

/** The alerts the transition raises, before preferences and limits. */
function raised(
  prev: AlertInput | null,
  next: AlertInput,
  history: AlertHistory,
): { alerts: Alert[]; history: AlertHistory } {
  const h: AlertHistory = {
    active: { ...history.active },
    announcedContainers: [...history.announcedContainers],
    announcedProblems: [...history.announcedProblems],
    awaitingProtection: history.awaitingProtection,
    sent: [...history.sent],
  };
  const alerts: Alert[] = [];
  const condition = (kind: AlertKind, holds: boolean, fingerprint: string, make: () => Alert) => {
    if (!holds) {
      delete h.active[kind];
      return;
    }
    if (h.active[kind] === fingerprint) return;
    h.active[kind] = fingerprint;
    alerts.push(make());
  };

  // Entering pending-restart; again if a restart did not help (the menu-restart trap).
  const pending = next.verdict === 'pending-restart';
  const notApplied = next.verdict === 'not-applied';
  condition(
    'pending-restart',
    pending || notApplied,
    notApplied
      ? `not-applied:${next.notAppliedCause ?? 'unknown'}`
      : `${next.desiredEci}:${next.advice.includes('menu-restart-insufficient')}`,
    () => (notApplied ? notAppliedAlert(next) : pendingAlert(next)),
  );
  if (pending && next.desiredEci === true) h.awaitingProtection = true;
  if (pending && next.desiredEci === false) h.awaitingProtection = false;

  // Protection lost: was protected, now worse for a reason no other alert already covers.
  // Announced once; the condition ends when protection is verified again.
  const coveredElsewhere: Verdict[] = [
    'protected',
    'pending-restart',
    'not-applied',
    'engine-unreachable',
    'unprotected-containers',
  ];
  if (next.verdict === 'protected') delete h.active['protection-lost'];
  else if (prev?.verdict === 'protected' && !coveredElsewhere.includes(next.verdict) && !h.active['protection-lost']) {
    h.active['protection-lost'] = next.verdict;
    alerts.push(
      next.offByPolicy
        ? {
            kind: 'protection-lost',
            title: 'ECI turned off by your admin policy',
            body: "Your organization's policy now sets Enhanced Container Isolation off.",
            urgency: 'normal',
            action: 'open-details',
          }
        : {
            kind: 'protection-lost',
            title: 'ECI protection lost',
            body:
              next.verdict === 'off'
                ? 'Enhanced Container Isolation is no longer on.'
                : `Enhanced Container Isolation can no longer be verified (${VERDICT_TITLE[next.verdict]}).`,
            urgency: 'critical',
            action: 'open-details',
          },
    );
  }

  // New unprotected containers, batched into one notification.
  const present = new Set(next.unprotectedContainers.map((c) => c.id));
  h.announcedContainers = h.announcedContainers.filter((id) => present.has(id));
  const fresh = next.unprotectedContainers.filter((c) => !history.announcedContainers.includes(c.id));
  if (fresh.length > 0) {
    h.announcedContainers.push(...fresh.map((c) => c.id));
    alerts.push({
      kind: 'new-unprotected-containers',
      ...beforeEciNotice(
        fresh.length,
        fresh.slice(0, 3).map((c) => c.name),
      ),
      urgency: 'normal',
      action: 'open-cleanup',
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
    const where = first.line ? ` (line ${first.line}, column ${first.column})` : '';
    alerts.push({
      kind: 'settings-invalid',
      title: first.blocksDockerDesktop
        ? 'admin-settings.json is invalid: Docker Desktop will not start'
        : 'A Docker Desktop settings file has a problem',
      body: `${first.file}${where}: ${first.message}`,
      urgency: first.blocksDockerDesktop ? 'critical' : 'normal',
      action: 'open-details',
    });
  }

  // Engine unreachable (the monitor only says so after its grace period); not on the first state.
  // A paused Desktop is running: tell the user to resume it, never to start it.
  const paused = next.advice.includes('unpause-docker-desktop');
  condition(
    'engine-unreachable',
    prev !== null && next.verdict === 'engine-unreachable',
    paused ? 'paused' : 'down',
    () => ({
      kind: 'engine-unreachable',
      title: paused ? 'Docker Desktop is paused' : 'Docker engine unreachable',
      body: paused
        ? 'Docker Desktop is paused: resume it from the Docker menu or the Dashboard. ECI cannot be verified while it is paused.'
        : 'No Docker engine has answered for a while. ECI cannot be verified until Docker Desktop runs again.',
      urgency: 'low',
      action: 'open-details',
    }),
  );

  // The good news, once, after a pending "on" was announced.
  if (next.verdict === 'protected' && h.awaitingProtection) {
    h.awaitingProtection = false;
    alerts.push({
      kind: 'protection-verified',
      title: 'ECI is on and verified',
      body: 'Enhanced Container Isolation is in effect: probe containers run with a remapped root under sysbox-runc.',
      urgency: 'low',
      action: 'open-details',
    });
  }
  return { alerts, history: h };
}

export function decideAlerts(
  prev: AlertInput | null,
  next: AlertInput,
  prefs: AlertPrefs,
  history: AlertHistory,
  now: number,
): AlertDecision {
  const { alerts, history: h } = raised(prev, next, history);
  h.sent = h.sent.filter((t) => now - t < prefs.rateLimit.windowMs);
  const notifications: Alert[] = [];
  const suppressed: AlertDecision['suppressed'] = [];
  for (const alert of alerts) {
    if (!prefs.enabled[alert.kind]) suppressed.push({ kind: alert.kind, why: 'disabled' });
    else if (prefs.pausedUntil !== null && now < prefs.pausedUntil)
      suppressed.push({ kind: alert.kind, why: 'paused' });
    else if ((prefs.snoozedUntil[alert.kind] ?? 0) > now) suppressed.push({ kind: alert.kind, why: 'snoozed' });
    else if (h.sent.length >= prefs.rateLimit.max) suppressed.push({ kind: alert.kind, why: 'rate-limited' });
    else {
      notifications.push(alert);
      h.sent.push(now);
    }
  }
  return { notifications, suppressed, history: h };
}

export function alertInputOf(state: {
  advice: AdviceCode[];
  report: {
    verdict: Verdict;
    desired: DesiredState;
    unprotectedContainers: ContainerSummary[];
    settingsProblems: SettingsProblem[];
    notAppliedCause?: NotAppliedCause;
  };
}): AlertInput {
  return {
    ...(state.report.notAppliedCause ? { notAppliedCause: state.report.notAppliedCause } : {}),
    verdict: state.report.verdict,
    advice: state.advice,
    desiredEci: state.report.desired.eci,
    offByPolicy: offByPolicy(state.report),
    unprotectedContainers: state.report.unprotectedContainers.map((c) => ({ id: c.id, name: c.name })),
    settingsProblems: state.report.settingsProblems,
  };
}
