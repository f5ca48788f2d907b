// ECI Tray's words, for the CLI, the tray, notifications and windows: verdict titles, advice,
// plurals and sizes. Pure and browser-safe (the pages import it as it is).

import type { Verdict } from './model';
import type { AdviceCode } from './monitor/monitor-state';

export const VERDICT_TITLE: Record<Verdict, string> = {
  protected: 'Protected',
  'unprotected-containers': 'Old containers run without ECI',
  'pending-restart': 'Pending: quit and relaunch Docker Desktop',
  off: 'ECI is off',
  'engine-unreachable': 'Docker is not running',
  'not-docker-desktop': 'Not Docker Desktop',
  'unsupported-version': 'Docker Desktop too old for ECI',
  unknown: 'Could not verify ECI',
};

/** A paused Docker Desktop is running: "not running" would send the user to start it again. */
export const PAUSED_TITLE = 'Docker Desktop is paused';

/** The verdict's title, with a paused Desktop named as such. */
export function verdictTitle(verdict: Verdict, engine?: { paused?: boolean } | null): string {
  return verdict === 'engine-unreachable' && engine?.paused ? PAUSED_TITLE : VERDICT_TITLE[verdict];
}

export type IconFamily = 'protected' | 'needs-action' | 'unprotected' | 'inactive';

export const VERDICT_FAMILY: Record<Verdict, IconFamily> = {
  protected: 'protected',
  'unprotected-containers': 'needs-action',
  'pending-restart': 'needs-action',
  off: 'unprotected',
  'engine-unreachable': 'inactive',
  'not-docker-desktop': 'inactive',
  'unsupported-version': 'inactive',
  unknown: 'inactive',
};

export const ADVICE_TEXT: Record<AdviceCode, string> = {
  'menu-restart-insufficient': 'Docker Desktop was restarted, but a restart from its menu does not apply this setting: quit Docker Desktop fully and start it again.',
  'full-quit-required': 'The ECI setting applies only after Docker Desktop is quit fully and started again (not restarted from its menu).',
  'fix-admin-settings': 'admin-settings.json is invalid: Docker Desktop will not start until it is fixed.',
  'review-containers': 'Containers created before ECI was on still run without it: review and remove or re-create them.',
  'turn-eci-on': 'Turn on Enhanced Container Isolation in Docker Desktop settings (or ask your admin for a policy).',
  'start-docker-desktop': 'No Docker engine answers: start Docker Desktop.',
  'unpause-docker-desktop': 'Docker Desktop is paused: resume it from the Docker menu (the whale icon) or the Dashboard.',
  'engine-reconnecting': 'The Docker engine went away; reconnecting (a restart or wake-up is not an alarm yet).',
};

/** "1 container", "3 containers". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A size for people: "512 bytes", "2.0 KiB", "1.5 MiB". */
export function bytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

// The cleanup's words (its footer, apply button, confirmation and "holds data" marker), here so
// the pages, the CLI and the dialogs take them from one place.
export { applyLabel, changedCount, cleanupConfirmation, planCounts, planSummary, type PlanCounts } from './cleanup/plan-summary';
export { heldData, losesFilesOnRemove } from './cleanup/held-data';
