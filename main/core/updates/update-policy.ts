// When the app looks for an update of itself, and what it asks before restarting. Pure.
// At most once a day, in the background, never in the CLI (a fleet's inventory run must not change
// the machine), and never when the organization turned updates off (managed `autoUpdate: false`).

import type { ConfirmRequest } from '../confirm';

export const UPDATE_CHECK_EVERY_MS = 24 * 3_600_000;

export function updateCheckDue(enabled: boolean, lastCheckedAt: string | null | undefined, now: number): boolean {
  if (!enabled) return false;
  const last = lastCheckedAt ? Date.parse(lastCheckedAt) : NaN;
  // A clock set back makes `last` lie in the future: check rather than wait for ever.
  return Number.isNaN(last) || now - last >= UPDATE_CHECK_EVERY_MS || last > now;
}

export function restartConfirmation(current: string, next: string): ConfirmRequest {
  return {
    title: 'Restart ECI Tray to update?',
    message: `ECI Tray ${next} is ready to install.`,
    detail: `You have ${current}. Restarting takes a few seconds; Docker Desktop and your containers are not touched.\n\nLater: it installs when ECI Tray quits.`,
    confirmLabel: 'Restart now',
  };
}
