// From engine inspect data to an AuditedContainer, and the grouping by Compose project. Pure.

import type Docker from 'dockerode';
import type { ContainerListEntry } from '../engine/engine-client';
import { runtimeOf } from '../verify/containers';
import type { AuditedContainer, AuditGroup, BindMount, ComposeInfo, PortBinding, VolumeMount } from './audit-model';

export const COMPOSE_PROJECT = 'com.docker.compose.project';
export const COMPOSE_SERVICE = 'com.docker.compose.service';
const COMPOSE_WORKDIR = 'com.docker.compose.project.working_dir';
const COMPOSE_FILES = 'com.docker.compose.project.config_files';

/** Docker names anonymous volumes with 64 hex characters. */
export function isAnonymousVolumeName(name: string): boolean {
  return /^[0-9a-f]{64}$/.test(name);
}

export function composeInfo(labels: Record<string, string> | undefined): ComposeInfo | null {
  const project = labels?.[COMPOSE_PROJECT];
  if (!project) return null;
  return {
    project,
    service: labels?.[COMPOSE_SERVICE] ?? '',
    workingDir: labels?.[COMPOSE_WORKDIR] ?? null,
    configFiles: (labels?.[COMPOSE_FILES] ?? '').split(',').filter(Boolean),
  };
}

function ports(info: Docker.ContainerInspectInfo): PortBinding[] {
  const out: PortBinding[] = [];
  const bindings = (info.HostConfig?.PortBindings ?? {}) as Record<
    string,
    Array<{ HostIp?: string; HostPort?: string }> | null
  >;
  for (const [containerPort, list] of Object.entries(bindings)) {
    for (const b of list ?? []) out.push({ containerPort, hostIp: b.HostIp ?? '', hostPort: b.HostPort ?? '' });
  }
  return out.sort((a, b) => a.containerPort.localeCompare(b.containerPort) || a.hostPort.localeCompare(b.hostPort));
}

export function describeContainer(
  entry: ContainerListEntry,
  info: Docker.ContainerInspectInfo,
  imageExists: boolean,
): AuditedContainer {
  const namedVolumes: VolumeMount[] = [];
  const anonymousVolumes: VolumeMount[] = [];
  const bindMounts: BindMount[] = [];
  for (const m of info.Mounts ?? []) {
    const readOnly = m.RW === false;
    if (m.Type === 'volume' && m.Name)
      (isAnonymousVolumeName(m.Name) ? anonymousVolumes : namedVolumes).push({
        name: m.Name,
        destination: m.Destination,
        readOnly,
      });
    else if (m.Type === 'bind') bindMounts.push({ source: m.Source, destination: m.Destination, readOnly });
  }
  const restart = info.HostConfig?.RestartPolicy;
  return {
    id: info.Id,
    name: (info.Name || entry.Names[0] || info.Id.slice(0, 12)).replace(/^\//, ''),
    image: info.Config?.Image || entry.Image,
    imageId: info.Image,
    imageExists,
    state: entry.State,
    created: info.Created,
    runtime: runtimeOf(info),
    restartPolicy: { name: restart?.Name || 'no', maximumRetryCount: restart?.MaximumRetryCount ?? 0 },
    ports: ports(info),
    networks: Object.keys(info.NetworkSettings?.Networks ?? {}).sort(),
    namedVolumes,
    anonymousVolumes,
    bindMounts,
    writableLayerBytes: entry.SizeRw ?? 0,
    compose: composeInfo(info.Config?.Labels),
  };
}

/** Compose projects first (alphabetically), then the containers outside Compose. */
export function groupByProject(containers: AuditedContainer[]): AuditGroup[] {
  const groups = new Map<string | null, AuditedContainer[]>();
  for (const c of containers) {
    const key = c.compose?.project ?? null;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([project, list]) => ({ project, containers: list.sort((x, y) => x.name.localeCompare(y.name)) }));
}
