// Verdicts in plain words, for the tray, notifications and windows. Pure.

import type { Verdict } from './model';

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
