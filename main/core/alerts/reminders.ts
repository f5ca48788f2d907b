// The app's own messages beside the alerts: one welcome at the first launch (the current status
// and where the app lives), and, while a policy asks for ECI on and it is still off, a reminder at
// most once a day (held back while notifications are paused and during quiet hours). Pure.

import type { MonitorState } from '../monitor/monitor-state';
import { FULL_QUIT, FULL_QUIT_LOWER, shortStatus } from '../words';
import { isAdminSource } from '../model';
import { inQuietHours, type QuietHours } from './quiet-hours';
import type { Notification } from './alert-policy';

export const REMINDER_EVERY_MS = 24 * 3_600_000;

/** Where a tray app lives, in each OS's own words. */
export function whereTheAppLives(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'in the menu bar, at the top right of the screen';
  if (platform === 'win32') return 'in the notification area of the taskbar (under the ^ arrow if it is hidden)';
  return 'in the system tray of your desktop';
}

/** The welcome; `startsAtLogin` when the first launch turned start at login on (it says so, once). */
export function welcomeNotification(
  state: MonitorState | null,
  platform: NodeJS.Platform,
  startsAtLogin = false,
): Notification {
  const status = state ? `ECI: ${shortStatus(state.report)}.` : 'ECI has not been checked yet.';
  const login = startsAtLogin ? ' It starts when you log in (Preferences to change it).' : '';
  return {
    kind: 'welcome',
    title: 'ECI Tray is watching Enhanced Container Isolation',
    body: `${status} ECI Tray lives ${whereTheAppLives(platform)}: click its icon for details and what to do.${login}`,
    urgency: 'low',
    action: 'open-details',
  };
}

/** A policy asks for ECI on (an admin file says on) and the probe shows it is not in effect. */
export function policyAsksAndEciOff(state: MonitorState | null): boolean {
  if (!state) return false;
  const r = state.report;
  const admin = isAdminSource(r.desired.source);
  return admin && r.desired.eci === true && r.effective.eci === false;
}

export function policyReminderDue(
  state: MonitorState | null,
  lastAt: string | null | undefined,
  pausedUntil: number | null,
  now: number,
  quietHours: QuietHours | null = null,
): boolean {
  if (!policyAsksAndEciOff(state)) return false;
  if (pausedUntil !== null && now < pausedUntil) return false;
  // A daily reminder can wait for the morning: it comes at the first hourly look after.
  if (inQuietHours(quietHours, new Date(now))) return false;
  const last = lastAt ? Date.parse(lastAt) : NaN;
  return Number.isNaN(last) || now - last >= REMINDER_EVERY_MS;
}

export function policyReminder(state: MonitorState): Notification {
  const pending = state.report.verdict === 'pending-restart';
  return {
    kind: 'policy-reminder',
    title: 'Your organization asks for ECI, and it is still off',
    body: pending
      ? `The policy is set but not in effect yet: ${FULL_QUIT_LOWER}.`
      : 'The policy asks for Enhanced Container Isolation; open the walkthrough to turn it on.',
    urgency: 'normal',
    action: 'open-walkthrough',
    ...(pending ? { buttons: [{ label: `${FULL_QUIT}…`, action: 'relaunch' as const }] } : {}),
  };
}
