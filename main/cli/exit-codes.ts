// Exit codes of `eci-tray check` (and of every command that ends in a verdict). Documented in
// README: MDM compliance scripts rely on them, so they never change meaning.

import type { Verdict } from '../core/model';

export const EXIT_INTERNAL_ERROR = 1;
export const EXIT_USAGE = 2;
/** `eci-tray relaunch` could not quit or start Docker Desktop. */
export const EXIT_RELAUNCH_FAILED = 20;

export const VERDICT_EXIT_CODES: Record<Verdict, number> = {
  protected: 0,
  'unprotected-containers': 10,
  'pending-restart': 11,
  off: 12,
  'engine-unreachable': 13,
  'not-docker-desktop': 14,
  'unsupported-version': 15,
  unknown: 16,
};
