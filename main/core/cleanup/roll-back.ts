// Putting an item back as it was when a step before the final removal failed, or when a resumed
// item must not go on (the original ran again, ECI is no longer verified). Safe to run again: a
// rollback interrupted or failed is finished by the next resume.

import type { EngineClient } from '../engine/engine-client';
import { isOwned } from './ownership';
import type { PlanItem } from './plan';
import type { RecreateSpec } from './recreate-spec';
import { removeVerifyContainers } from './verify-snapshot';

/** Nothing to put back: the original container no longer exists. */
export class OriginalGoneError extends Error {
  override name = 'OriginalGoneError';
}

/**
 * Puts an item back as it was before its first step: the new container (ours by label) and any
 * verification container removed, the old container under its own name again, started if it
 * was running, and this plan's snapshot of it deleted. Safe to run again after a crash.
 */
export async function rollBack(
  client: EngineClient,
  planId: string,
  item: PlanItem,
  spec: RecreateSpec | null,
): Promise<string> {
  const done: string[] = [];
  const name = spec?.name ?? item.name;
  await removeVerifyContainers(client, planId, item.containerId);
  // The original first: without it, the new container (and the snapshot) may be all that is left.
  const old = await client.inspectContainer(item.containerId);
  if (!old)
    throw new OriginalGoneError(
      `the original container ${item.containerId.slice(0, 12)} is gone; what the cleanup made of it is kept`,
    );
  const atName = await client.inspectContainer(name);
  if (atName && atName.Id !== item.containerId && isOwned(atName.Config?.Labels, planId, item.containerId, 'create')) {
    await client.removeContainer(atName.Id, 30_000, true);
    done.push('the new container was removed');
  }
  if (old.Name.replace(/^\//, '') !== name) await client.renameContainer(item.containerId, name);
  if (item.wasRunning && !old.State?.Running) {
    await client.startContainer(item.containerId);
    done.push('it was started again');
  }
  if (item.snapshotImage) {
    const snapshot = await client.imageSummary(item.snapshotImage);
    if (snapshot && isOwned(snapshot.labels, planId, item.containerId)) {
      await client.removeImage(item.snapshotImage);
      done.push(`the snapshot ${item.snapshotImage} was deleted`);
    }
  }
  // Follows PUT_BACK_SEPARATOR in the item's reason.
  return `${item.name} is as it was${done.length ? ` (${done.join(', ')})` : ''}`;
}
