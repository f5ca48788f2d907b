// One step of a cleanup, run so that running it twice does nothing more: each step first looks
// for its effect (a resumed cleanup), recognised by this plan's labels, never by name or time.

import type { EciChecker } from '../verify/check';
import type { EngineClient } from '../engine/engine-client';
import { isOwned, ownershipLabels } from './ownership';
import type { PlanItem, StepAction } from './plan';
import type { RecreateSpec } from './recreate-spec';
import { verifySnapshot } from './verify-snapshot';

/** The step as the progress line says it. */
export function describeStep(action: StepAction, target: string | undefined, strategy: PlanItem['strategy']): string {
  switch (action) {
    case 'stop':
      return 'stopping';
    case 'snapshot':
      return `saving its filesystem as ${target}`;
    case 'verify-snapshot':
      return `checking that ${target} holds every file it wrote`;
    case 'rename-old':
      return `renaming it to ${target} until the new container runs`;
    case 'remove':
      return strategy === 'recreate'
        ? 'removing the old container (volumes are kept)'
        : 'removing the container (volumes are kept)';
    case 'create':
      return `creating it again from ${target}`;
    case 'connect-network':
      return `connecting it to network ${target}`;
    case 'start':
      return 'starting it';
  }
}

/** The new container of an item: at its name, and made by this plan from this container (by label). */
async function newContainerOf(
  client: EngineClient,
  planId: string,
  item: PlanItem,
  spec: RecreateSpec | null,
  newId: string | undefined,
): Promise<string> {
  const info = await client.inspectContainer(newId ?? spec?.name ?? item.name);
  if (!info || info.Id === item.containerId || !isOwned(info.Config?.Labels, planId, item.containerId, 'create'))
    throw new Error('the new container is missing');
  return info.Id;
}

/**
 * Runs one step. Every step first checks whether its effect is already there (a resumed
 * cleanup), so nothing is done twice; what is "already there" is recognised by this plan's
 * labels, never by name or time. Returns the new container's id for `create`.
 */
export async function runStep(
  checker: EciChecker,
  planId: string,
  item: PlanItem,
  action: StepAction,
  target: string | undefined,
  spec: RecreateSpec | null,
  newId: string | undefined,
): Promise<string | undefined> {
  const client = checker.engine();
  switch (action) {
    case 'stop':
      if (await client.inspectContainer(item.containerId)) await client.stopContainer(item.containerId);
      return undefined;
    case 'snapshot': {
      if (!target) throw new Error('no snapshot tag');
      const existing = await client.imageSummary(target);
      if (existing) {
        if (isOwned(existing.labels, planId, item.containerId)) return undefined;
        throw new Error(`an image ${target} already exists and was not made by this cleanup from ${item.name}`);
      }
      const { repo, tag } = splitRef(target);
      await client.commitContainer(
        item.containerId,
        repo,
        tag,
        `ECI Tray snapshot of ${item.name} (${item.containerId.slice(0, 12)}) before cleanup`,
        ownershipLabels(planId, 'snapshot', item.containerId),
      );
      return undefined;
    }
    case 'verify-snapshot': {
      if (!target) throw new Error('no snapshot tag');
      const old = await client.inspectContainer(item.containerId);
      if (!old) throw new Error('the original container is gone');
      const check = await verifySnapshot(client, {
        planId,
        sourceId: item.containerId,
        image: target,
        mountDestinations: (old.Mounts ?? []).map((m) => m.Destination),
        writableLayerBytes: item.writableLayerBytes,
      });
      if (!check.ok)
        throw new Error(`the snapshot ${target} does not hold what the container wrote: ${check.problems.join('; ')}`);
      return undefined;
    }
    case 'rename-old': {
      if (!target) throw new Error('no name to move the old container to');
      const old = await client.inspectContainer(item.containerId);
      if (!old) throw new Error('the original container is gone');
      if (old.Name.replace(/^\//, '') === target) return undefined;
      const taken = await client.inspectContainer(target);
      if (taken) throw new Error(`a container named ${target} already exists (${taken.Id.slice(0, 12)})`);
      await client.renameContainer(item.containerId, target);
      return undefined;
    }
    case 'remove':
      // Its replacement is looked at again first: a resumed cleanup may find it gone (removed by
      // someone meanwhile); the original is then put back, never removed with nothing in its place.
      if (item.steps.some((st) => st.action === 'create')) await newContainerOf(client, planId, item, spec, newId);
      // Never forced: a container started again after the check above is refused by the engine.
      await client.removeContainer(item.containerId, 30_000, false);
      return undefined;
    case 'create': {
      if (!spec) throw new Error('no configuration recorded for the new container');
      const existing = await client.inspectContainer(spec.name);
      if (existing) {
        // Made by this cleanup before it was interrupted? Then it is ours; otherwise do not touch it.
        if (existing.Id !== item.containerId && isOwned(existing.Config?.Labels, planId, item.containerId, 'create'))
          return existing.Id;
        throw new Error(`a container named ${spec.name} already exists (${existing.Id.slice(0, 12)})`);
      }
      const labels = { ...(spec.create.Labels ?? {}), ...ownershipLabels(planId, 'create', item.containerId) };
      return client.createContainer({ ...spec.create, Labels: labels, name: spec.name });
    }
    case 'connect-network': {
      const id = await newContainerOf(client, planId, item, spec, newId);
      if (!target) throw new Error('no network');
      const info = await client.inspectContainer(id);
      if (info && target in (info.NetworkSettings?.Networks ?? {})) return undefined;
      await client.connectNetwork(target, id, spec?.connect.find((c) => c.network === target)?.endpoint ?? {});
      return undefined;
    }
    case 'start': {
      const id = await newContainerOf(client, planId, item, spec, newId);
      const info = await client.inspectContainer(id);
      if (info?.State?.Running) return undefined;
      await client.startContainer(id);
      return undefined;
    }
  }
}

function splitRef(ref: string): { repo: string; tag: string } {
  const i = ref.lastIndexOf(':');
  return i > ref.lastIndexOf('/') ? { repo: ref.slice(0, i), tag: ref.slice(i + 1) } : { repo: ref, tag: 'latest' };
}
