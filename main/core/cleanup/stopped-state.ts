// What identifies a container as the cleanup stopped it: when it last started and stopped and the
// size of its writable layer. It is journaled once the container is stopped, and checked again
// before the container is removed and when a cleanup resumes: a container started again meanwhile
// (by its restart policy when Docker Desktop was quit and reopened, or by someone) may have written
// what no snapshot or re-created container holds, so it is never removed then.

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
    sizeRw: typeof info.SizeRw === 'number' ? info.SizeRw : null,
  };
}

/**
 * Why the container is no longer as it was stopped, in words, or null when it is (it exists, is
 * stopped, has not run since and its writable layer has the same size). Pure.
 */
export function changeSinceStopped(recorded: StoppedState, info: Inspected | null): string | null {
  if (!info) return 'it no longer exists';
  if (!isStopped(info))
    return 'it is running again since the cleanup stopped it (a restart policy, or someone started it), and may have written since';
  if (
    String(info.State.StartedAt ?? '') !== recorded.startedAt ||
    String(info.State.FinishedAt ?? '') !== recorded.finishedAt
  ) {
    return 'it was started again since the cleanup stopped it (a restart policy, or someone started it), and may have written since';
  }
  const size = typeof info.SizeRw === 'number' ? info.SizeRw : null;
  if (recorded.sizeRw !== null && size !== recorded.sizeRw)
    return `its writable layer changed since the cleanup stopped it (${recorded.sizeRw} bytes then, ${size ?? 'unknown'} now)`;
  return null;
}

// The checks against the engine, for apply.ts.

/** The original as it is now, to journal: it must exist and be stopped. */
export async function stoppedNow(client: EngineClient, item: PlanItem): Promise<StoppedState> {
  const info = await client.inspectContainer(item.containerId, true);
  if (!info) throw new Error('the original container is gone');
  return stoppedStateOf(info);
}

/** Throws unless the original is as the cleanup stopped it (or already removed by this cleanup's own removal). */
export async function unchangedSinceStopped(
  client: EngineClient,
  item: PlanItem,
  stopped: StoppedState,
  removeStartedBefore: boolean,
): Promise<void> {
  const info = await client.inspectContainer(item.containerId, true);
  if (!info && removeStartedBefore) return;
  const change = changeSinceStopped(stopped, info);
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
  const info = await client.inspectContainer(item.containerId, true);
  if (!info && removeStartedBefore) return null;
  return changeSinceStopped(stopped, info);
}
