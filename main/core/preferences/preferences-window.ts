// What the Preferences window shows and says: the values in force, which of them the organization
// manages (shown disabled), the alert kinds in the user's words, and after a save what changed,
// one line a setting. Pure.

import { ALERT_KINDS, type AlertKind } from '../alerts/alert-policy';
import type { QuietHours } from '../alerts/quiet-hours';
import { managedKeys, type ManagedPreferences } from './managed-preferences';
import type { Preferences } from './preferences';

/** Each alert kind as the window names it (the notifications' own titles, said as a choice). */
export const ALERT_KIND_LABEL: Record<AlertKind, string> = {
  'protection-lost': 'ECI stopped protecting containers',
  'pending-restart': 'A change waits for Docker Desktop to restart',
  'new-unprotected-containers': 'Containers running without ECI',
  'settings-invalid': "A settings file has a problem (Docker Desktop won't start)",
  'engine-unreachable': 'Docker stopped',
  'protection-verified': 'ECI is on and verified',
};

/** The window's order: the alert that matters most first. */
const WINDOW_ALERT_ORDER: readonly AlertKind[] = [
  'protection-lost',
  'pending-restart',
  'new-unprotected-containers',
  'settings-invalid',
  'engine-unreachable',
  'protection-verified',
];

/** The intervals offered (a value set in the file or by an admin is added when it is another). */
const INTERVALS = [15, 30, 60, 120, 240, 480, 720, 1440];
const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface PreferencesView {
  alerts: Array<{ kind: AlertKind; label: string; on: boolean; managed: boolean }>;
  quietHours: QuietHours | null;
  safetyIntervalMinutes: number;
  /** The intervals the window offers (the one in force among them), with their words. */
  intervalChoices: Array<{ minutes: number; label: string }>;
  probeImage: string;
  startAtLogin: boolean;
  /** The managed keys ("probeImage", "alerts.engine-unreachable"): disabled in the window. */
  managed: string[];
  /** Where the managed values come from (a file, a registry key, a profile), or null. */
  managedSource: string | null;
}

/** The view of the preferences in force (the user's own with the managed values over them). */
export function preferencesView(inForce: Preferences, m: ManagedPreferences): PreferencesView {
  const managed = managedKeys(m);
  return {
    alerts: WINDOW_ALERT_ORDER.filter((k) => ALERT_KINDS.includes(k)).map((kind) => ({
      kind,
      label: ALERT_KIND_LABEL[kind],
      on: inForce.alerts[kind],
      managed: managed.includes(`alerts.${kind}`),
    })),
    quietHours: inForce.quietHours,
    safetyIntervalMinutes: inForce.safetyIntervalMinutes,
    intervalChoices: [...new Set([...INTERVALS, inForce.safetyIntervalMinutes])]
      .sort((a, b) => a - b)
      .map((minutes) => ({ minutes, label: capitalized(intervalText(minutes)) })),
    probeImage: inForce.probeImage,
    startAtLogin: inForce.startAtLogin,
    managed,
    managedSource: m.source,
  };
}

const onOff = (b: boolean) => (b ? 'on' : 'off');
const quiet = (q: QuietHours | null) => (q && q.from !== q.until ? `${q.from} to ${q.until}` : 'none');

/** "every 24 hours", "every 90 minutes": the interval in the largest whole unit. */
export function intervalText(minutes: number): string {
  if (minutes % 60 === 0) {
    const h = minutes / 60;
    return h === 1 ? 'every hour' : `every ${h} hours`;
  }
  return minutes === 1 ? 'every minute' : `every ${minutes} minutes`;
}

/** What a save changed, one line a setting ("Quiet hours: none → 22:00 to 07:00"); empty when nothing did. */
export function changeLines(before: Preferences, after: Preferences): string[] {
  const lines: string[] = [];
  for (const kind of WINDOW_ALERT_ORDER)
    if (before.alerts[kind] !== after.alerts[kind])
      lines.push(`Alert "${ALERT_KIND_LABEL[kind]}": ${onOff(before.alerts[kind])} → ${onOff(after.alerts[kind])}`);
  if (quiet(before.quietHours) !== quiet(after.quietHours))
    lines.push(`Quiet hours: ${quiet(before.quietHours)} → ${quiet(after.quietHours)}`);
  if (before.safetyIntervalMinutes !== after.safetyIntervalMinutes)
    lines.push(
      `Check interval: ${intervalText(before.safetyIntervalMinutes)} → ${intervalText(after.safetyIntervalMinutes)}`,
    );
  if (before.probeImage !== after.probeImage) lines.push(`Probe image: ${before.probeImage} → ${after.probeImage}`);
  if (before.startAtLogin !== after.startAtLogin)
    lines.push(`Start at login: ${onOff(before.startAtLogin)} → ${onOff(after.startAtLogin)}`);
  return lines;
}

/**
 * What the login item is set to as the app starts, or null to leave it as the OS has it: the
 * organization's value at every start; at the first launch the user's own (on by default, and
 * the welcome says so); otherwise it changes only from Preferences or the tray.
 */
export function loginItemAtLaunch(firstLaunch: boolean, managed: boolean | undefined, own: boolean): boolean | null {
  if (managed !== undefined) return managed;
  return firstLaunch ? own : null;
}
