// The only door to the Docker Engine API: the engine calls of checks, the monitor and the cleanup,
// each through EngineApi's call (a timeout, a count, a classified EngineError).

import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import { EngineError } from './engine-errors';
import { demuxLogs, expectObject, parseChangeList, type PathStat } from './engine-responses';
import { againOnStaleSocket, EngineApi, signalOption } from './engine-api';

export { DEFAULT_CALL_TIMEOUT_MS, type EngineClientOptions } from './engine-api';

export interface ContainerListEntry {
  Id: string;
  Names: string[];
  Image: string;
  ImageID: string;
  State: string;
  Created: number;
  Labels: Record<string, string>;
  /** Bytes in the writable layer (only when listed with sizes). */
  SizeRw?: number;
}

export class EngineClient extends EngineApi {
  async listContainers(filters?: Record<string, string[]>, withSizes = false): Promise<ContainerListEntry[]> {
    const list: unknown = await this.call(
      'container-list',
      (abortSignal) =>
        this.docker.listContainers({
          all: true,
          abortSignal,
          ...(withSizes ? { size: true } : {}),
          ...(filters ? { filters: JSON.stringify(filters) } : {}),
        }),
      // Sizes make the engine walk every writable layer: allow it more time.
      withSizes ? this.callTimeoutMs * 6 : undefined,
    );
    if (!Array.isArray(list))
      throw new EngineError('bad-response', 'container-list', 'container-list: the engine did not answer with a list');
    return list.map((raw) => {
      const c = raw as Partial<ContainerListEntry> | null;
      if (!c || typeof c.Id !== 'string')
        throw new EngineError('bad-response', 'container-list', 'container-list: an entry has no Id');
      return {
        Id: c.Id,
        Names: Array.isArray(c.Names) ? c.Names.filter((n): n is string => typeof n === 'string') : [],
        Image: typeof c.Image === 'string' ? c.Image : '',
        ImageID: typeof c.ImageID === 'string' ? c.ImageID : '',
        State: typeof c.State === 'string' ? c.State : 'unknown',
        Created: typeof c.Created === 'number' ? c.Created : 0,
        Labels: c.Labels && typeof c.Labels === 'object' ? (c.Labels as Record<string, string>) : {},
        ...(typeof c.SizeRw === 'number' ? { SizeRw: c.SizeRw } : {}),
      };
    });
  }

  /** Inspect data, or null when the container no longer exists. `size` adds SizeRw. */
  async inspectContainer(
    id: string,
    size = false,
  ): Promise<(Docker.ContainerInspectInfo & { SizeRw?: number }) | null> {
    try {
      const info = await this.call('container-inspect', (abortSignal) =>
        this.docker.getContainer(id).inspect({ abortSignal, ...(size ? { size: true } : {}) }),
      );
      const obj = expectObject('container-inspect', info);
      if (typeof obj['Id'] !== 'string')
        throw new EngineError('bad-response', 'container-inspect', 'container-inspect: the answer has no Id');
      return info;
    } catch (err) {
      if (err instanceof EngineError && err.statusCode === 404) return null;
      throw err;
    }
  }

  /** The id of an image reference, or null when there is no such image. */
  async imageId(name: string): Promise<string | null> {
    try {
      const info = (await this.call('image-inspect', (abortSignal) =>
        this.docker.getImage(name).inspect(signalOption(abortSignal)),
      )) as { Id?: unknown };
      return typeof info?.Id === 'string' ? info.Id : null;
    } catch (err) {
      if (err instanceof EngineError && err.statusCode === 404) return null;
      throw err;
    }
  }

  async imageExists(name: string): Promise<boolean> {
    try {
      await this.call('image-inspect', (abortSignal) => this.docker.getImage(name).inspect(signalOption(abortSignal)));
      return true;
    } catch (err) {
      if (err instanceof EngineError && err.statusCode === 404) return false;
      throw err;
    }
  }

  /** Pulls an image and waits for the pull to finish; errors reported inside the stream are thrown. */
  async pullImage(name: string, timeoutMs: number): Promise<void> {
    await this.call(
      'image-pull',
      async (abortSignal) => {
        const stream = (await this.docker.pull(name, { abortSignal })) as NodeJS.ReadableStream;
        await new Promise<void>((resolve, reject) => {
          abortSignal.addEventListener('abort', () => (stream as unknown as { destroy?: () => void }).destroy?.());
          this.docker.modem.followProgress(stream, (err: Error | null, events: Array<{ error?: string }>) => {
            if (err) return reject(err);
            const failed = events.find((e) => e && typeof e.error === 'string');
            return failed ? reject(new Error(failed.error)) : resolve();
          });
        });
      },
      timeoutMs,
    );
  }

