// "Recent activity": which changes of the app's state are worth a line for the user (and for IT,
// in the copied report), and their cause in words. Pure: consecutive states in, an entry or
// nothing out. A new verdict counts; so does a new desired setting under the same verdict (a
// policy flipped while the engine was away), and a restart from the Docker menu that left the
// setting pending. Timestamps, probe counts and re-checks that change nothing do not.

import type { Verdict } from '../model';
import type { MonitorState } from '../monitor/monitor-state';
import { formatDateTime } from '../text/time';
import { BEFORE_ECI, beforeEciRun, MENU_RESTART_DID_NOT_APPLY, VERDICT_TITLE } from '../words';

export interface ActivityEntry {
  /** When the new state was seen (ISO). */
  at: string;
  verdict: Verdict;
  /** The verdict before, or null for the first entry. */
  from: Verdict | null;
  /** What the settings ask for (compared across app restarts). */
  desiredEci: boolean | null;
  /** Docker Desktop was restarted from its menu while the setting stayed pending. */
  menuRestart: boolean;
  /** Why, in words. */
  cause: string;
}

/** What a change is measured against: the previous state, or the last entry kept on disk. */
export type ActivityBasis = Pick<ActivityEntry, 'verdict' | 'desiredEci' | 'menuRestart'>;

export function basisOf(state: MonitorState): ActivityBasis {
  return {
    verdict: state.report.verdict,
    desiredEci: state.report.desired.eci,
    menuRestart: state.advice.includes('menu-restart-insufficient'),
  };
}

const fileName = (path: string | undefined) => (path ? (path.split(/[\\/]/).pop() ?? path) : 'a settings file');

/** The longest cause kept: a line of the log, whatever the names and paths in it. */
export const CAUSE_MAX = 2000;
const NAMES_SHOWN = 10;

/** A few names and how many more: a cause stays a line however many containers there are. */
function someNames(names: string[]): string {
  return names.length > NAMES_SHOWN
    ? `${names.slice(0, NAMES_SHOWN).join(', ')} and ${names.length - NAMES_SHOWN} more`
    : names.join(', ');
}

function clampCause(cause: string): string {
  return cause.length > CAUSE_MAX ? `${cause.slice(0, CAUSE_MAX - 3)}...` : cause;
}

function causeOf(prev: ActivityBasis | null, next: MonitorState, sameRun: boolean): string {
  const r = next.report;
  const b = basisOf(next);
  if (b.menuRestart && !prev?.menuRestart) return `${MENU_RESTART_DID_NOT_APPLY}, which is still pending.`;
  switch (next.trigger) {
    case 'start':
      // Within one run, the monitor starts again only when the preferences change what is verified.
      if (sameRun)
        return 'Checked after the preferences changed what ECI Tray verifies (engine, probe image or settings files).';
      return prev ? 'Checked when ECI Tray started.' : 'First check by ECI Tray.';
    case 'settings': {
      const broken = r.settingsProblems.find((p) => p.blocksDockerDesktop);
      if (broken) return `${fileName(broken.file)} became invalid.`;
      if (prev && prev.desiredEci !== b.desiredEci)
        return `${fileName(r.desired.file)} now asks for ECI ${b.desiredEci === true ? 'on' : b.desiredEci === false ? 'off' : 'to be unset'}.`;
      return 'A Docker Desktop settings file changed.';
    }
    case 'containers':
      return r.verdict === 'unprotected-containers'
        ? `${beforeEciRun(r.unprotectedContainers.length)}: ${someNames(r.unprotectedContainers.map((c) => c.name))}.`
        : `The ${BEFORE_ECI} are gone.`;
    case 'engine-lost':
      return 'The Docker engine went away.';
    case 'engine-unreachable':
      return r.engine.paused ? 'Docker Desktop was paused.' : 'The Docker engine stopped answering.';
    case 'engine-back':
      return 'The Docker engine came back (Docker Desktop was started, reopened or woke up).';
    case 'interval':
      return 'Found by the periodic check.';
    case 'request':
      return 'Found by a check run from ECI Tray (Check now, or after a relaunch or a cleanup).';
  }
}

/**
 * The entry for `next`, or null when nothing the log keeps has changed since `prev`. `sameRun`:
 * `prev` is a state of this run of the app (not the last entry kept from an earlier run).
 */
export function activityEntry(prev: ActivityBasis | null, next: MonitorState, sameRun = false): ActivityEntry | null {
  const b = basisOf(next);
  const changed =
    !prev || prev.verdict !== b.verdict || prev.desiredEci !== b.desiredEci || (b.menuRestart && !prev.menuRestart);
  if (!changed) return null;
  return { at: next.at, ...b, from: prev?.verdict ?? null, cause: clampCause(causeOf(prev, next, sameRun)) };
}

/** "ECI is off → Protected", or the verdict alone for the first entry. */
export function activityChangeText(e: Pick<ActivityEntry, 'from' | 'verdict'>): string {
  return e.from && e.from !== e.verdict
    ? `${VERDICT_TITLE[e.from]} → ${VERDICT_TITLE[e.verdict]}`
    : VERDICT_TITLE[e.verdict];
}

/** The lines of the copied report, newest first. */
export function activityLines(entries: readonly ActivityEntry[]): string[] {
  if (!entries.length) return ['  (nothing recorded yet)'];
  return entries.map((e) => `  ${formatDateTime(e.at)}  ${activityChangeText(e)}. ${e.cause}`);
}
