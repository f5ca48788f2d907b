// Keeps an engine event stream open: container events are passed on, the stream ending (or a
// heartbeat ping failing) means the engine went away, and reconnection follows a capped
// exponential backoff. Each transition is reported once.

import type { EngineClient, EngineEvent } from '../engine-client';
import { errorText } from '../error-text';
import { backoffDelay, ENGINE_BACKOFF, type BackoffPolicy } from './backoff';

export interface EngineWatchHandlers {
  /** The stream is (re)established. `after` is how long the engine was away (0 the first time). */
  onUp(after: number): void;
  onDown(error: string): void;
  onContainerEvent(event: EngineEvent): void;
}

export interface EngineWatchOptions {
  backoff?: BackoffPolicy;
  /** A cheap ping this often while connected, to notice a stalled engine (0 or absent: none). */
  heartbeatMs?: number;
}

export class EngineWatch {
  private stopped = false;
  private up: boolean | null = null;
  private downSince = 0;
  private controller: AbortController | null = null;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly client: EngineClient,
    private readonly handlers: EngineWatchHandlers,
    private readonly options: EngineWatchOptions = {},
  ) {}

  get connected(): boolean {
    return this.up === true;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.controller?.abort();
    this.wake?.();
    await this.loop;
  }

  /** Drops the current stream (e.g. the system woke up): it reconnects at once. */
  reconnect(): void {
    this.controller?.abort();
    this.wake?.();
  }

  private markDown(error: string): void {
    if (this.up === false) return;
    this.up = false;
    this.downSince = Date.now();
    this.handlers.onDown(error);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      const controller = new AbortController();
      this.controller = controller;
      let heartbeat: NodeJS.Timeout | null = null;
      try {
        const stream = await this.client.events({ type: ['container'] }, controller.signal, (e) => this.handlers.onContainerEvent(e));
        const ended = new Promise<string>((resolve) => {
          stream.on('end', () => resolve('the engine closed its event stream'));
          stream.on('close', () => resolve('the engine closed its event stream'));
          stream.on('error', (err: Error) => resolve(err.message));
        });
        attempt = 0;
        const away = this.up === false ? Date.now() - this.downSince : 0;
        this.up = true;
        this.handlers.onUp(away);
        // Off by default: a periodic call would keep a Docker Desktop in Resource Saver awake.
        const everyMs = this.options.heartbeatMs ?? 0;
        if (everyMs > 0) {
          heartbeat = setInterval(() => {
            this.client.ping(Math.min(5_000, everyMs)).catch(() => controller.abort());
          }, everyMs);
        }
        const why = await ended;
        if (this.stopped) break;
        this.markDown(controller.signal.aborted ? 'the engine stopped answering' : why === 'aborted' ? 'the engine closed its event stream' : why);
      } catch (err) {
        if (this.stopped) break;
        this.markDown(errorText(err));
      } finally {
        if (heartbeat) clearInterval(heartbeat);
        controller.abort();
      }
      await this.sleep(backoffDelay(attempt++, this.options.backoff ?? ENGINE_BACKOFF));
    }
  }
}
