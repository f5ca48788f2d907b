// Keeps an engine event stream open and passes container events on. Two ways a stream stops:
//   - the engine is away (no socket, no answer, a heartbeat ping failing): reported as down, and
//     reconnection follows ENGINE_BACKOFF, so an engine back from a relaunch is seen at once;
//   - the engine ended the stream, or refused a new one while answering a ping: Docker Desktop's
//     Resource Saver does this (docker/for-mac#7158). Not "down": the stream is reopened after
//     STREAM_END_BACKOFF, which grows while streams keep ending with no event between, since
//     each reopening may wake Desktop's VM. A reopening is reported (onReopened) for the
//     monitor to decide, from facts, whether anything changed. When the stream ends quietly
//     again (streamEndDecision, backoff.ts), Desktop is taken to be in Resource Saver: the
//     watch parks (no reopening, nothing sent) until nudge(): a host fact changed, or the
//     monitor's daily check ran. From then on, a quiet end parks at once.
// Each transition is reported once.

import type { EngineClient, EngineEvent } from '../engine/engine-client';
import { EngineError } from '../engine/engine-errors';
import { errorText } from '../error-text';
import { backoffDelay, ENGINE_BACKOFF, streamEndDecision, STREAM_END_BACKOFF, type BackoffPolicy } from './backoff';

export interface EngineWatchHandlers {
  /** The stream is established, first or after the engine was away (`after` ms; 0 the first time). */
  onUp(after: number): void;
  onDown(error: string): void;
  onContainerEvent(event: EngineEvent): void;
  /** The stream is open again after the engine ended (or refused) it while answering. */
  onReopened?(): void;
}

export interface EngineWatchOptions {
  backoff?: BackoffPolicy;
  /** Delays between reopenings of streams the engine ends while answering (default STREAM_END_BACKOFF). */
  streamEndBackoff?: BackoffPolicy;
  /** A cheap ping this often while connected, to notice a stalled engine (0 or absent: none). */
  heartbeatMs?: number;
  log?: (message: string) => void;
}

export class EngineWatch {
  private stopped = false;
  private up: boolean | null = null;
  private downSince = 0;
  private controller: AbortController | null = null;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  /** Streams in a row the engine ended (or refused) with no event between. */
  private quietEnds = 0;
  /** reconnect() asked for the stream to be dropped and opened again at once. */
  private dropped = false;
  /** Not listening: the stream ended quietly again (Resource Saver); waits for nudge(). */
  private parkedNow = false;
  /** This engine has ended streams quietly twice in a row once: a quiet end now parks at once. */
  private endsInSaver = false;

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

  /** Drops the current stream (e.g. a remote engine after the system woke up): it reconnects at once. */
  reconnect(): void {
    this.dropped = true;
    this.controller?.abort();
    this.wake?.();
  }

  /**
   * Something changed (a setting, Desktop's processes, the engine socket) or a check ran: a
   * stream waiting to reopen, or parked, reopens now.
   */
  nudge(): void {
    this.quietEnds = 0;
    if (!this.controller || this.controller.signal.aborted) this.wake?.();
  }

  /** Parked: the stream ended quietly again (Resource Saver) and waits for nudge(). */
  get parked(): boolean {
    return this.parkedNow;
  }

  /** How many streams in a row ended with no event between (the benchmark reads it). */
  get streamEndsInARow(): number {
    return this.quietEnds;
  }

  private markDown(error: string): void {
    if (this.up === false) return;
    this.up = false;
    this.downSince = Date.now();
    this.handlers.onDown(error);
  }

  /** Waits `ms`, or until wake(); Infinity: only until wake() (parked). */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = Number.isFinite(ms) ? setTimeout(resolve, ms) : null;
      this.wake = () => {
        if (t) clearTimeout(t);
        this.parkedNow = false;
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    let attempt = 0;
    let reopening = false;
    while (!this.stopped) {
      const controller = new AbortController();
      this.controller = controller;
      let heartbeat: NodeJS.Timeout | null = null;
      let events = 0;
      let delay: number;
      try {
        const stream = await this.client.events({ type: ['container'] }, controller.signal, (e) => {
          events++;
          this.handlers.onContainerEvent(e);
        });
        const ended = new Promise<string>((resolve) => {
          stream.on('end', () => resolve('the engine closed its event stream'));
          stream.on('close', () => resolve('the engine closed its event stream'));
          stream.on('error', (err: Error) => resolve(err.message));
        });
        attempt = 0;
        if (this.up !== true) {
          const away = this.up === false ? Date.now() - this.downSince : 0;
          this.up = true;
          this.handlers.onUp(away);
        } else if (reopening) {
          this.handlers.onReopened?.();
        }
        reopening = false;
        // Off by default: a periodic call would keep a Docker Desktop in Resource Saver awake.
        const everyMs = this.options.heartbeatMs ?? 0;
        if (everyMs > 0) {
          heartbeat = setInterval(() => {
            this.client.ping(Math.min(5_000, everyMs)).catch(() => controller.abort());
          }, everyMs);
        }
        const why = await ended;
        if (this.stopped) break;
        if (this.dropped) {
          this.dropped = false;
          reopening = true;
          delay = 0;
        } else if (controller.signal.aborted) {
          this.markDown('the engine stopped answering');
          delay = backoffDelay(attempt++, this.options.backoff ?? ENGINE_BACKOFF);
        } else {
          // Ended by the engine: reopened later; an engine that really went away fails then.
          delay = this.streamEnded(events, why);
          reopening = true;
        }
      } catch (err) {
        if (this.stopped) break;
        // An HTTP answer (any status) while a ping answers: not away (Resource Saver may refuse
        // streams). With no ping answer it is an engine restarting behind Desktop's socket.
        if (
          err instanceof EngineError &&
          (err.statusCode !== undefined || err.kind === 'paused') &&
          this.up !== null &&
          (await this.answers())
        ) {
          if (this.up === false) {
            // It answers again, only without a stream yet: back, not away.
            this.up = true;
            this.handlers.onUp(Date.now() - this.downSince);
          }
          delay = this.streamEnded(0, errorText(err));
          reopening = true;
        } else {
          this.quietEnds = 0;
          reopening = false;
          this.markDown(errorText(err));
          delay = backoffDelay(attempt++, this.options.backoff ?? ENGINE_BACKOFF);
        }
      } finally {
        if (heartbeat) clearInterval(heartbeat);
        controller.abort();
      }
      if (this.dropped) {
        this.dropped = false;
        delay = 0;
      }
      await this.sleep(delay);
    }
  }

  private answers(): Promise<boolean> {
    return this.client.ping(5_000).then(
      () => true,
      () => false,
    );
  }

  /** A stream the engine ended or refused: the delay before reopening it (Infinity: parked). */
  private streamEnded(events: number, why: string): number {
    this.quietEnds = events > 0 ? 1 : this.quietEnds + 1;
    const decision = streamEndDecision({
      endsInARow: this.quietEnds,
      hadEvents: events > 0,
      seenInSaver: this.endsInSaver,
      policy: this.options.streamEndBackoff ?? STREAM_END_BACKOFF,
    });
    if (decision === 'park') {
      this.endsInSaver = true;
      this.parkedNow = true;
      this.options.log?.(
        `event stream ended (${why}); ${this.quietEnds} in a row; Resource Saver likely: not reopened until a host fact changes or the daily check`,
      );
      return Infinity;
    }
    this.options.log?.(`event stream ended (${why}); ${this.quietEnds} in a row; reopening in ${decision} ms`);
    return decision;
  }
}
