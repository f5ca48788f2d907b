// Probe containers are ours alone: labelled so they are never mistaken for the user's, removed
// in every path, and swept when a crashed run left one behind.

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EngineClient } from '../engine/engine-client';

export const PROBE_LABEL = 'com.eci-tray.probe';
export const PROBE_OWNER_LABEL = 'com.eci-tray.probe.owner';
/** One verification's probes share a run id: a sweep can tell them from leftovers of this process. */
export const PROBE_RUN_LABEL = 'com.eci-tray.probe.run';

/** A probe older than this cannot belong to a run still in progress. */
export const PROBE_MAX_AGE_MS = 5 * 60_000;

/** Probe containers this process has created and not yet removed: never swept from under a run. */
const inFlight = new Set<string>();

/**
 * Verifications of this process still under way. A sweep's list can be answered after the engine
 * made a probe and before its create's answer (its id) arrives here: the run id spares it.
 */
const activeRuns = new Set<string>();

/** Runs `body` as one verification: its probes carry the run id, spared by every sweep until it ends. */
export async function withProbeRun<T>(body: (run: string) => Promise<T>): Promise<T> {
  const run = randomUUID();
  activeRuns.add(run);
  try {
    return await body(run);
  } finally {
    activeRuns.delete(run);
  }
}

export function trackProbe(id: string): void {
  inFlight.add(id);
}

export function untrackProbe(id: string): void {
  inFlight.delete(id);
}

export function probeLabels(check: string, run: string): Record<string, string> {
  return { [PROBE_LABEL]: check, [PROBE_OWNER_LABEL]: `${hostname()}:${process.pid}`, [PROBE_RUN_LABEL]: run };
}

export function isProbe(labels: Record<string, string> | undefined): boolean {
  return !!labels && PROBE_LABEL in labels;
}

function ownerAlive(owner: string | undefined): boolean {
  if (!owner) return false;
  const sep = owner.lastIndexOf(':');
  const host = owner.slice(0, sep);
  const pid = Number(owner.slice(sep + 1));
  if (host !== hostname()) return true; // another machine's probe: only age can retire it
  if (pid === process.pid) return false; // ours: those of a run under way are spared by the caller
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes probe containers left behind: by a run that died (its owner process is gone), by this
 * process when a removal failed (e.g. the engine went away mid-probe), and any older than
 * PROBE_MAX_AGE_MS. Probes of a run under way here, or of a live concurrent process, are left alone.
 * Returns the ids removed.
 */
export async function sweepLeftoverProbes(client: EngineClient, now = Date.now()): Promise<string[]> {
  const probes = await client.listContainers({ label: [PROBE_LABEL] });
  const stale = probes.filter(
    (c) =>
      !inFlight.has(c.Id) &&
      !activeRuns.has(c.Labels[PROBE_RUN_LABEL] ?? '') &&
      (!ownerAlive(c.Labels[PROBE_OWNER_LABEL]) || now - c.Created * 1000 > PROBE_MAX_AGE_MS),
  );
  const removed: string[] = [];
  await Promise.all(
    stale.map(async (c) => {
      try {
        await client.removeContainer(c.Id, undefined, true, true);
        removed.push(c.Id);
      } catch {
        // The next sweep will try again; a sweep failure must not fail the check.
      }
    }),
  );
  return removed;
}
