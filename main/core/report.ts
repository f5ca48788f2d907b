// Assembling a CheckReport from its parts: engine evidence (identity and probe), the settings
// and the container list. Pure, so the monitor can re-evaluate a verdict when only the settings
// or the containers changed, without running the probe again.

import { nextStepsFor, notesFor } from './guidance';
import type { Check, CheckReport, ContainerSummary, Endpoint, EngineIdentity } from './model';
import { reportedDesired } from './settings/desired-state';
import type { SettingsSnapshot } from './settings/load-settings';
import { decideVerdict } from './verdict';

export type ProbeOutcome = { checks: Check[] } | { failure: string };

/** What the engine showed: who it is, and what the probe containers saw. */
export interface EngineEvidence {
  engine: EngineIdentity;
  /** The engine answered but its identity could not be read (or the check ran out of time). */
  identityError?: string;
  probe: ProbeOutcome | null;
  /** When the probe ran (ISO 8601). */
  at: string;
}

export interface ContainerEvidence {
  list: ContainerSummary[];
  error?: string;
}

export interface ReportParts {
  endpoint: Endpoint | null;
  probeImage: string;
  evidence: EngineEvidence;
  settings: SettingsSnapshot;
  containers: ContainerEvidence;
  durationMs: number;
  platform?: NodeJS.Platform;
  now?: Date;
}

export function unreachableEvidence(error: string, at = new Date().toISOString()): EngineEvidence {
  return { engine: { reachable: false, desktop: false, version: null, platformName: null, operatingSystem: null, error }, probe: null, at };
}

export function unidentifiedEngine(): EngineIdentity {
  return { reachable: true, desktop: false, version: null, platformName: null, operatingSystem: null };
}

export function assembleReport(parts: ReportParts): CheckReport {
  const { evidence, settings, containers } = parts;
  let result = decideVerdict({ engine: evidence.engine, probe: evidence.probe, desired: settings.desired, unprotectedContainers: containers.list.length });
  if (evidence.identityError && evidence.engine.reachable) {
    result = { verdict: 'unknown', reason: `The check is incomplete: ${evidence.identityError}.`, effectiveEci: result.effectiveEci };
  } else if (containers.error && result.effectiveEci === true && (result.verdict === 'protected' || result.verdict === 'unprotected-containers')) {
    // Never "protected" without having looked at the containers.
    result = { verdict: 'unknown', reason: `ECI is on, but the containers could not be listed: ${containers.error}.`, effectiveEci: true };
  }
  const unprotected = result.effectiveEci === true ? containers.list : [];
  const guidanceInputs = {
    verdict: result.verdict,
    desired: settings.desired,
    engineDesktop: evidence.engine.desktop,
    probeImage: parts.probeImage,
    unprotectedContainers: unprotected,
    problems: settings.problems,
    adminPolicy: settings.adminPolicy,
    platform: parts.platform ?? process.platform,
  };
  return {
    verdict: result.verdict,
    reason: result.reason,
    checkedAt: (parts.now ?? new Date()).toISOString(),
    durationMs: parts.durationMs,
    endpoint: parts.endpoint ?? { url: '', source: 'flag' },
    engine: evidence.engine,
    desired: reportedDesired(settings.desired, result.effectiveEci),
    effective: { eci: result.effectiveEci },
    checks: evidence.probe && 'checks' in evidence.probe ? evidence.probe.checks : [],
    unprotectedContainers: unprotected,
    settingsFiles: settings.files,
    settingsProblems: settings.problems,
    notes: notesFor(guidanceInputs),
    nextSteps: nextStepsFor(guidanceInputs),
    probeImage: parts.probeImage,
  };
}
