// Every exit code of `eci-tray`, in one table: those of `check` (and of every command that ends
// in a verdict), of relaunch and of cleanup. Documented in README: MDM compliance scripts rely
// on them, so they never change meaning.

import type { FleetVerdict } from '../core/fleet/fleet-result';
import type { Verdict } from '../core/model';

export const EXIT_OK = 0;
export const EXIT_INTERNAL_ERROR = 1;
export const EXIT_USAGE = 2;
/** `eci-tray relaunch` could not quit or start Docker Desktop. */
export const EXIT_RELAUNCH_FAILED = 20;
/** `eci-tray cleanup`: at least one container could not be cleaned up. */
export const EXIT_CLEANUP_FAILED = 21;
/** `eci-tray cleanup`: the plan (or an interrupted cleanup's journal) was refused. */
export const EXIT_PLAN_REFUSED = 22;
/** `eci-tray cleanup`: the engine went away mid-way; resume with --resume. */
export const EXIT_CLEANUP_INTERRUPTED = 23;
/** `eci-tray cleanup`: another cleanup holds the lock. */
export const EXIT_CLEANUP_BUSY = 24;
/**
 * `eci-tray policy validate`: Docker Desktop will not accept the file (also set-eci on such a file,
 * and explain when a settings file it reads would keep Docker Desktop from starting).
 */
export const EXIT_POLICY_REJECTED = 30;
/** `eci-tray policy validate`: Docker's docs do not say whether Desktop accepts what is flagged (e.g. a BOM). */
export const EXIT_POLICY_UNCERTAIN = 31;
/** `eci-tray policy validate`: accepted, but parts have no effect (unknown or repeated keys). */
export const EXIT_POLICY_IGNORED_PARTS = 32;
/** `eci-tray policy`: no file at the path (set-eci without --create), or it cannot be read. */
export const EXIT_POLICY_NO_FILE = 33;
/** `eci-tray policy set-eci`: this user may not replace the file (or its folder is missing); nothing was written. */
export const EXIT_POLICY_NO_RIGHTS = 34;
/** `eci-tray policy set-eci`: the file changed while being edited, or another edit held it; nothing was written. */
export const EXIT_POLICY_CHANGED = 35;
/** `eci-tray doctor`: the trace could not be written (a symbolic link or no rights at --out). */
export const EXIT_TRACE_NOT_WRITTEN = 40;
/** `eci-tray watch`: a second Ctrl-C left at once (128 + SIGINT, as shells report it). */
export const EXIT_INTERRUPTED = 130;

export const VERDICT_EXIT_CODES: Record<Verdict, number> = {
  protected: 0,
  'unprotected-containers': 10,
  'pending-restart': 11,
  off: 12,
  'engine-unreachable': 13,
  'not-docker-desktop': 14,
  'unsupported-version': 15,
  unknown: 16,
  // 17 and 18 are the fleet's (below): the newer verdict takes the next free code.
  'not-applied': 19,
};

/** A command that needs the engine found none answering: the same code as the verdict. */
export const EXIT_ENGINE_UNREACHABLE = VERDICT_EXIT_CODES['engine-unreachable'];

/** --for-console-user: nobody is logged in, so there is nothing to verify (a result, not an error). */
export const EXIT_NO_USER = 17;
/** --for-user / --for-console-user: Docker Desktop is not running for that user. */
export const EXIT_DESKTOP_NOT_RUNNING = 18;

/** A fleet result's exit code; `error` is 1 here, 2 when the command line was wrong. */
export const FLEET_EXIT_CODES: Record<FleetVerdict, number> = {
  ...VERDICT_EXIT_CODES,
  'no-user-logged-in': EXIT_NO_USER,
  'desktop-not-running': EXIT_DESKTOP_NOT_RUNNING,
  error: EXIT_INTERNAL_ERROR,
};

/** `check --help`'s exit codes, one a line in order, made from FLEET_EXIT_CODES (never typed twice). */
export function checkExitCodesHelp(): string {
  const rows: [number, string][] = Object.entries(FLEET_EXIT_CODES).map(([verdict, code]) => [
    code,
    verdict === 'error' ? 'error: something unexpected (the message says what)' : verdict,
  ]);
  rows.push([EXIT_USAGE, 'usage error: a flag or command was wrong']);
  return rows
    .sort((a, b) => a[0] - b[0])
    .map(([code, what]) => `  ${String(code).padEnd(4)} ${what}`)
    .join('\n');
}
