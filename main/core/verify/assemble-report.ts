// Assembling a CheckReport from its parts: engine evidence (identity and probe), the settings
// and the container list. Pure, so the monitor can re-evaluate a verdict when only the settings
// or the containers changed, without running the probe again.

import type { DesktopProcesses } from '../desktop/desktop-processes';
import { isDesktopPausedText } from '../engine/engine-errors';
import { nextStepsFor, notesFor } from './guidance';
import type {
  Check,
  CheckReport,
  ContainerSummary,
  DesktopOwnedContainer,
  Endpoint,
  EngineIdentity,
  RestartEvidence,
} from '../model';
import { reportedDesired } from '../settings/desired-state';
import type { SettingsSnapshot } from '../settings/load-settings';
import { decideVerdict } from './verdict';
import { wslBypassCaveat, wslNotes } from './wsl-notes';

export type ProbeOutcome = { checks: Check[] } | { failure: string };

/** What the engine showed: who it is, and what the probe containers saw. */
export interface EngineEvidence {
  engine: EngineIdentity;
  /** The engine answered but its identity could not be read (or the check ran out of time). */
  identityError?: string;
  /** The engine's ID (/info `ID`): the monitor compares it to tell another engine. */
  engineId?: string | null;
  probe: ProbeOutcome | null;
  /** When the probe ran (ISO 8601). */
  at: string;
  /** Docker Desktop's processes on this host, read with the probe (absent: not read). */
  desktop?: DesktopProcesses;
}

export interface ContainerEvidence {
  list: ContainerSummary[];
  /** Docker Desktop's own containers outside ECI (Kubernetes, Extensions): listed apart. */
  uncovered?: DesktopOwnedContainer[];
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
  /** Whether the user is signed in to Docker (admin-settings.json applies only then); null: unknown. */
  signedIn?: boolean | null;
  /** Whether Docker Desktop started again since the setting changed (absent: not looked at). */
  restart?: RestartEvidence | null;
}

export function unreachableEvidence(error: string, at = new Date().toISOString()): EngineEvidence {
  const engine: EngineIdentity = {
    reachable: false,
    desktop: false,
    version: null,
    platformName: null,
    operatingSystem: null,
    error,
  };
  if (isDesktopPausedText(error)) engine.paused = true;
  return { engine, probe: null, at };
}

/**
 * A Desktop paused by hand may still answer some calls (a ping) and refuse the rest with its
 * "manually paused" text: wherever that text shows up, the engine is paused, and no partial
 * evidence gathered around it counts.
 */
export function pausedEvidence(evidence: EngineEvidence, containers: ContainerEvidence): EngineEvidence | null {
  if (evidence.engine.paused) return evidence;
  const probe = evidence.probe;
  const texts = [
    evidence.engine.error,
    evidence.identityError,
    probe && 'failure' in probe ? probe.failure : undefined,
    ...(probe && 'checks' in probe ? probe.checks.map((c) => c.observation) : []),
    containers.error,
  ];
  const paused = texts.find((t) => isDesktopPausedText(t));
  return paused === undefined ? null : unreachableEvidence(paused, evidence.at);
}

export function unidentifiedEngine(): EngineIdentity {
  return { reachable: true, desktop: false, version: null, platformName: null, operatingSystem: null };
}

export function assembleReport(parts: ReportParts): CheckReport {
  const { settings } = parts;
  const paused = pausedEvidence(parts.evidence, parts.containers);
  const evidence = paused ?? parts.evidence;
  const containers = paused ? { list: [] } : parts.containers;
  // Desktop's own containers count only where ECI is meant to cover them (kind nodes).
  const uncovered = containers.uncovered ?? [];
  const counted = containers.list.length + uncovered.filter((c) => !c.outsideEciByDesign).length;
  const result = decideVerdict({
    engine: evidence.engine,
    probe: evidence.probe,
    desired: settings.desired,
    unprotectedContainers: counted,
    signedIn: parts.signedIn ?? null,
    identityError: evidence.identityError ?? null,
    containersError: containers.error ?? null,
    restart: parts.restart ?? null,
  });
  const unprotected = result.effectiveEci === true ? containers.list : [];
  const uncoveredShown = result.effectiveEci === true ? uncovered : [];
  const guidanceInputs = {
    verdict: result.verdict,
    desired: settings.desired,
    engineDesktop: evidence.engine.desktop,
    enginePaused: evidence.engine.paused === true,
    probeImage: parts.probeImage,
    unprotectedContainers: unprotected,
    uncoveredContainers: uncoveredShown,
    engine: evidence.engine,
    effectiveEci: result.effectiveEci,
    problems: settings.problems,
    adminPolicy: settings.adminPolicy,
    storedSocketMount: settings.storedSocketMount ?? null,
    platform: parts.platform ?? process.platform,
  };
  const report: CheckReport = {
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
    uncoveredContainers: uncoveredShown,
    settingsFiles: settings.files,
    settingsProblems: settings.problems,
    notes: [
      ...notesFor(guidanceInputs),
      ...wslNotes(settings.wsl, evidence.engine),
      ...wslBypassCaveat(result.verdict, evidence.engine, { platform: guidanceInputs.platform, inWsl: !!settings.wsl }),
    ],
    nextSteps: [],
    probeImage: parts.probeImage,
    // Shown where it decides: a setting that asks for another state than the verified one.
    ...(parts.restart && (result.verdict === 'pending-restart' || result.verdict === 'not-applied')
      ? { restart: parts.restart }
      : {}),
    ...(result.notAppliedCause ? { notAppliedCause: result.notAppliedCause } : {}),
  };
  report.nextSteps = nextStepsFor(report, guidanceInputs);
  return report;
}
