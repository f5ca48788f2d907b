// Did Docker Desktop start again since the setting changed, and if ECI is still not as asked,
// why? Pure: from Desktop's processes on this host (desktop/desktop-processes.ts), when the file
// asking for the setting changed, and what the engine and the settings say.
// docs/DESKTOP-PROCESSES.md says where the processes come from and why the oldest one counts.

import type { DesktopProcesses } from '../desktop/desktop-processes';
import { compareVersions } from './identity';
import {
  isAdminSource,
  type DesiredState,
  type EngineIdentity,
  type NotAppliedCause,
  type RestartEvidence,
} from '../model';

/** ECI with the WSL 2 backend needs Docker Desktop 4.20 or later (Docker's ECI FAQ/limitations). */
export const MIN_ECI_WSL2_VERSION = '4.20.0';

export interface RestartInputs {
  /** Desktop's processes, or null when they were not read. */
  desktop: DesktopProcesses | null;
  /** When the file asking for the setting last changed (epoch ms), null when unknown. */
  changedAtMs: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function restartEvidence(i: RestartInputs): RestartEvidence {
  const base = { changedAt: iso(i.changedAtMs) };
  const d = i.desktop;
  if (!d)
    return {
      relation: 'cannot-tell',
      visible: false,
      why: "Docker Desktop's processes were not read",
      desktopStartedAt: null,
      ...base,
    };
  if (!d.visible)
    return {
      relation: 'cannot-tell',
      visible: false,
      ...(d.why ? { why: d.why } : {}),
      desktopStartedAt: null,
      ...base,
    };
  const started = d.startedAt === null ? null : Date.parse(d.startedAt);
  const evidence = { visible: true, desktopStartedAt: d.startedAt, ...base };
  if (i.changedAtMs === null)
    return { relation: 'cannot-tell', why: 'when the setting changed is not known', ...evidence };
  if (started === null || !Number.isFinite(started))
    return { relation: 'cannot-tell', why: 'no Docker Desktop process runs for this user', ...evidence };
  if (started > i.changedAtMs) return { relation: 'started-after-change', ...evidence };
  return { relation: 'started-before-change', ...evidence };
}

/** The WSL 2 backend, told by the engine's kernel. */
export const onWsl2 = (engine: EngineIdentity): boolean => /microsoft-standard-WSL2/i.test(engine.kernelVersion ?? '');

/** Why a setting did not apply although Desktop started after it changed: the first cause the evidence shows. */
export function notAppliedCause(i: {
  desired: DesiredState;
  contested: boolean;
  signedIn: boolean | null | undefined;
  engine: EngineIdentity;
  wantsEci: boolean | null;
}): NotAppliedCause {
  if (i.contested) return 'user-value-wins';
  const admin = isAdminSource(i.desired.source);
  if (admin && i.signedIn === false) return 'not-signed-in';
  if (
    i.wantsEci === true &&
    onWsl2(i.engine) &&
    !!i.engine.version &&
    compareVersions(i.engine.version, MIN_ECI_WSL2_VERSION) < 0
  )
    return 'too-old-for-backend';
  return 'unknown';
}
