// When the lab's Docker Desktop says no, and what a container asking for the Docker socket
// mounts. Desktop may refuse a host namespace or a socket mount when the container is created,
// or only when it is started (sysbox-runc refuses at task creation, which is `docker start`; the
// ECI docs compare socket-mount images "when containers start"): the lab plays either.

/** `create` or `start`: the moment both refusals are given. */
export type RefusalMoment = 'create' | 'start';

export interface RefusalMoments {
  namespaces: RefusalMoment;
  socketMount: RefusalMoment;
}

export function isRefusalMoment(value: unknown): value is RefusalMoment {
  return value === 'create' || value === 'start';
}

/**
 * The moments for a switch value. Without one, the lab plays what it always did: host namespaces
 * refused at start (sysbox-runc), the socket mount at create (ECI's own API check).
 */
export function refusalMoments(refuseAt: RefusalMoment | undefined): RefusalMoments {
  return refuseAt ? { namespaces: refuseAt, socketMount: refuseAt } : { namespaces: 'start', socketMount: 'create' };
}

/** Where containers mount the Docker socket from: on Desktop, the engine's own socket in its VM. */
const DESKTOP_SOCKET_PATHS = ['/var/run/docker.sock', '/run/docker.sock'];

const isSocketSource = (src: string) => /(^|\/)docker\.sock$/.test(src.trim());

function bindSource(bind: string): string {
  return bind.split(':')[0] ?? '';
}

/** Whether a create's HostConfig bind-mounts a Docker socket (`-v` or `--mount type=bind`). */
export function mountsDockerSocket(hostConfig: Record<string, unknown>): boolean {
  const binds = Array.isArray(hostConfig['Binds']) ? (hostConfig['Binds'] as unknown[]) : [];
  const mounts = Array.isArray(hostConfig['Mounts']) ? (hostConfig['Mounts'] as Array<Record<string, unknown>>) : [];
  return (
    binds.some((b) => typeof b === 'string' && isSocketSource(bindSource(b))) ||
    mounts.some((m) => m && m['Type'] === 'bind' && typeof m['Source'] === 'string' && isSocketSource(m['Source']))
  );
}

/** Drops the socket mounts (a create that Desktop will refuse at start must still be storable). */
export function withoutSocketMounts(hostConfig: Record<string, unknown>): void {
  if (Array.isArray(hostConfig['Binds']))
    hostConfig['Binds'] = (hostConfig['Binds'] as unknown[]).filter(
      (b) => !(typeof b === 'string' && isSocketSource(bindSource(b))),
    );
  if (Array.isArray(hostConfig['Mounts'])) {
    hostConfig['Mounts'] = (hostConfig['Mounts'] as Array<Record<string, unknown>>).filter(
      (m) => !(m && m['Type'] === 'bind' && typeof m['Source'] === 'string' && isSocketSource(m['Source'])),
    );
  }
}

/**
 * Points Desktop's socket path at the lab engine's socket. On Desktop that path is the engine's
 * socket inside its VM; here it does not exist on the host, and the engine would create it as a
 * folder on the host when such a container starts.
 */
export function socketSourceToEngine(hostConfig: Record<string, unknown>, engineSocket: string): void {
  if (Array.isArray(hostConfig['Binds'])) {
    hostConfig['Binds'] = (hostConfig['Binds'] as unknown[]).map((b) => {
      if (typeof b !== 'string') return b;
      const [src, ...rest] = b.split(':');
      return DESKTOP_SOCKET_PATHS.includes(src ?? '') ? [engineSocket, ...rest].join(':') : b;
    });
  }
  if (Array.isArray(hostConfig['Mounts'])) {
    for (const m of hostConfig['Mounts'] as Array<Record<string, unknown>>) {
      if (m && m['Type'] === 'bind' && DESKTOP_SOCKET_PATHS.includes(String(m['Source']))) m['Source'] = engineSocket;
    }
  }
}

/** The reverse for inspect output: the container shows the path it asked for. */
export function socketSourceFromEngine(info: Record<string, unknown>, engineSocket: string): void {
  const hc = info['HostConfig'] as Record<string, unknown> | undefined;
  if (hc && Array.isArray(hc['Binds'])) {
    hc['Binds'] = (hc['Binds'] as unknown[]).map((b) =>
      typeof b === 'string' && bindSource(b) === engineSocket
        ? ['/var/run/docker.sock', ...b.split(':').slice(1)].join(':')
        : b,
    );
  }
  for (const list of [hc?.['Mounts'], info['Mounts']]) {
    if (!Array.isArray(list)) continue;
    for (const m of list as Array<Record<string, unknown>>)
      if (m && m['Source'] === engineSocket) m['Source'] = '/var/run/docker.sock';
  }
}
