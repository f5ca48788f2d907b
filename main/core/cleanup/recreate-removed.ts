// Creating again, under ECI, a container that was removed earlier (from the configuration kept
// when it was removed). Refuses when the name is taken or when the configuration cannot run
// under ECI (the caller verifies ECI is in effect, freshly, first). Networks the new container is
// already on (its primary one, the default bridge) are not connected twice. All or nothing: if a
// network connection or the start fails, the new container is removed again, so the name is free
// for another try and no half-made container is left.

import type Docker from 'dockerode';
import type { EngineClient } from '../engine/engine-client';
import { errorText } from '../error-text';
import { eciBlocker, type RecreateSpec } from './recreate-spec';

export async function recreateRemoved(
  client: EngineClient,
  spec: RecreateSpec,
  start: boolean,
  socketAllowList: string[],
): Promise<string> {
  const blocker = eciBlocker(
    { Config: spec.create, HostConfig: spec.create.HostConfig } as unknown as Docker.ContainerInspectInfo,
    socketAllowList,
  );
  if (blocker) throw new Error(`${spec.name} cannot run under ECI: ${blocker}`);
  if (await client.inspectContainer(spec.name)) throw new Error(`a container named ${spec.name} already exists`);
  const id = await client.createContainer({ ...spec.create, name: spec.name });
  try {
    const on = Object.keys((await client.inspectContainer(id))?.NetworkSettings?.Networks ?? {});
    for (const n of spec.connect) if (!on.includes(n.network)) await client.connectNetwork(n.network, id, n.endpoint);
    if (start) await client.startContainer(id);
  } catch (err) {
    await client.removeContainer(id, 30_000, true).catch(() => undefined);
    throw new Error(`${spec.name} could not be re-created (${errorText(err)}); the new container was removed again`, {
      cause: err,
    });
  }
  return id;
}
