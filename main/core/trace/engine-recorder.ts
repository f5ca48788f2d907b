// Records every Engine API call a client makes, redacted as it is recorded: the secrets never
// reach the trace, not even in memory beyond the call itself. It hooks the client's docker-modem
// instance (the one place every dockerode call goes through) and only observes: the request, the
// answer and the callbacks are passed on unchanged, and a fault in recording is swallowed.

import { demuxLogs } from '../engine/engine-responses';
import { PROBE_LABEL } from '../verify/probe-containers';
import { matchKey, requestLine } from './path-template';
import { Pseudonyms } from './pseudonyms';
import { redactEvent, redactJson, redactOutput } from './redact';
import type { TracedCall } from './trace-format';

const MAX_CALLS = 5_000;
const MAX_STREAM_EVENTS = 500;

type Callback = (err: unknown, payload: unknown) => void;
interface ModemLike {
  buildRequest(
    options: { method?: string; path?: string },
    context: unknown,
    data: unknown,
    callback: Callback,
  ): unknown;
  buildPayload(
    err: unknown,
    isStream: boolean,
    statusCodes: unknown,
    openStdin: unknown,
    req: unknown,
    res: unknown,
    json: unknown,
    cb: Callback,
  ): unknown;
}

export class EngineRecorder {
  readonly calls: TracedCall[] = [];
  readonly names = new Pseudonyms();
  private readonly started: number;
  /** Calls dropped beyond MAX_CALLS (a trace stays a few hundred kilobytes). */
  dropped = 0;

  constructor(private readonly now: () => number = () => Date.now()) {
    this.started = now();
  }

  /** Milliseconds since the recording started. */
  elapsed(): number {
    return this.now() - this.started;
  }

  /** Starts observing a dockerode client's modem. */
  attach(modem: unknown): void {
    const m = modem as ModemLike;
    const open = new WeakMap<Callback, { call: TracedCall; t0: number }>();
    const buildRequest = m.buildRequest.bind(m);
    const buildPayload = m.buildPayload.bind(m);
    m.buildRequest = (options, context, data, callback) => {
      const call = this.safely(() => this.begin(options.method ?? 'GET', options.path ?? '/', data));
      if (!call) return buildRequest(options, context, data, callback);
      const t0 = this.now();
      const wrapped: Callback = (err, payload) => {
        // A hijacked connection (attach) is answered without a payload step: an upgrade.
        if (call.status === null && call.error === undefined)
          this.safely(() => this.finish(call, t0, err, null, true, undefined));
        callback(err, payload);
      };
      open.set(wrapped, { call, t0 });
      return buildRequest(options, context, data, wrapped);
    };
    m.buildPayload = (err, isStream, statusCodes, openStdin, req, res, json, cb) => {
      const pending = open.get(cb);
      if (pending) this.safely(() => this.finish(pending.call, pending.t0, err, res, isStream, json));
      return buildPayload(err, isStream, statusCodes, openStdin, req, res, json, cb);
    };
  }

  private safely<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch {
      return undefined;
    }
  }

  private begin(method: string, rawPath: string, data: unknown): TracedCall | undefined {
    if (this.calls.length >= MAX_CALLS) {
      this.dropped++;
      return undefined;
    }
    const line = requestLine(rawPath, this.names);
    const call: TracedCall = {
      at: this.elapsed(),
      method: method.toUpperCase(),
      path: line.path,
      query: line.query,
      status: null,
      ms: 0,
    };
    const probe = method.toUpperCase() === 'POST' && line.path === '/containers/create' ? probeOf(data) : undefined;
    if (probe) call.probe = probe;
    this.calls.push(call);
    return call;
  }

  private finish(call: TracedCall, t0: number, err: unknown, res: unknown, isStream: boolean, json: unknown): void {
    call.ms = this.now() - t0;
    if (err) {
      const code = (err as { code?: unknown; name?: unknown }).code ?? (err as { name?: unknown }).name;
      call.error = typeof code === 'string' && /^[A-Za-z_]{1,40}$/.test(code) ? code : 'error';
      return;
    }
    const response = res as { statusCode?: number; on?: (e: string, f: (chunk?: Buffer) => void) => void } | null;
    call.status = typeof response?.statusCode === 'number' ? response.statusCode : 101;
    if (isStream) {
      if (call.status < 300 && response?.on && call.path === '/events')
        this.followEvents(call, response as Required<Pick<typeof response, 'on'>>);
      return;
    }
    call.body = this.body(call.path, json);
  }

  private body(path: string, json: unknown): unknown {
    if (Buffer.isBuffer(json)) {
      if (json.length === 0) return undefined;
      if (/\/logs$/.test(path)) {
        const { stdout, stderr } = demuxLogs(json);
        return { $output: { stdout: redactOutput(stdout, this.names), stderr: redactOutput(stderr, this.names) } };
      }
      const text = json.toString('utf8');
      if (path === '/_ping' && /^(OK)?$/.test(text)) return { $text: text };
      return { $bytes: json.length };
    }
    if (json === null || json === undefined) return undefined;
    return redactJson(json, this.names);
  }

  private followEvents(call: TracedCall, stream: { on: (e: string, f: (chunk?: Buffer) => void) => void }): void {
    const opened = this.now();
    const followed: NonNullable<TracedCall['stream']> = { events: [], endedAfterMs: null };
    call.stream = followed;
    let buffered = '';
    stream.on('data', (chunk) => {
      this.safely(() => {
        buffered += chunk?.toString('utf8') ?? '';
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl).trim();
          buffered = buffered.slice(nl + 1);
          if (!line || followed.events.length >= MAX_STREAM_EVENTS) continue;
          try {
            followed.events.push({ after: this.now() - opened, ...redactEvent(JSON.parse(line)) });
          } catch {
            // Not an event.
          }
        }
        if (buffered.length > 1024 * 1024) buffered = '';
      });
    });
    const ended = () => {
      if (followed.endedAfterMs === null) followed.endedAfterMs = this.now() - opened;
    };
    stream.on('end', ended);
    stream.on('close', ended);
  }

  /** The match key of each call (method, path, query keys), for replays and tests. */
  static keyOf(call: Pick<TracedCall, 'method' | 'path' | 'query'>): string {
    return matchKey(call.method, { path: call.path, query: call.query });
  }
}

/** The check a probe container was created for (our label's value), from the create body. */
function probeOf(data: unknown): string | undefined {
  if (typeof data !== 'string' && !Buffer.isBuffer(data)) return undefined;
  try {
    const spec = JSON.parse(data.toString()) as { Labels?: Record<string, unknown> };
    const check = spec.Labels?.[PROBE_LABEL];
    return typeof check === 'string' && /^[a-z-]{1,40}$/.test(check) ? check : undefined;
  } catch {
    return undefined;
  }
}
