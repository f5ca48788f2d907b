// What identifies a container as the cleanup stopped it: when it last started and stopped and the
// size of its writable layer. It is journaled once the container is stopped, and checked again
// before the container is removed and when a cleanup resumes: a container started again meanwhile
// (by its restart policy when Docker Desktop was quit and reopened, or by someone) may have written
// what no snapshot or re-created container holds, so it is never removed then.

import { setTimeout as sleep } from 'node:timers/promises';
import type Docker from 'dockerode';
import type { EngineClient } from '../engine/engine-client';
import type { PlanItem } from './plan';

export interface StoppedState {
  startedAt: string;
  finishedAt: string;
  /** Bytes in the writable layer (inspect with size), or null when the engine did not say. */
  sizeRw: number | null;
}

type Inspected = Docker.ContainerInspectInfo & { SizeRw?: number };

/**
 * dockerd answers SizeRw -1 when its storage driver could not measure the writable layer (moby's
 * GetContainerLayerSize: "Driver couldn't return diff size"), as happens for a moment after the
 * engine restarts: not a size, and not a change either.
 */
const UNMEASURED = -1;
/** About a second in all: after the engine is killed and started again, -1 can also stay for good. */
export const MEASURE_TRIES = 5;
const MEASURE_PAUSE_MS = 250;

const unmeasured = (info: Inspected): boolean => info.SizeRw === UNMEASURED;
/** The writable layer's size, or null when the engine gave none or could not measure it. */
const sizeOf = (info: Inspected): number | null =>
  typeof info.SizeRw === 'number' && info.SizeRw >= 0 ? info.SizeRw : null;

/** Whether the container is running, restarting or paused: not stopped. Pure. */
export function isStopped(info: Inspected): boolean {
  const s = info.State;
  return !!s && !s.Running && !s.Restarting && !s.Paused;
}

/** The state to journal, from an inspect with size (throws when the container is not stopped). Pure. */
export function stoppedStateOf(info: Inspected): StoppedState {
  if (!isStopped(info))
    throw new Error(
      `${info.Name.replace(/^\//, '')} is running again right after it was stopped (a restart policy, or someone started it)`,
    );
  return {
    startedAt: String(info.State.StartedAt ?? ''),
    finishedAt: String(info.State.FinishedAt ?? ''),
    sizeRw: sizeOf(info),
  };
}

/**
 * Why the container is no longer as it was stopped, in words, or null when it is (it exists, is
 * stopped, has not run since and its writable layer has the same size). Pure.
 */
export function changeSinceStopped(
  recorded: StoppedState,
  info: Inspected | null,
  removeStarted = false,
): string | null {
  if (!info) return 'it no longer exists';
  if (!isStopped(info))
    return 'it is running again since the cleanup stopped it (a restart policy, or someone started it), and may have written since';
  if (
    String(info.State.StartedAt ?? '') !== recorded.startedAt ||
    String(info.State.FinishedAt ?? '') !== recorded.finishedAt
  ) {
    return 'it was started again since the cleanup stopped it (a restart policy, or someone started it), and may have written since';
  }
  if (recorded.sizeRw === null) return null;
  // The confirmed removal had begun when the run stopped (after its replacement was checked), and
  // the engine now cannot measure the layer or marks the container dead: it was deleting it. A
  // half-deleted original cannot be kept as it was; putting it back would drop the replacement too.
  if (removeStarted && (unmeasured(info) || info.State?.Dead === true)) return null;
  if (unmeasured(info))
    return `the engine cannot measure its writable layer now (it answers ${UNMEASURED}), so it cannot be told unchanged since the cleanup stopped it`;
  const size = sizeOf(info);
  if (size !== recorded.sizeRw)
    return `its writable layer changed since the cleanup stopped it (${recorded.sizeRw} bytes then, ${size ?? 'unknown'} now)`;
  return null;
}

// The checks against the engine, for apply.ts.

/** Inspect with size, asked again (up to MEASURE_TRIES times, 250 ms apart) while the engine cannot measure the layer. */
async function inspectMeasured(client: EngineClient, item: PlanItem): Promise<Inspected | null> {
  for (let attempt = 1; ; attempt++) {
    const info = await client.inspectContainer(item.containerId, true);
    if (!info || !unmeasured(info) || attempt >= MEASURE_TRIES) return info;
    await sleep(MEASURE_PAUSE_MS);
  }
}

/**
 * A layer that was empty when stopped, and in which the engine now lists no change, is still
 * empty whatever its size answer (a write would be listed): the inspect, with that size.
 */
async function withEmptyLayerSeen(
  client: EngineClient,
  item: PlanItem,
  recorded: StoppedState,
  info: Inspected | null,
): Promise<Inspected | null> {
  if (!info || !unmeasured(info) || recorded.sizeRw !== 0) return info;
  const changes = await client.containerChanges(item.containerId).catch(() => null);
  return changes !== null && changes.length === 0 ? { ...info, SizeRw: 0 } : info;
}

/** The original as it is now, to journal: it must exist, be stopped and have its layer measured. */
export async function stoppedNow(client: EngineClient, item: PlanItem): Promise<StoppedState> {
  const info = await inspectMeasured(client, item);
  if (!info) throw new Error('the original container is gone');
  if (unmeasured(info))
    throw new Error(
      `the engine cannot measure its writable layer (it answers ${UNMEASURED}), so a later change could not be told; it is kept`,
    );
  return stoppedStateOf(info);
}

/** Throws unless the original is as the cleanup stopped it (or already removed by this cleanup's own removal). */
export async function unchangedSinceStopped(
  client: EngineClient,
  item: PlanItem,
  stopped: StoppedState,
  removeStartedBefore: boolean,
): Promise<void> {
  const info = await withEmptyLayerSeen(client, item, stopped, await inspectMeasured(client, item));
  if (!info && removeStartedBefore) return;
  const change = changeSinceStopped(stopped, info, removeStartedBefore);
  if (change) throw new Error(`${change}; it was not removed`);
}

/** Why a resumed item must be put back instead of continued, or null. */
export async function resumeProblem(
  client: EngineClient,
  item: PlanItem,
  stopped: StoppedState | undefined,
  eciEffective: boolean,
  removeStartedBefore: boolean,
): Promise<string | null> {
  if (item.strategy === 'recreate' && !eciEffective)
    return 'ECI is not verified in effect now, so a re-created container would still run without it';
  if (!stopped) return null; // not stopped yet: the next step records it
  const info = await withEmptyLayerSeen(client, item, stopped, await inspectMeasured(client, item));
  if (!info && removeStartedBefore) return null;
  return changeSinceStopped(stopped, info, removeStartedBefore);
}
