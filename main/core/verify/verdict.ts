// The verdict: a pure function of engine identity, probe evidence, desired state and the
// unprotected containers. `protected` is only ever given on a probe that ran under sysbox-runc
// with a remapped root, with the other two checks behaving as ECI does.

import { effectiveFromChecks } from './evidence';
import { compareVersions, MIN_ECI_VERSION } from './identity';
import {
  isAdminSource,
  type Check,
  type DesiredState,
  type EngineIdentity,
  type NotAppliedCause,
  type RestartEvidence,
  type Verdict,
} from '../model';
import { notAppliedCause } from './restart-evidence';
import {
  APPLIES_AFTER_FULL_QUIT,
  DESIRED_SOURCE,
  FULL_QUIT,
  notAppliedReason,
  onOff,
  RESTART_UNSEEN,
  SIGN_IN_APPLIES,
} from '../words';

export interface VerdictInputs {
  engine: EngineIdentity;
  /** The probe's checks, or why the probe could not run. */
  probe: { checks: Check[] } | { failure: string } | null;
  desired: DesiredState;
  unprotectedContainers: number;
  /** Signed in to Docker (admin-settings.json applies only then); null or absent: unknown. */
  signedIn?: boolean | null;
  /** The engine answered but its identity could not be read (or the check ran out of time). */
  identityError?: string | null;
  /** The container list could not be read: never "protected" without having looked at it. */
  containersError?: string | null;
  /** Whether Docker Desktop started again since the setting changed (restart-evidence.ts); absent: not looked at. */
  restart?: RestartEvidence | null;
}

export interface VerdictResult {
  verdict: Verdict;
  reason: string;
  effectiveEci: boolean | null;
  /** Why the setting did not apply (`not-applied` only). */
  notAppliedCause?: NotAppliedCause;
}

const describeSource = (desired: DesiredState): string => DESIRED_SOURCE[desired.source].phrase;

/** Why an admin policy may not apply: admin-settings.json needs the user signed in to the organization. */
export function signInCaveat(signedIn: boolean | null | undefined): string {
  if (signedIn === true) return '';
  if (signedIn === false) return ` Docker Desktop reports you are not signed in: ${SIGN_IN_APPLIES}, so sign in first.`;
  return ` ${SIGN_IN_APPLIES}: check the account menu in Docker Desktop.`;
}

/** The user's stored value and an unlocked admin value disagree: say which applies is unknown. */
export function contestedText(desired: DesiredState): string {
  const c = desired.contested;
  if (!c) return '';
  return `Your settings store ECI ${onOff(desired.eci)} and an unlocked admin policy sets it ${onOff(c.eci)}: the policy applies only if you never changed the setting yourself, and Docker Desktop also writes its default into settings-store.json, so the files cannot tell which one applies.`;
}

/** Docker Desktop reports a real version (not unknown, not the WSL placeholder) older than 4.13. */
export function isOlderThanEci(engine: EngineIdentity): boolean {
  return !!engine.version && compareVersions(engine.version, MIN_ECI_VERSION) < 0;
}

/**
 * Too old for ECI: a Docker Desktop whose real version predates ECI, while the probe does not
 * contradict it (a probe that shows ECI on outweighs a version string).
 */
export function tooOldForEci(engine: EngineIdentity, effectiveEci: boolean | null): boolean {
  return engine.desktop && isOlderThanEci(engine) && effectiveEci !== true;
}

/** Desktop's processes could not be seen: today's answer stands, and it says the cause cannot be told. */
const unseen = (restart: RestartEvidence | null | undefined): string =>
  restart && !restart.visible ? ` ${RESTART_UNSEEN}${restart.why ? ` (${restart.why})` : ''}.` : '';

