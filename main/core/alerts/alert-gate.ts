// The last step of the alert policy: each raised or waiting alert through the user's switches, the
// pause, "Later", quiet hours and the rate limit. Held back by "Later" or quiet hours, an alert
// waits in the history and is delivered once afterwards, if what it says still holds. Pure.

import type {
  Alert,
  AlertDecision,
  AlertHistory,
  AlertInput,
  AlertKind,
  AlertPrefs,
  Deferred,
  HeldBack,
} from './alert-types';
import { inQuietHours } from './quiet-hours';

/**
 * Shown even during quiet hours. Only "protection lost": ECI went from verified to off or
 * unverifiable without the user asking, so containers started from now on may run without it;
 * the user may want to stop work at once, and a morning notice would come after the fact. The
 * rest can wait: a pending setting is the user's own change, old containers were already there,
 * a broken settings file matters when Docker Desktop is next started (the app says so then), and
 * good news is never urgent.
 */
export const CANNOT_WAIT: readonly AlertKind[] = ['protection-lost'];

/** Whether a deferred alert is still true now (history already follows `next`). */
function stillHolds(d: Deferred, h: AlertHistory, next: AlertInput): boolean {
  switch (d.alert.kind) {
    case 'new-unprotected-containers':
      return d.holds.some((id) => h.announcedContainers.includes(id));
    case 'settings-invalid':
      return d.holds.some((k) => h.announcedProblems.includes(k));
    case 'protection-verified':
      return next.verdict === 'protected';
    default:
      return h.active[d.alert.kind] === d.holds[0];
  }
}

/** Each candidate through the switches, pause, "Later", quiet hours and the rate limit. */
export function gate(
  candidates: Array<Deferred & { fresh: boolean }>,
  next: AlertInput,
  prefs: AlertPrefs,
  h: AlertHistory,
  now: number,
): Pick<AlertDecision, 'notifications' | 'suppressed'> {
  const notifications: Alert[] = [];
  const suppressed: AlertDecision['suppressed'] = [];
  const quiet = inQuietHours(prefs.quietHours, new Date(now));
  h.sent = h.sent.filter((t) => now - t < prefs.rateLimit.windowMs);
  h.deferred = [];
  for (const c of candidates) {
    const kind = c.alert.kind;
    if (!c.fresh && !stillHolds(c, h, next)) continue;
    let why: HeldBack | null = null;
    if (!prefs.enabled[kind]) why = 'disabled';
    else if (prefs.pausedUntil !== null && now < prefs.pausedUntil) why = 'paused';
    else if ((prefs.snoozedUntil[kind] ?? 0) > now) why = 'snoozed';
    else if (quiet && !CANNOT_WAIT.includes(kind)) why = 'quiet-hours';
    else if (h.sent.length >= prefs.rateLimit.max) why = 'rate-limited';
    if (why === 'snoozed' || why === 'quiet-hours') {
      // One per kind, the latest; the ids of a batch it replaces still count for delivery.
      const earlier = h.deferred.find((d) => d.alert.kind === kind);
      const holds = earlier && !['pending-restart', 'engine-unreachable'].includes(kind) ? earlier.holds : [];
      h.deferred = h.deferred.filter((d) => d.alert.kind !== kind);
      h.deferred.push({ alert: c.alert, holds: kind === 'protection-lost' ? c.holds : [...c.holds, ...holds] });
    }
    // Re-deferring at every tick is not news: only fresh alerts are logged.
    if (why && c.fresh) suppressed.push({ kind, why });
    if (!why) {
      notifications.push(c.alert);
      h.sent.push(now);
    }
  }
  return { notifications, suppressed };
}
