// The verdict: a pure function of engine identity, probe evidence, desired state and the
// unprotected containers. `protected` is only ever given on a probe that ran under sysbox-runc
// with a remapped root, with the other two checks behaving as ECI does.

import { effectiveFromChecks } from './evidence';
import { compareVersions, MIN_ECI_VERSION } from './identity';
import type { Check, DesiredState, EngineIdentity, Verdict } from './model';

export interface VerdictInputs {
  engine: EngineIdentity;
  /** The probe's checks, or why the probe could not run. */
  probe: { checks: Check[] } | { failure: string } | null;
  desired: DesiredState;
  unprotectedContainers: number;
}

export interface VerdictResult {
  verdict: Verdict;
  reason: string;
  effectiveEci: boolean | null;
}

const onOff = (b: boolean | null) => (b === null ? 'unknown' : b ? 'on' : 'off');

function describeSource(desired: DesiredState): string {
  switch (desired.source) {
    case 'admin-locked':
      return 'a locked admin policy';
    case 'admin-unlocked':
      return 'an unlocked admin policy';
    case 'user':
      return 'your Docker Desktop settings';
    default:
      return 'the defaults';
  }
}

export function decideVerdict({ engine, probe, desired, unprotectedContainers }: VerdictInputs): VerdictResult {
  if (!engine.reachable) {
    return { verdict: 'engine-unreachable', reason: `No Docker engine answers: ${engine.error ?? 'no answer'}.`, effectiveEci: null };
  }
  const effective = probe && 'checks' in probe ? effectiveFromChecks(probe.checks) : null;
  const effectiveEci = effective ? effective.eci : null;

  if (engine.desktop && engine.version && compareVersions(engine.version, MIN_ECI_VERSION) < 0) {
    return {
      verdict: 'unsupported-version',
      reason: `Docker Desktop ${engine.version} is older than ${MIN_ECI_VERSION}, the first release with Enhanced Container Isolation.`,
      effectiveEci,
    };
  }
  if (!engine.desktop) {
    const what = engine.platformName || engine.operatingSystem || 'an unidentified engine';
    return {
      verdict: 'not-docker-desktop',
      reason: `The engine is ${what}, not Docker Desktop; ECI does not apply (isolation checks reported below).`,
      effectiveEci,
    };
  }
  if (!probe) return { verdict: 'unknown', reason: 'The probe did not run.', effectiveEci: null };
  if ('failure' in probe) return { verdict: 'unknown', reason: `The probe could not run: ${probe.failure}.`, effectiveEci: null };
  if (!effective || effective.eci === null) {
    return { verdict: 'unknown', reason: `The probe could not establish whether ECI is on: ${effective?.problem ?? 'no evidence'}.`, effectiveEci: null };
  }

  // Docker Desktop's default never makes a verdict pending: a cloud policy is invisible locally.
  const desiredCounts = desired.source !== 'default' && desired.source !== 'not-found-locally' && desired.eci !== null;
  if (desiredCounts && desired.eci !== effective.eci) {
    return {
      verdict: 'pending-restart',
      reason: `ECI is ${onOff(effective.eci)} but ${describeSource(desired)} sets it ${onOff(desired.eci)}: it applies only after Docker Desktop is quit fully and started again.`,
      effectiveEci: effective.eci,
    };
  }
  if (effective.eci === false) {
    return {
      verdict: 'off',
      reason: effective.partial ? `Enhanced Container Isolation is not in effect (${effective.partial}).` : 'Enhanced Container Isolation is off.',
      effectiveEci: false,
    };
  }
  if (!effective.complete) {
    return { verdict: 'unknown', reason: `ECI looks on, but the evidence is incomplete: ${effective.problem}.`, effectiveEci: true };
  }
  if (unprotectedContainers > 0) {
    const n = unprotectedContainers;
    return {
      verdict: 'unprotected-containers',
      reason: `ECI is on, but ${n} container${n === 1 ? '' : 's'} created before it still run${n === 1 ? 's' : ''} without it.`,
      effectiveEci: true,
    };
  }
  return { verdict: 'protected', reason: 'Enhanced Container Isolation is on and verified by probe containers.', effectiveEci: true };
}