export function decideVerdict({
  engine,
  probe,
  desired,
  unprotectedContainers,
  signedIn,
  identityError,
  containersError,
  restart,
}: VerdictInputs): VerdictResult {
  if (!engine.reachable) {
    if (engine.paused) {
      // Not "not running": starting Desktop again would not help, resuming it does.
      return {
        verdict: 'engine-unreachable',
        reason: `Docker Desktop is paused: its engine runs no containers until it is resumed, so ECI cannot be verified (${engine.error ?? 'paused'}).`,
        effectiveEci: null,
      };
    }
    return {
      verdict: 'engine-unreachable',
      reason: `No Docker engine answers: ${engine.error ?? 'no answer'}.`,
      effectiveEci: null,
    };
  }
  const effective = probe && 'checks' in probe ? effectiveFromChecks(probe.checks) : null;
  const effectiveEci = effective ? effective.eci : null;
  if (identityError) return { verdict: 'unknown', reason: `The check is incomplete: ${identityError}.`, effectiveEci };

  // The report notes a contradiction between the version and the probe.
  if (tooOldForEci(engine, effectiveEci)) {
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
  if ('failure' in probe)
    return { verdict: 'unknown', reason: `The probe could not run: ${probe.failure}.`, effectiveEci: null };
  if (!effective || effective.eci === null) {
    return {
      verdict: 'unknown',
      reason: `The probe could not establish whether ECI is on: ${effective?.problem ?? 'no evidence'}.`,
      effectiveEci: null,
    };
  }

  // Two candidates (the user's stored value, an unlocked admin value): ECI on is what one of them
  // asks for, so nothing is pending; ECI off may be waiting for the policy, so it is pending, and
  // the reason says the files cannot tell.
  const contested = desired.contested && desired.contested.eci !== desired.eci ? contestedText(desired) : '';
  const startedSince = restart?.relation === 'started-after-change';
  if (contested && effective.eci === false && startedSince) {
    // Docker Desktop started after the policy changed and ECI is still off: the user's value won.
    const cause = notAppliedCause({ desired, contested: true, signedIn, engine, wantsEci: true });
    return {
      verdict: 'not-applied',
      reason: `ECI is off. ${notAppliedReason(cause, engine, desired)}`,
      effectiveEci: false,
      notAppliedCause: cause,
    };
  }
  if (contested && effective.eci === false) {
    return {
      verdict: 'pending-restart',
      reason: `ECI is off. ${contested} ${FULL_QUIT}: if ECI is still off, your own setting is what applies.${signInCaveat(signedIn)}${unseen(restart)}`,
      effectiveEci: false,
    };
  }
  const aside = contested ? ` ${contested}` : '';

  // Docker Desktop's default never makes a verdict pending: a cloud policy is invisible locally.
  const desiredCounts =
    !contested && desired.source !== 'default' && desired.source !== 'not-found-locally' && desired.eci !== null;
  if (desiredCounts && desired.eci !== effective.eci) {
    const asked = `ECI is ${onOff(effective.eci)} but ${describeSource(desired)} sets it ${onOff(desired.eci)}`;
    if (startedSince) {
      const cause = notAppliedCause({ desired, contested: false, signedIn, engine, wantsEci: desired.eci });
      return {
        verdict: 'not-applied',
        reason: `${asked}, and Docker Desktop has started since it changed. ${notAppliedReason(cause, engine, desired)}`,
        effectiveEci: effective.eci,
        notAppliedCause: cause,
      };
    }
    // The user's own setting is applied by Desktop's own restart (Settings, "Apply and restart").
    const when = isAdminSource(desired.source)
      ? `it ${APPLIES_AFTER_FULL_QUIT}.${signInCaveat(signedIn)}`
      : 'it applies when Docker Desktop restarts: select "Apply and restart" in its Settings.';
    return { verdict: 'pending-restart', reason: `${asked}: ${when}${unseen(restart)}`, effectiveEci: effective.eci };
  }
  if (effective.eci === false) {
    return {
      verdict: 'off',
      reason: effective.partial
        ? `Enhanced Container Isolation is not in effect (${effective.partial}).`
        : 'Enhanced Container Isolation is off.',
      effectiveEci: false,
    };
  }
  if (!effective.complete) {
    return {
      verdict: 'unknown',
      reason: `ECI looks on, but the evidence is incomplete: ${effective.problem}.`,
      effectiveEci: true,
    };
  }
  if (containersError)
    return {
      verdict: 'unknown',
      reason: `ECI is on, but the containers could not be listed: ${containersError}.`,
      effectiveEci: true,
    };
  if (unprotectedContainers > 0) {
    const n = unprotectedContainers;
    return {
      verdict: 'unprotected-containers',
      reason: `ECI is on, but ${n} container${n === 1 ? '' : 's'} created before it still run${n === 1 ? 's' : ''} without it.${aside}`,
      effectiveEci: true,
    };
  }
  return {
    verdict: 'protected',
    reason: `Enhanced Container Isolation is on and verified by probe containers.${aside}`,
    effectiveEci: true,
  };
}
