// The four checks from Docker's docs, run with real probe containers, concurrently:
//   1. uid_map of a probe container       2. its HostConfig.Runtime
//   3. sharing the host PID namespace     4. mounting the Docker socket
// Probe containers have no network, carry our label, never start with the socket mounted, and
// are removed in every path.

import type Docker from 'dockerode';
import type { EngineClient } from './engine-client';
import { EngineError } from './engine-errors';
import { hostPidCheck, runtimeCheck, socketMountCheck, uidMapCheck, type Attempt } from './evidence';
import { isAllowListed } from './image-patterns';
import type { Check } from './model';
import { probeLabels, trackProbe, untrackProbe } from './probe-containers';

export const DEFAULT_PROBE_IMAGE = 'alpine:latest';
/** The Docker socket path inside Docker Desktop's VM, as the docs' manual check mounts it. */
export const DOCKER_SOCKET_PATH = '/var/run/docker.sock';

export class ProbeImageUnavailable extends Error {
  override name = 'ProbeImageUnavailable';
}

export interface ProbeOptions {
  image: string;
  /** The admin socket-mount allow list, to tell an allow-listed probe image from a failure. */
  socketMountAllowList: string[];
}

/** Makes sure the probe image is present, pulling it (with a timeout) when it is not. */
export async function ensureProbeImage(client: EngineClient, image: string, pullTimeoutMs: number): Promise<void> {
  if (await client.imageExists(image)) return;
  try {
    await client.pullImage(image, pullTimeoutMs);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new ProbeImageUnavailable(`the probe image ${image} is not on this engine and could not be pulled (${why})`);
  }
}

export async function runProbe(client: EngineClient, options: ProbeOptions): Promise<Check[]> {
  const [isolation, hostPid, socket] = await Promise.all([
    probeIsolation(client, options.image),
    probeHostPid(client, options.image),
    probeSocketMount(client, options.image, isAllowListed(options.image, options.socketMountAllowList)),
  ]);
  return [...isolation, hostPid, socket];
}

function baseSpec(image: string, check: string, cmd: string[], hostConfig: Docker.HostConfig = {}): Docker.ContainerCreateOptions {
  return {
    Image: image,
    // As the entrypoint, so an image's own entrypoint or command never runs instead.
    Entrypoint: cmd,
    Labels: probeLabels(check),
    NetworkDisabled: true,
    HostConfig: { NetworkMode: 'none', AutoRemove: false, ...hostConfig },
  };
}

/** Runs `body` with a created container and removes it afterwards, whatever happened. */
async function withContainer<T>(client: EngineClient, id: string, body: () => Promise<T>): Promise<T> {
  trackProbe(id);
  try {
    return await body();
  } finally {
    // A failed removal is swept by the next verification; it must not hide the check's own result.
    await client.removeContainer(id).then(
      () => untrackProbe(id),
      () => untrackProbe(id),
    );
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function probeIsolation(client: EngineClient, image: string): Promise<Check[]> {
  let id: string;
  try {
    id = await client.createContainer(baseSpec(image, 'isolation', ['cat', '/proc/self/uid_map']));
  } catch (err) {
    const observation = `could not create the probe container: ${message(err)}`;
    return [
      { id: 'uid-map', result: 'error', observation },
      { id: 'runtime', result: 'error', observation },
    ];
  }
  return withContainer(client, id, async () => {
    const [inspect, uid] = await Promise.all([
      client.inspectContainer(id).then(
        (info) => runtimeCheck(info?.HostConfig?.Runtime),
        (err): Check => ({ id: 'runtime', result: 'error', observation: message(err) }),
      ),
      (async (): Promise<Check> => {
        try {
          await client.startContainer(id);
          const status = await client.waitContainer(id);
          const { stdout, stderr } = await client.containerOutput(id);
          if (status !== 0) return { id: 'uid-map', result: 'error', observation: `the probe exited with ${status}: ${(stderr || stdout).trim()}` };
          return uidMapCheck(stdout);
        } catch (err) {
          return { id: 'uid-map', result: 'error', observation: message(err) };
        }
      })(),
    ]);
    return [uid, inspect];
  });
}

/** An engine "no" (HTTP error) is a refusal; no answer at all is an error, not evidence. */
function refusalOrError(err: unknown): Attempt {
  if (err instanceof EngineError && err.kind === 'http') return { outcome: 'refused', message: err.engineMessage ?? err.message };
  return { outcome: 'error', message: message(err) };
}

async function probeHostPid(client: EngineClient, image: string): Promise<Check> {
  let id: string;
  try {
    id = await client.createContainer(baseSpec(image, 'host-pid', ['true'], { PidMode: 'host' }));
  } catch (err) {
    return hostPidCheck(refusalOrError(err));
  }
  return withContainer(client, id, async () => {
    try {
      await client.startContainer(id);
      return hostPidCheck({ outcome: 'allowed', detail: 'a container started sharing the host PID namespace' });
    } catch (err) {
      return hostPidCheck(refusalOrError(err));
    }
  });
}

/** Create only: the container is never started, so nothing ever runs with the socket. */
async function probeSocketMount(client: EngineClient, image: string, allowListed: boolean): Promise<Check> {
  let id: string;
  try {
    id = await client.createContainer(baseSpec(image, 'socket-mount', ['true'], { Binds: [`${DOCKER_SOCKET_PATH}:${DOCKER_SOCKET_PATH}`] }));
  } catch (err) {
    return socketMountCheck(refusalOrError(err), allowListed);
  }
  return withContainer(client, id, async () =>
    socketMountCheck({ outcome: 'allowed', detail: `a container mounting ${DOCKER_SOCKET_PATH} was accepted` }, allowListed),
  );
}
