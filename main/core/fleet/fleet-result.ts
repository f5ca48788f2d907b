// What a fleet check gives an MDM: the verdict, or one of the outcomes where there was nothing to
// verify (nobody logged in, Docker Desktop not running for that user) or the check could not run.
// Pure: the MDM formats and their flat summary are functions of this result.

import type { ManagedPreferences } from '../preferences/managed-preferences';
import type { CheckReport, Verdict } from '../model';

/** Nothing to verify: its own result, never an error (an MDM runs the check whoever is logged in). */
export const FLEET_OUTCOMES = ['no-user-logged-in', 'desktop-not-running'] as const;
export type FleetOutcome = (typeof FLEET_OUTCOMES)[number];
/**
 * Results the fleet scripts (fleet/jamf, fleet/intune) give without running the app: no install
 * they may run as root or SYSTEM. The app never gives them; the schemas name them.
 */
export const SCRIPT_OUTCOMES = ['not-installed'] as const;
/** `error`: the check could not run (a bad flag, an unknown user, an internal failure). */
export type FleetVerdict = Verdict | FleetOutcome | 'error';

/** A result without a check report. */
export interface NotCheckedResult {
  verdict: FleetOutcome | 'error';
  reason: string;
  checkedAt: string;
  /** The user checked for (--for-user / --for-console-user), or null. */
  forUser: string | null;
}

export type FleetResult =
  | { kind: 'report'; report: CheckReport; forUser: string | null; managed?: ManagedPreferences }
  | { kind: 'not-checked'; result: NotCheckedResult };

export function notChecked(
  verdict: NotCheckedResult['verdict'],
  reason: string,
  forUser: string | null,
  at = new Date(),
): FleetResult {
  return { kind: 'not-checked', result: { verdict, reason, checkedAt: at.toISOString(), forUser } };
}

/**
 * A check made for a user (--for-user/--for-console-user): an engine that does not answer on that
 * user's own Desktop socket means Docker Desktop is not running for them, whether the socket was
 * found directly or through the docker context Desktop creates for it (`desktop-linux`, current by
 * default). Paused by hand is still running (it says so), and another engine from their docker
 * context that does not answer stays `engine-unreachable`: that is an engine they chose.
 */
export function resultForUser(
  report: CheckReport,
  forUser: string | null,
  desktopSocketUrl: string | null = null,
): FleetResult {
  const onDesktopSocket =
    report.endpoint.source === 'desktop-socket' ||
    (desktopSocketUrl !== null && report.endpoint.url === desktopSocketUrl);
  if (forUser !== null && report.verdict === 'engine-unreachable' && !report.engine.paused && onDesktopSocket) {
    return notChecked(
      'desktop-not-running',
      `Docker Desktop is not running for ${forUser}: nothing answers on ${report.endpoint.url} (${report.engine.error ?? report.reason}).`,
      forUser,
      new Date(report.checkedAt),
    );
  }
  return { kind: 'report', report, forUser };
}

export function fleetVerdictOf(result: FleetResult): FleetVerdict {
  return result.kind === 'report' ? result.report.verdict : result.result.verdict;
}

/** The flat record an Intune custom-compliance discovery script returns (its keys are the rules' SettingNames). */
export interface FleetSummary {
  verdict: FleetVerdict;
  /** ECI observed on by the probe containers (not merely configured). */
  eciVerified: boolean;
  /** A setting waits for a full quit and relaunch of Docker Desktop. */
  pending: boolean;
  /** Containers running outside ECI that count against the verdict. */
  unprotectedContainers: number;
  /** Docker Desktop's version, '' when unknown or not Docker Desktop. */
  desktopVersion: string;
  checkedAt: string;
  /**
   * Settings files Docker Desktop cannot read (an admin-settings.json that is not valid JSON): it
   * keeps running as it is, but will not start again after its next quit.
   */
  blockingSettingsErrors: number;
  /**
   * Docker Desktop's own containers running outside ECI (Kubernetes, Extensions, kind nodes whose
   * names and Desktop's settings corroborate their labels): IT sees them, though only kind nodes
   * count against the verdict.
   */
  desktopContainers: number;
}

export function fleetSummary(result: FleetResult): FleetSummary {
  if (result.kind === 'not-checked') {
    return {
      verdict: result.result.verdict,
      eciVerified: false,
      pending: false,
      unprotectedContainers: 0,
      desktopVersion: '',
      checkedAt: result.result.checkedAt,
      blockingSettingsErrors: 0,
      desktopContainers: 0,
    };
  }
  const r = result.report;
  const counted = (r.uncoveredContainers ?? []).filter((c) => !c.outsideEciByDesign).length;
  return {
    verdict: r.verdict,
    eciVerified: r.effective.eci === true,
    pending: r.verdict === 'pending-restart',
    unprotectedContainers: r.unprotectedContainers.length + counted,
    desktopVersion: r.engine.desktop ? (r.engine.version ?? '') : '',
    checkedAt: r.checkedAt,
    blockingSettingsErrors: r.settingsProblems.filter((p) => p.blocksDockerDesktop).length,
    desktopContainers: (r.uncoveredContainers ?? []).length,
  };
}

/**
 * The value of the Jamf extension attribute: the verdict, then, when a settings file keeps Docker
 * Desktop from starting again, ` blocking-settings-errors=N` (a machine that runs protected now but
 * will not start after its next quit is not "protected" in a smart group).
 */
export function jamfValue(summary: FleetSummary): string {
  return summary.blockingSettingsErrors > 0
    ? `${summary.verdict} blocking-settings-errors=${summary.blockingSettingsErrors}`
    : summary.verdict;
}
