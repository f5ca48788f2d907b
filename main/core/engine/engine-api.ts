// The connection to the Docker Engine API that every engine call goes through: one pooled agent,
// a timeout on each call (aborted for real, not just abandoned), a count of calls (benchmarks
// report them), errors classified as EngineError; and the three calls that only read the engine.

import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { inspect } from 'node:util';
import Docker from 'dockerode';
import type { ConnectionOptions } from './endpoint';
import { classifyEngineError, EngineError } from './engine-errors';
import { expectObject } from './engine-responses';
import { classifyTlsError } from './tls-errors';

export const DEFAULT_CALL_TIMEOUT_MS = 10_000;

export interface EngineClientOptions {
  connection: ConnectionOptions;
  /** Timeout for one API call. */
  callTimeoutMs?: number;
  /** Observes every call (eci-tray doctor's trace); absent, nothing is recorded. */
  recorder?: { attach(modem: unknown): void };
}

export class EngineApi {
  readonly docker: Docker;
  private readonly agent: Agent;
  protected readonly callTimeoutMs: number;
  /** API calls made, by operation name: the benchmarks print these. */
  readonly calls = new Map<string, number>();

  constructor(options: EngineClientOptions) {
    this.callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    // Our own agent, so close() can drop pooled connections and the process exits promptly.
    // Bursts (four probe containers at once) open a few sockets; only two stay open afterwards.
    const pool = { keepAlive: true, maxSockets: 16, maxFreeSockets: 2 };
    const c = options.connection;
    // https needs an https agent (docker-modem would otherwise fail every call); the TLS material
    // lives on the agent so every pooled connection verifies the engine the same way.
    this.agent =
      'protocol' in c && c.protocol === 'https'
        ? new HttpsAgent({ ...pool, ca: c.ca, cert: c.cert, key: c.key, rejectUnauthorized: c.rejectUnauthorized })
        : // No TLS, so no server name: given one, Node skips working it out for every request, a
          // test of the host against its IPv6 pattern that costs about 5 ms on a process's first call.
          // (Node reads it from the agent's options; its types do not list it.)
          new Agent({ ...pool, ...{ servername: '' } });
    // docker-modem formats every request's options for its debug log, log on or off, with
    // util.inspect at unlimited depth, hidden properties included. The options hold this agent and
    // through it every pooled socket: about 44,000 characters and 10 to 40 ms of CPU per call, most
    // of a check's CPU, and a burst of garbage at each re-verification. The agent gives its name.
    Object.defineProperty(this.agent, inspect.custom, { value: () => `[${this.agent.constructor.name}]` });
    this.docker = withoutModemEnvDefaults(
      () =>
        new Docker({
          // docker-modem merges defaults from DOCKER_HOST/DOCKER_CERT_PATH under these options: the
          // endpoint was already decided (a --docker-host flag must win), so every key is explicit.
          host: undefined,
          port: undefined,
          socketPath: undefined,
          protocol: undefined,
          ca: undefined,
          cert: undefined,
          key: undefined,
          ...c,
          agent: this.agent,
        } as unknown as Docker.DockerOptions),
    );
    options.recorder?.attach(this.docker.modem);
  }

  /** The same dockerode methods, typed with the options object their definitions omit. */
  private get untyped(): {
    ping(o: {}): Promise<unknown>;
    version(o: {}): Promise<unknown>;
    info(o: {}): Promise<unknown>;
  } {
    return this.docker as unknown as {
      ping(o: {}): Promise<unknown>;
      version(o: {}): Promise<unknown>;
      info(o: {}): Promise<unknown>;
    };
  }

  get totalCalls(): number {
    let n = 0;
    for (const v of this.calls.values()) n += v;
    return n;
  }

  close(): void {
    this.agent.destroy();
  }

  /** Runs one API call with a timeout that aborts the request. */
  async call<T>(
    operation: string,
    fn: (signal: AbortSignal) => Promise<T>,
    timeoutMs = this.callTimeoutMs,
  ): Promise<T> {
    this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(
          new EngineError(
            'timeout',
            operation,
            `${operation}: the engine did not answer within ${Math.round(timeoutMs / 100) / 10} s`,
          ),
        );
      }, timeoutMs);
    });
    try {
      return await Promise.race([fn(controller.signal), timedOut]);
    } catch (err) {
      throw classifyTlsError(err, operation) ?? classifyEngineError(err, operation, timeoutMs);
    } finally {
      clearTimeout(timer);
    }
  }

  async ping(timeoutMs?: number): Promise<void> {
    const answer = await this.call(
      'ping',
      (abortSignal) => this.untyped.ping(signalOption(abortSignal)) as Promise<unknown>,
      timeoutMs,
    );
    const text = Buffer.isBuffer(answer) ? answer.toString() : String(answer);
    if (text.trim() !== 'OK')
      throw new EngineError('bad-response', 'ping', `ping: unexpected answer ${JSON.stringify(text.slice(0, 80))}`);
  }

  async version(): Promise<Record<string, unknown>> {
    return expectObject(
      'version',
      await this.call('version', (abortSignal) => this.untyped.version(signalOption(abortSignal))),
    );
  }

  async info(): Promise<Record<string, unknown>> {
    return expectObject('info', await this.call('info', (abortSignal) => this.untyped.info(signalOption(abortSignal))));
  }
}

/**
 * docker-modem's constructor reads DOCKER_HOST (and, for tcp, reads DOCKER_CERT_PATH's files,
 * throwing when one is missing) from process.env. The product resolves the endpoint and TLS
 * itself, so the constructor runs with DOCKER_HOST hidden; it is synchronous, so nothing else
 * can observe the change.
 */
function withoutModemEnvDefaults<T>(make: () => T): T {
  const saved = process.env['DOCKER_HOST'];
  if (saved === undefined) return make();
  delete process.env['DOCKER_HOST'];
  try {
    return make();
  } finally {
    process.env['DOCKER_HOST'] = saved;
  }
}

/**
 * Runs an idempotent read again when its pooled keep-alive socket turned out to be closed by the
 * engine (EPIPE/ECONNRESET on write): seen with back-to-back HEAD requests on the archive endpoint.
 */
export async function againOnStaleSocket<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (i >= attempts || (code !== 'EPIPE' && code !== 'ECONNRESET')) throw err;
    }
  }
}

/** dockerode honours `abortSignal` on every call; its type definitions do not all say so. */
export function signalOption(abortSignal: AbortSignal): {} {
  return { abortSignal };
}
