// Docker Desktop's moods, played by the lab's Desktop proxy and switchable while it runs:
//   - running: every call passes through;
//   - paused (by hand, from the Whale menu or the Dashboard): every new call is answered with
//     Desktop's "manually paused" error, with an HTTP status of choice (Desktop versions differ);
//   - sleeping (Resource Saver): after a quiet period the VM is stopped, and the first call
//     waits while it starts again (3 to 10 s on real machines, per Docker's docs); calls that
//     arrive during the wake-up wait with it. Optionally only calls that run containers wake it
//     (the docs: other commands "don't necessarily trigger an exit from Resource Saver mode").
//     What event streams do while it sleeps is not documented; the lab plays each plausible
//     behaviour (`events`, and the named RESOURCE_SAVER_PERSONALITIES): they stay open; they end
//     when the VM stops and a new one ends at once (docker/for-mac#7158); they end and a new one
//     is refused until something wakes the VM. With `wakeOn: 'any'` every call wakes it, a
//     container list included (docker/desktop-feedback#406).
// The mood lives in a small JSON file beside the lab's state file, so tests, `npm run lab` and
// the proxy process agree on it. Every call the proxy sees is appended to a request log, so tests
// and the benchmark can count what the product sends at rest.

import { appendFileSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';

/** Desktop's answer while paused by hand, as the docker CLI shows it after "Error response from daemon: ". */
export const DESKTOP_PAUSED_MESSAGE =
  'Docker Desktop is manually paused. Unpause it through the Whale menu or Dashboard.';

export type DesktopMood =
  | { state: 'running' }
  | { state: 'paused'; /** HTTP status of the paused answer (default 500). */ status?: number }
  | {
      state: 'sleeping';
      /** Quiet time after which the VM is stopped. */
      quietMs: number;
      /** How long the first call after that waits while the VM starts. */
      wakeMs: number;
      /** Which calls wake it: any (default), or only those that create or start containers. */
      wakeOn?: 'any' | 'containers';
      /** The VM was stopped at this time (epoch ms): asleep now, whatever the quiet time. */
      asleepSince?: number;
      /** What event streams do while the VM sleeps (default: they stay open). */
      events?: SleepingStreams;
    };

/** Event streams while asleep: stay open; end (and a new one ends at once); end (and a new one is refused). */
export type SleepingStreams = 'stay-open' | 'end' | 'refuse';

/** The Resource Saver behaviours the product must be right and quiet under (see the header). */
export const RESOURCE_SAVER_PERSONALITIES = {
  'streams-stay-open': { events: 'stay-open', wakeOn: 'containers' },
  'streams-end-reopen': { events: 'end', wakeOn: 'containers' },
  'streams-end-refused': { events: 'refuse', wakeOn: 'containers' },
  'any-call-wakes': { events: 'end', wakeOn: 'any' },
} as const satisfies Record<string, { events: SleepingStreams; wakeOn: 'any' | 'containers' }>;
export type ResourceSaverPersonality = keyof typeof RESOURCE_SAVER_PERSONALITIES;

/** The lab's answer to an event stream asked for while the VM sleeps and streams are refused. */
export const SLEEPING_EVENTS_REFUSAL =
  'lab: Docker Desktop is in Resource Saver mode: no event stream until the VM starts again';

export const RUNNING: DesktopMood = { state: 'running' };

export function desktopMoodFile(labRoot: string): string {
  return join(labRoot, 'desktop-mood.json');
}

export function requestLogFile(labRoot: string): string {
  return join(labRoot, 'logs', 'requests.log');
}

export function writeDesktopMood(file: string, mood: DesktopMood): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(mood) + '\n');
  renameSync(tmp, file);
}

export function readDesktopMood(file: string): DesktopMood {
  try {
    const mood = JSON.parse(readFileSync(file, 'utf8')) as DesktopMood;
    return mood && (mood.state === 'paused' || mood.state === 'sleeping') ? mood : RUNNING;
  } catch {
    return RUNNING;
  }
}

/**
 * One line of the request log: a call the proxy received, a wake-up, a paused answer, the VM
 * stopping, an event stream ended by it, or one refused while it sleeps.
 */
export interface LoggedRequest {
  at: number;
  kind: 'call' | 'wake' | 'paused' | 'sleep' | 'stream-end' | 'stream-refused';
  method: string;
  path: string;
}

export function readRequestLog(file: string): LoggedRequest[] {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [at, kind, method, path] = line.split(' ');
      return { at: Number(at), kind: kind as LoggedRequest['kind'], method: method ?? '', path: path ?? '' };
    });
}

const runsContainers = (method: string, path: string) =>
  method === 'POST' && /^\/(v\d+\.\d+\/)?containers\/(create|[^/]+\/start)(\?|$)/.test(path);
const isEventStream = (method: string, path: string) => method === 'GET' && /^\/(v\d+\.\d+\/)?events(\?|$)/.test(path);