  async createContainer(spec: Docker.ContainerCreateOptions & { name?: string }, timeoutMs?: number): Promise<string> {
    const container = await this.call(
      'container-create',
      (abortSignal) => this.docker.createContainer({ ...spec, abortSignal }),
      timeoutMs,
    );
    if (!container || typeof container.id !== 'string')
      throw new EngineError('bad-response', 'container-create', 'container-create: the answer has no Id');
    return container.id;
  }

  async startContainer(id: string, timeoutMs?: number): Promise<void> {
    await this.call('container-start', (abortSignal) => this.docker.getContainer(id).start({ abortSignal }), timeoutMs);
  }

  async waitContainer(id: string, timeoutMs?: number): Promise<number> {
    const result = (await this.call(
      'container-wait',
      (abortSignal) => this.docker.getContainer(id).wait({ abortSignal }),
      timeoutMs,
    )) as {
      StatusCode?: unknown;
    };
    if (typeof result?.StatusCode !== 'number')
      throw new EngineError('bad-response', 'container-wait', 'container-wait: the answer has no StatusCode');
    return result.StatusCode;
  }

  /** stdout and stderr of a finished container (demultiplexed from the log stream). */
  async containerOutput(id: string): Promise<{ stdout: string; stderr: string }> {
    const raw = await this.call('container-logs', (abortSignal) =>
      this.docker.getContainer(id).logs({ stdout: true, stderr: true, follow: false, abortSignal }),
    );
    const buffer = Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw ?? ''));
    return demuxLogs(buffer);
  }

  /**
   * Subscribes to the engine's event stream. The timeout covers getting the stream; the stream
   * itself runs until the engine goes away or `signal` aborts it. Malformed lines are skipped.
   */
  async events(
    filters: Record<string, string[]>,
    signal: AbortSignal,
    onEvent: (e: EngineEvent) => void,
  ): Promise<NodeJS.ReadableStream> {
    const stream = await this.call(
      'events',
      // Aborted by the caller at any time, or by the call's timeout while the stream is requested.
      (timeoutSignal) =>
        this.docker.getEvents({
          filters: JSON.stringify(filters),
          abortSignal: AbortSignal.any([signal, timeoutSignal]),
        } as {}) as Promise<NodeJS.ReadableStream>,
    );
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (!line) continue;
        try {
          onEvent(JSON.parse(line) as EngineEvent);
        } catch {
          // A garbled line is not an event; the next one may be fine.
        }
      }
      if (buffered.length > 1024 * 1024) buffered = ''; // no newline in a megabyte: not an event stream
    });
    return stream;
  }

  /**
   * Removes a container; one that is already gone counts as removed. Its volumes are kept
   * (v=false) unless `anonymousVolumes` is set: only for our own probes, whose image may declare
   * volumes nobody else uses. `force` also removes a running container.
   */
  async removeContainer(id: string, timeoutMs?: number, force = true, anonymousVolumes = false): Promise<void> {
    try {
      await this.call(
        'container-remove',
        (abortSignal) => this.docker.getContainer(id).remove({ force, v: anonymousVolumes, abortSignal }),
        timeoutMs,
      );
    } catch (err) {
      if (err instanceof EngineError && err.statusCode === 404) return;
      throw err;
    }
  }

  /** Stops a container (a stopped one is fine). */
  async stopContainer(id: string, seconds = 10): Promise<void> {
    try {
      await this.call(
        'container-stop',
        (abortSignal) => this.docker.getContainer(id).stop({ t: seconds, abortSignal }),
        (seconds + 10) * 1000,
      );
    } catch (err) {
      if (err instanceof EngineError && err.statusCode === 304) return; // already stopped
      throw err;
    }
  }

  /** Commits a container's filesystem to `repo:tag` (with `labels` added to the image); returns the image id. */
  async commitContainer(
    id: string,
    repo: string,
    tag: string,
    comment: string,
    labels: Record<string, string> = {},
  ): Promise<string> {
    const entries = Object.entries(labels);
    const changes = entries.length
      ? { changes: `LABEL ${entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')}` }
      : {};
    const result = (await this.call(
      'container-commit',
      (abortSignal) =>
        this.docker.getContainer(id).commit({ repo, tag, comment, pause: true, ...changes, abortSignal }),
      120_000,
    )) as {
      Id?: unknown;
    };
    if (typeof result?.Id !== 'string')
      throw new EngineError('bad-response', 'container-commit', 'container-commit: the answer has no Id');
    return result.Id;
  }

  /** What changed in a container's writable layer: Kind 0 modified, 1 added, 2 deleted. */
  async containerChanges(id: string): Promise<Array<{ Path: string; Kind: number }>> {
    return parseChangeList(
      await this.call(
        'container-changes',
        (abortSignal) => this.docker.getContainer(id).changes(signalOption(abortSignal)),
        this.callTimeoutMs * 6,
      ),
    );
  }

  /**
   * Size, mode and link target of a path inside a container, started or not (the engine's
   * `X-Docker-Container-Path-Stat` header of a HEAD on its archive), or null when it is absent.
   */
  async statPath(id: string, path: string): Promise<PathStat | null> {
    try {
      const res = (await this.call('container-archive-stat', (abortSignal) =>
        againOnStaleSocket(() => this.docker.getContainer(id).infoArchive({ path, abortSignal })),
      )) as IncomingMessage;
      const header = res.headers?.['x-docker-container-path-stat'];
      res.resume?.();
      if (typeof header !== 'string')
        throw new EngineError(
          'bad-response',
          'container-archive-stat',
          'container-archive-stat: the answer has no path stat header',
        );
      const stat = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as Partial<PathStat>;
      if (typeof stat.size !== 'number' || typeof stat.mode !== 'number')
        throw new EngineError(
          'bad-response',
          'container-archive-stat',
          'container-archive-stat: the path stat is malformed',
        );
      return {
        name: String(stat.name ?? ''),
        size: stat.size,
        mode: stat.mode,
        linkTarget: String(stat.linkTarget ?? ''),
      };
    } catch (err) {
      if (err instanceof EngineError && err.statusCode === 404) return null;
      throw err;
    }
  }

  async renameContainer(id: string, name: string): Promise<void> {
    await this.call('container-rename', (abortSignal) => this.docker.getContainer(id).rename({ name, abortSignal }));
  }

  /** An image's labels and the size of its top layer, or null when there is no such image. */
  async imageSummary(
    name: string,
  ): Promise<{ id: string; labels: Record<string, string>; topLayerBytes: number } | null> {
    try {
      const info = (await this.call('image-inspect', (abortSignal) =>
        this.docker.getImage(name).inspect(signalOption(abortSignal)),
      )) as { Id?: unknown; Config?: { Labels?: unknown } };
      // dockerode's history() takes no abort signal: the same request through its modem, which does.
      const history = await this.call(
        'image-history',
        (abortSignal) =>
          new Promise<unknown>((resolve, reject) => {
            const dial = {
              path: `/images/${name}/history`,
              method: 'GET',
              abortSignal,
              statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
            };
            (
              this.docker.modem as unknown as { dial(o: object, cb: (err: Error | null, data: unknown) => void): void }
            ).dial(dial, (err, data) => (err ? reject(err) : resolve(data)));
          }),
      );
      if (typeof info?.Id !== 'string' || !Array.isArray(history))
        throw new EngineError('bad-response', 'image-inspect', 'image-inspect: the answer has no Id or history');
      const labels =
        info.Config?.Labels && typeof info.Config.Labels === 'object'
          ? (info.Config.Labels as Record<string, string>)
          : {};
      const top = history[0] as { Size?: unknown } | undefined;
      return { id: info.Id, labels, topLayerBytes: typeof top?.Size === 'number' ? top.Size : 0 };
    } catch (err) {
      if (err instanceof EngineError && err.statusCode === 404) return null;
      throw err;
    }
  }

  /** Removes an image reference; one that is already gone counts as removed. */
  async removeImage(name: string): Promise<void> {
    try {
      await this.call(
        'image-remove',
        (abortSignal) => this.docker.getImage(name).remove(signalOption(abortSignal)),
        this.callTimeoutMs * 3,
      );
    } catch (err) {
      if (err instanceof EngineError && err.statusCode === 404) return;
      throw err;
    }
  }

  async connectNetwork(network: string, containerId: string, endpointConfig: object): Promise<void> {
    await this.call('network-connect', (abortSignal) =>
      this.docker
        .getNetwork(network)
        .connect({ Container: containerId, EndpointConfig: endpointConfig, abortSignal } as {}),
    );
  }
}

/** One decoded engine event (only the fields the monitor uses). */
export interface EngineEvent {
  Type?: string;
  Action?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
}
