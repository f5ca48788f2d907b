// How to create a new container with the same configuration as an old one, so it runs under
// ECI: the old container's Config and HostConfig, without the runtime it was pinned to, with its
// anonymous volumes re-attached by name, on the same networks. And why some containers cannot be
// re-created under ECI at all. Pure.

import type Docker from 'dockerode';
import { isAllowListed } from '../settings/image-patterns';
import { isAnonymousVolumeName } from './describe-container';

export interface RecreateSpec {
  name: string;
  create: Docker.ContainerCreateOptions;
  /** Networks to connect after creation (the engine takes only one at create time). */
  connect: Array<{ network: string; endpoint: Record<string, unknown> }>;
}

/** Why the container cannot run under ECI as configured, or null when it can. */
export function eciBlocker(info: Docker.ContainerInspectInfo, socketAllowList: string[]): string | null {
  const hc = (info.HostConfig ?? {}) as Record<string, unknown>;
  const shared = (['PidMode', 'IpcMode', 'UTSMode', 'UsernsMode'] as const)
    .filter((k) => hc[k] === 'host')
    .map((k) => k.replace('Mode', '').toLowerCase());
  if (hc['NetworkMode'] === 'host') shared.unshift('network');
  if (shared.length)
    return `it shares the host's ${shared.join(', ')} namespace${shared.length > 1 ? 's' : ''}, which ECI refuses`;
  if (typeof hc['NetworkMode'] === 'string' && hc['NetworkMode'].startsWith('container:')) {
    return "it shares another container's network namespace; re-create the pair by hand (or with Compose)";
  }
  const sources = [
    ...((hc['Binds'] as string[] | null) ?? []).map((b) => b.split(':')[0] ?? ''),
    ...((hc['Mounts'] as Array<{ Type?: string; Source?: string }> | null) ?? [])
      .filter((m) => m.Type === 'bind')
      .map((m) => m.Source ?? ''),
  ];
  const image = info.Config?.Image ?? '';
  if (sources.some((src) => /(^|\/)docker\.sock$/.test(src)) && !isAllowListed(image, socketAllowList)) {
    return 'it mounts the Docker socket and its image is not on the admin allow list, which ECI refuses';
  }
  return null;
}

/** Aliases the engine adds by itself (the short id) are not configuration. */
function userAliases(aliases: string[] | null | undefined, id: string): string[] | undefined {
  const own = (aliases ?? []).filter((a) => !id.startsWith(a));
  return own.length ? own : undefined;
}

function endpointConfig(ep: Record<string, unknown> | undefined, id: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const aliases = userAliases(ep?.['Aliases'] as string[] | undefined, id);
  if (aliases) out['Aliases'] = aliases;
  const ipam = ep?.['IPAMConfig'] as Record<string, unknown> | null | undefined;
  if (ipam && Object.values(ipam).some((v) => v)) out['IPAMConfig'] = ipam;
  const links = ep?.['Links'] as string[] | null | undefined;
  if (links?.length) out['Links'] = links;
  return out;
}

export function recreateSpec(info: Docker.ContainerInspectInfo, image: string): RecreateSpec {
  const id = info.Id;
  const config = { ...(info.Config as unknown as Record<string, unknown>) };
  // Set by the engine from the id unless the user chose one.
  if (config['Hostname'] === id.slice(0, 12)) delete config['Hostname'];
  for (const k of ['AttachStdin', 'AttachStdout', 'AttachStderr']) delete config[k];
  config['Image'] = image;

  const hostConfig = { ...(info.HostConfig as unknown as Record<string, unknown>) };
  // Pinned at creation: without it the new container gets the engine's default, sysbox-runc under ECI.
  delete hostConfig['Runtime'];
  delete hostConfig['ContainerIDFile'];

  // Anonymous volumes are re-attached by name: their data stays with the new container.
  const anonymous = (info.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name && isAnonymousVolumeName(m.Name));
  if (anonymous.length) {
    const targets = new Set(anonymous.map((m) => m.Destination));
    const mounts = ((hostConfig['Mounts'] as Array<Record<string, unknown>> | null) ?? []).filter(
      (m) => !(targets.has(m['Target'] as string) && !m['Source']),
    );
    for (const m of anonymous)
      mounts.push({ Type: 'volume', Source: m.Name, Target: m.Destination, ReadOnly: m.RW === false });
    hostConfig['Mounts'] = mounts;
  }

  const networks = (info.NetworkSettings?.Networks ?? {}) as Record<string, Record<string, unknown>>;
  const mode = typeof hostConfig['NetworkMode'] === 'string' ? hostConfig['NetworkMode'] : 'default';
  const primary = networks[mode] ? mode : null;
  const create: Docker.ContainerCreateOptions = {
    ...(config as Docker.ContainerCreateOptions),
    HostConfig: hostConfig as Docker.HostConfig,
    ...(primary ? { NetworkingConfig: { EndpointsConfig: { [primary]: endpointConfig(networks[primary], id) } } } : {}),
  };
  // Older engines store NetworkMode "default" for the default bridge: the new container is on it
  // by creation, and connecting it again would fail.
  const implicit = mode === 'default' ? 'bridge' : mode;
  const connect = Object.keys(networks)
    .filter((n) => n !== primary && n !== mode && n !== implicit && !['none', 'host'].includes(n))
    .sort()
    .map((network) => ({ network, endpoint: endpointConfig(networks[network], id) }));
  return { name: (info.Name || '').replace(/^\//, ''), create, connect };
}
