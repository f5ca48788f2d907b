// The four checks from Docker's docs, run with real probe containers, concurrently:
//   1. uid_map of a probe container       2. its HostConfig.Runtime
//   3. sharing the host PID namespace     4. mounting the Docker socket
// Probe containers have no network, carry our label and are removed in every path (with their
// anonymous volumes). The host-PID and socket-mount probes are created and then started with an
// entrypoint that exists in no image: Docker Desktop may refuse at either moment, and nothing
// ever runs in a host namespace or with the Docker socket.

import type Docker from 'dockerode';
import type { EngineClient } from '../engine/engine-client';
import { EngineError } from '../engine/engine-errors';
import { errorText } from '../error-text';
import {
  attemptFromStart,
  hostPidCheck,
  NEVER_RUNS_ENTRYPOINT,
  runtimeCheck,
  socketMountCheck,
  uidMapCheck,
  type Attempt,
} from './evidence';
import { isAllowListed } from '../settings/image-patterns';
import type { Check } from '../model';
import { probeLabels, trackProbe, untrackProbe, withProbeRun } from './probe-containers';

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
  /** Whether the engine is Docker Desktop (the socket-mount probe is started only there); may
   * still be on its way when the probe begins. Default: not Desktop. */
  engineIsDesktop?: Promise<boolean>;
}

/**
 * How long a first call may take when Docker Desktop wakes from Resource Saver: its docs give
 * 3 to 10 s for the VM to start again ("slower on Windows with Hyper-V"); 20 s leaves room on a
 * slow, busy machine. When only running containers wakes the VM, the ping answers at once and
 * the probe's create (or start) is the call that waits: they get this allowance too.
 */
export const WAKE_ALLOWANCE_MS = 20_000;

/** Makes sure the probe image is present, pulling it (with a timeout) when it is not. */
export async function ensureProbeImage(client: EngineClient, image: string, pullTimeoutMs: number): Promise<void> {
  if (await client.imageExists(image)) return;
  try {
    await client.pullImage(image, pullTimeoutMs);
  } catch (err) {
    const why = errorText(err);
    throw new ProbeImageUnavailable(`the probe image ${image} is not on this engine and could not be pulled (${why})`);
  }
}

export function runProbe(client: EngineClient, options: ProbeOptions): Promise<Check[]> {
  return withProbeRun(async (run) => {
    const [isolation, hostPid, socket] = await Promise.all([
      probeIsolation(client, options.image, run),
      probeHostPid(client, options.image, run),
      probeSocketMount(
        client,
        options.image,
        run,
        isAllowListed(options.image, options.socketMountAllowList),
        options.engineIsDesktop ?? Promise.resolve(false),
      ),
    ]);
    return [...isolation, hostPid, socket];
  });
}

function baseSpec(
  image: string,
  check: string,
  run: string,
  cmd: string[],
  hostConfig: Docker.HostConfig = {},
): Docker.ContainerCreateOptions {
  return {
    Image: image,
    // As the entrypoint, so an image's own entrypoint or command never runs instead.
    Entrypoint: cmd,
    Labels: probeLabels(check, run),
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
    await client.removeContainer(id, undefined, true, true).then(
      () => untrackProbe(id),
      () => untrackProbe(id),
    );
  }
}

async function probeIsolation(client: EngineClient, image: string, run: string): Promise<Check[]> {
  let id: string;
  try {
    id = await client.createContainer(
      baseSpec(image, 'isolation', run, ['cat', '/proc/self/uid_map']),
      WAKE_ALLOWANCE_MS,
    );
  } catch (err) {
    const observation = `could not create the probe container: ${errorText(err)}`;
    return [
      { id: 'uid-map', result: 'error', observation },
      { id: 'runtime', result: 'error', observation },
    ];
  }
  return withContainer(client, id, async () => {
    const [inspect, uid] = await Promise.all([
      client.inspectContainer(id).then(
        (info) => runtimeCheck(info?.HostConfig?.Runtime),
        (err): Check => ({ id: 'runtime', result: 'error', observation: errorText(err) }),
      ),
      (async (): Promise<Check> => {
        try {
          await client.startContainer(id, WAKE_ALLOWANCE_MS);
          const status = await client.waitContainer(id);
          const { stdout, stderr } = await client.containerOutput(id);
          if (status !== 0)
            return {
              id: 'uid-map',
              result: 'error',
              observation: `the probe exited with ${status}: ${(stderr || stdout).trim()}`,
            };
          return uidMapCheck(stdout);
        } catch (err) {
          return { id: 'uid-map', result: 'error', observation: errorText(err) };
        }
      })(),
    ]);
    return [uid, inspect];
  });
}

/** An engine "no" (HTTP error) at create is a refusal; no answer at all is an error, not evidence. */
function createRefusalOrError(err: unknown): Attempt {
  if (err instanceof EngineError && err.kind === 'http')
    return { outcome: 'refused', at: 'create', message: err.engineMessage ?? err.message };
  return { outcome: 'error', message: errorText(err) };
}

/**
 * A refusal probe: create the container; if the engine accepts it, start it with an entrypoint
 * that exists in no image (so nothing ever runs with what it asked for), because Docker Desktop
 * may refuse only at start. `mayStart` false stops after the create (see probeSocketMount).
 */
async function refusalAttempt(
  client: EngineClient,
  spec: Docker.ContainerCreateOptions,
  what: string,
  mayStart: Promise<boolean>,
): Promise<Attempt> {
  let id: string;
  try {
    id = await client.createContainer(spec, WAKE_ALLOWANCE_MS);
  } catch (err) {
    return createRefusalOrError(err);
  }
  return withContainer(client, id, async () => {
    if (!(await mayStart))
      return {
        outcome: 'allowed',
        detail: `${what} was accepted at create (not started: the engine is not Docker Desktop)`,
      };
    try {
      await client.startContainer(id, WAKE_ALLOWANCE_MS);
      return attemptFromStart(what, null);
    } catch (err) {
      const answered = err instanceof EngineError && err.kind === 'http';
      return attemptFromStart(what, {
        message: answered ? (err.engineMessage ?? err.message) : errorText(err),
        engineAnswered: answered,
      });
    }
  });
}

async function probeHostPid(client: EngineClient, image: string, run: string): Promise<Check> {
  const spec = baseSpec(image, 'host-pid', run, [NEVER_RUNS_ENTRYPOINT], { PidMode: 'host' });
  return hostPidCheck(
    await refusalAttempt(client, spec, 'a container sharing the host PID namespace', Promise.resolve(true)),
  );
}

/**
 * Started only when `mayStart` resolves true (the engine is Docker Desktop), and then only with
 * the never-existing entrypoint: nothing ever runs with the socket. On Desktop the socket path is
 * the engine's own socket inside its VM; on another engine a missing bind source would be
 * created as a folder on the host at start, so there the probe stops at create.
 */
async function probeSocketMount(
  client: EngineClient,
  image: string,
  run: string,
  allowListed: boolean,
  mayStart: Promise<boolean>,
): Promise<Check> {
  const spec = baseSpec(image, 'socket-mount', run, [NEVER_RUNS_ENTRYPOINT], {
    Binds: [`${DOCKER_SOCKET_PATH}:${DOCKER_SOCKET_PATH}`],
  });
  return socketMountCheck(
    await refusalAttempt(client, spec, `a container mounting ${DOCKER_SOCKET_PATH}`, mayStart),
    allowListed,
  );
}
