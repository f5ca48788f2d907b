// Creating again, under ECI, a container that was removed earlier (from the configuration kept
// when it was removed). Refuses when ECI is not in effect, when the name is taken, or when the
// configuration cannot run under ECI.

import type Docker from 'dockerode';
import type { EngineClient } from '../engine-client';
import { eciBlocker, type RecreateSpec } from './recreate-spec';

export async function recreateRemoved(client: EngineClient, spec: RecreateSpec, start: boolean, socketAllowList: string[]): Promise<string> {
  const blocker = eciBlocker({ Config: spec.create, HostConfig: spec.create.HostConfig } as unknown as Docker.ContainerInspectInfo, socketAllowList);
  if (blocker) throw new Error(`${spec.name} cannot run under ECI: ${blocker}`);
  if (await client.inspectContainer(spec.name)) throw new Error(`a container named ${spec.name} already exists`);
  const id = await client.createContainer({ ...spec.create, name: spec.name });
  for (const n of spec.connect) await client.connectNetwork(n.network, id, n.endpoint);
  if (start) await client.startContainer(id);
  return id;
}