export class DesktopMoods {
  private cached: { mtimeMs: number; mood: DesktopMood } | null = null;
  private lastActivity: number;
  private wakeUntil = 0;
  /** Open event streams, ended when the VM stops (unless they stay open). */
  private readonly streams = new Set<ServerResponse>();
  private asleep = false;
  private readonly timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: { moodFile?: string; requestLog?: string; now?: () => number; tickMs?: number },
  ) {
    this.lastActivity = this.now();
    // The VM stops on its own after the quiet time: looked at a few times a second.
    if (options.moodFile) {
      this.timer = setInterval(() => this.tick(), options.tickMs ?? 200);
      this.timer.unref();
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Whether the VM is stopped now (a wake-up in progress counts as awake). */
  private isAsleep(mood: DesktopMood): boolean {
    if (mood.state !== 'sleeping') return false;
    const now = this.now();
    if (now < this.wakeUntil) return false;
    const sentToSleep = mood.asleepSince !== undefined && this.lastActivity < mood.asleepSince;
    return sentToSleep || now - this.lastActivity >= mood.quietMs;
  }

  /** Notes the VM stopping, and ends the open event streams then when they do not stay open. */
  tick(): void {
    const mood = this.current();
    const asleep = this.isAsleep(mood);
    if (asleep && !this.asleep) this.log('sleep', '-', '-');
    this.asleep = asleep;
    if (!asleep || mood.state !== 'sleeping' || (mood.events ?? 'stay-open') === 'stay-open') return;
    for (const res of [...this.streams]) {
      this.streams.delete(res);
      this.log('stream-end', 'GET', '/events');
      // The proxied stream may still be writing: its late chunks are dropped, not an error.
      res.on('error', () => undefined);
      res.end();
    }
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** The mood now (the file is re-read only when it changed). */
  current(): DesktopMood {
    const file = this.options.moodFile;
    if (!file) return RUNNING;
    let mtimeMs = -1;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      return RUNNING;
    }
    if (!this.cached || this.cached.mtimeMs !== mtimeMs) this.cached = { mtimeMs, mood: readDesktopMood(file) };
    return this.cached.mood;
  }

  private log(kind: LoggedRequest['kind'], method: string, path: string): void {
    if (!this.options.requestLog) return;
    try {
      appendFileSync(this.options.requestLog, `${this.now()} ${kind} ${method} ${path.split('?')[0]}\n`);
    } catch {
      // The log is for tests to read; a failed append must not fail the call.
    }
  }

  /** How long a call arriving now waits for the VM (0 when it is awake). */
  private wakeDelay(mood: Extract<DesktopMood, { state: 'sleeping' }>, method: string, path: string): number {
    const now = this.now();
    if (now < this.wakeUntil) return this.wakeUntil - now;
    if (!this.isAsleep(mood)) return 0;
    this.asleep = false;
    this.wakeUntil = now + mood.wakeMs;
    this.log('wake', method, path);
    return mood.wakeMs;
  }

  private touch(): void {
    this.lastActivity = Math.max(this.lastActivity, this.now());
  }

  /**
   * Runs before the proxy handles a call: logs it, answers it when Desktop is paused (true), or
   * holds it while a sleeping VM wakes up. Streams that stay open (events) do not keep the VM
   * awake: only calls arriving and finishing count as activity.
   */
  async admit(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    this.log('call', method, path);
    const mood = this.current();
    if (mood.state === 'paused') {
      this.log('paused', method, path);
      const text = JSON.stringify({ message: DESKTOP_PAUSED_MESSAGE });
      req.resume();
      res.writeHead(mood.status ?? 500, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
      });
      res.end(text);
      return true;
    }
    if (mood.state === 'sleeping') {
      const streams = mood.events ?? 'stay-open';
      // Calls Desktop serves without its VM neither wake it nor keep it awake.
      if ((mood.wakeOn ?? 'any') === 'containers' && !runsContainers(method, path)) {
        if (isEventStream(method, path) && streams !== 'stay-open' && this.isAsleep(mood))
          return this.sleepingStream(streams, method, path, res);
        const wait = Math.max(0, this.wakeUntil - this.now());
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (isEventStream(method, path)) this.track(res);
        return false;
      }
      const wait = this.wakeDelay(mood, method, path);
      this.touch();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    this.touch();
    // Streams opened in any mood: the VM stopping later may end them. A stream ending is not
    // activity (it would keep the VM up); other calls count until they finish.
    if (isEventStream(method, path)) this.track(res);
    else res.on('close', () => this.touch());
    return false;
  }

  /** An event stream open while the VM runs: ended when it stops (unless streams stay open). */
  private track(res: ServerResponse): void {
    this.streams.add(res);
    res.on('close', () => this.streams.delete(res));
  }

  /** An event stream asked for while the VM sleeps: it ends at once, or is refused. */
  private sleepingStream(
    streams: Exclude<SleepingStreams, 'stay-open'>,
    method: string,
    path: string,
    res: ServerResponse,
  ): true {
    if (streams === 'end') {
      this.log('stream-end', method, path);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end();
      return true;
    }
    this.log('stream-refused', method, path);
    const text = JSON.stringify({ message: SLEEPING_EVENTS_REFUSAL });
    res.writeHead(503, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
    return true;
  }

  /** The same for hijacked connections (attach, exec): true when answered (paused). */
  async admitUpgrade(req: IncomingMessage, client: Socket): Promise<boolean> {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    this.log('call', method, path);
    const mood = this.current();
    if (mood.state === 'paused') {
      this.log('paused', method, path);
      const text = JSON.stringify({ message: DESKTOP_PAUSED_MESSAGE });
      client.end(
        `HTTP/1.1 ${mood.status ?? 500} Paused\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
      );
      return true;
    }
    if (mood.state === 'sleeping') {
      const wait = this.wakeDelay(mood, method, path);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    this.touch();
    client.on('close', () => this.touch());
    return false;
  }
}
