// The audit of containers that run (or would run) outside ECI. One list call (with writable-layer
// sizes) per audit; inspect data is cached by container id, since everything the audit takes from
// it is fixed at creation. A re-audit with nothing new makes no inspect call.

import type Docker from 'dockerode';
import { InspectCache, inspectUserContainers, splitOutsideEci } from '../verify/containers';
import type { ContainerListEntry, EngineClient } from '../engine/engine-client';
import { UNKNOWN_DESKTOP_CONTEXT, type DesktopContext } from '../verify/desktop-owned';
import type { Audit, AuditedContainer } from './audit-model';
import { describeContainer, groupByProject } from './describe-container';

/**
 * The image a container was created from still goes by the name it was created with when the
 * engine lists that name; once the tag is gone (or moved to another image) it lists the image id.
 */
export function imageNameStillResolves(entry: ContainerListEntry): boolean {
  return !!entry.Image && !entry.Image.startsWith('sha256:') && !/^[0-9a-f]{64}$/.test(entry.Image);
}

/** A fresh look at one container (inspect with size): what the apply step re-checks. */
export async function auditOne(
  client: EngineClient,
  id: string,
): Promise<{ audited: AuditedContainer; info: Docker.ContainerInspectInfo } | null> {
  const info = await client.inspectContainer(id, true);
  if (!info) return null;
  const configImage = info.Config?.Image ?? '';
  const resolves =
    !!configImage && !configImage.startsWith('sha256:') && (await client.imageId(configImage)) === info.Image;
  const entry: ContainerListEntry = {
    Id: info.Id,
    Names: [info.Name],
    Image: resolves ? configImage : info.Image,
    ImageID: info.Image,
    State: info.State?.Status ?? 'unknown',
    Created: Math.floor(Date.parse(info.Created) / 1000),
    Labels: info.Config?.Labels ?? {},
    ...(typeof info.SizeRw === 'number' ? { SizeRw: info.SizeRw } : {}),
  };
  return { audited: describeContainer(entry, info, resolves), info };
}

const auditedOf = (entry: ContainerListEntry, info: Docker.ContainerInspectInfo): AuditedContainer =>
  describeContainer(entry, info, imageNameStillResolves(entry));

export class Auditor {
  constructor(
    private readonly client: EngineClient,
    private readonly cache: InspectCache = new InspectCache(),
  ) {}

  /** `desktop`: what Desktop's settings say, which corroborates that a container is Desktop's own. */
  async audit(desktop: DesktopContext = UNKNOWN_DESKTOP_CONTEXT): Promise<Audit> {
    const before = new Map(this.client.calls);
    const inspected = await inspectUserContainers(this.client, this.cache, true);
    const { list: containers, uncovered } = splitOutsideEci<AuditedContainer>(inspected, desktop, auditedOf);
    const apiCalls: Record<string, number> = {};
    for (const [op, n] of this.client.calls) {
      const made = n - (before.get(op) ?? 0);
      if (made > 0) apiCalls[op] = made;
    }
    return { auditedAt: new Date().toISOString(), containers, groups: groupByProject(containers), uncovered, apiCalls };
  }

  /** Cached inspect data for a container the last audit saw (for planning its re-creation). */
  inspectOf(id: string): Docker.ContainerInspectInfo | undefined {
    return this.cache.get(id);
  }
}
