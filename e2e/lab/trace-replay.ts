// A Docker Desktop personality played from a trace (main/core/trace/): it answers each request
// with the recorded answer to the same method, path and query keys, in the recorded order (the
// last answer repeats once a path's answers are used up), after the recorded time, and plays an
// events stream as recorded (its events, and its end). Probe containers are told apart by the
// probe label their create carries, so concurrent creates get their own answers. Ids in paths are
// the trace's stand-ins, which the replay handed out itself, so they match as they come.
// A trace in which the engine never answered is played as no engine at all: nothing listens.

import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { matchKey, requestLine } from '../../main/core/trace/path-template';
import { PROBE_LABEL } from '../../main/core/verify/probe-containers';
import type { Trace, TracedCall } from '../../main/core/trace/trace-format';
import { readBody } from './http-body';

/** Longest a replayed answer waits (a recorded timeout is played as a call that never answers). */
const MAX_DELAY_MS = 30_000;

const asIs = { value: (s: string) => s };

function keyOf(call: Pick<TracedCall, 'method' | 'path' | 'query' | 'probe'>): string {
  const key = matchKey(call.method, { path: call.path, query: call.query });
  return call.probe ? `${key} probe=${call.probe}` : key;
}

/** Whether the engine answered any call of the trace (else the replay leaves no socket). */
export function engineAnswered(trace: Trace): boolean {
  return trace.calls.some((c) => c.status !== null);
}

export interface TraceReplayStats {
  /** Requests that found no answer in the trace (`METHOD path`). */
  unmatched: string[];
  /** Requests answered from the trace (`METHOD path`), in the order they came. */
  answered: string[];
}

export function createTraceReplay(trace: Trace): { server: Server; stats: TraceReplayStats } {
  const queues = new Map<string, TracedCall[]>();
  for (const call of trace.calls) {
    const key = keyOf(call);
    const q = queues.get(key) ?? [];
    q.push(call);
    queues.set(key, q);
  }
  const stats: TraceReplayStats = { unmatched: [], answered: [] };
  const take = (key: string): TracedCall | undefined => {
    const q = queues.get(key);
    if (!q || q.length === 0) return undefined;
    return q.length > 1 ? q.shift() : q[0];
  };

  const server = createServer((req, res) => {
    readBody(req).then(
      (body) => {
        const line = requestLine(req.url ?? '/', asIs);
        const method = (req.method ?? 'GET').toUpperCase();
        const probe = method === 'POST' && line.path === '/containers/create' ? probeOf(body) : undefined;
        const call = take(keyOf({ method, path: line.path, query: line.query, ...(probe ? { probe } : {}) }));
        if (!call) {
          stats.unmatched.push(`${method} ${line.path}`);
          return send(res, 404, { message: `trace replay: the trace has no answer for ${method} ${line.path}` });
        }
        stats.answered.push(`${method} ${line.path}`);
        answer(call, res);
      },
      () => res.destroy(),
    );
  });
  return { server, stats };
}

function answer(call: TracedCall, res: ServerResponse): void {
  const delay = Math.min(call.ms, MAX_DELAY_MS);
  if (call.status === null) {
    // A call that timed out is held (never answered); a refused one is cut off.
    if (call.error === 'ABORT_ERR' || call.error === 'AbortError') return;
    setTimeout(() => res.destroy(), delay);
    return;
  }
  const status = call.status;
  setTimeout(() => {
    if (call.stream) return playStream(call.stream, status, res);
    const body = call.body as Record<string, unknown> | undefined;
    if (body && typeof body === 'object' && '$output' in body) {
      const output = body['$output'] as { stdout?: string; stderr?: string };
      return sendRaw(
        res,
        status,
        'application/vnd.docker.raw-stream',
        Buffer.concat([frame(1, output.stdout ?? ''), frame(2, output.stderr ?? '')]),
      );
    }
    if (body && typeof body === 'object' && '$text' in body)
      return sendRaw(res, status, 'text/plain; charset=utf-8', Buffer.from(String(body['$text'])));
    if (body && typeof body === 'object' && '$bytes' in body)
      return sendRaw(res, status, 'application/octet-stream', Buffer.alloc(Number(body['$bytes']) || 0));
    if (body === undefined) {
      res.writeHead(status);
      return void res.end();
    }
    send(res, status, body);
  }, delay);
}

function playStream(stream: NonNullable<TracedCall['stream']>, status: number, res: ServerResponse): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.flushHeaders();
  const timers: NodeJS.Timeout[] = [];
  for (const e of stream.events)
    timers.push(
      setTimeout(
        () => res.write(JSON.stringify({ Type: e.Type, Action: e.Action, time: Math.floor(Date.now() / 1000) }) + '\n'),
        e.after,
      ),
    );
  if (stream.endedAfterMs !== null) timers.push(setTimeout(() => res.end(), stream.endedAfterMs));
  res.on('close', () => timers.forEach(clearTimeout));
}

function frame(kind: 1 | 2, text: string): Buffer {
  if (!text) return Buffer.alloc(0);
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = kind;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  sendRaw(res, status, 'application/json', Buffer.from(JSON.stringify(body)));
}

function sendRaw(res: ServerResponse, status: number, type: string, data: Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': data.length });
  res.end(data);
}

function probeOf(body: Buffer): string | undefined {
  try {
    const check = (JSON.parse(body.toString('utf8')) as { Labels?: Record<string, unknown> }).Labels?.[PROBE_LABEL];
    return typeof check === 'string' ? check : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Settings files that ask for what the trace's machine asked for (the trace keeps the desired
 * state, not the files): admin-settings.json for an admin source, settings-store.json for the
 * user's, and a registry.json with a BOM where the machine had one. Returns the product's flags.
 */
export function settingsFor(trace: Trace, dir: string): { adminSettings: string; userSettings: string } {
  mkdirSync(dir, { recursive: true });
  const adminSettings = join(dir, 'admin-settings.json');
  const userSettings = join(dir, 'settings-store.json');
  const d = trace.settings.desired;
  if ((d.source === 'admin-locked' || d.source === 'admin-unlocked') && d.eci !== null) {
    writeFileSync(
      adminSettings,
      JSON.stringify({
        configurationFileVersion: 2,
        enhancedContainerIsolation: { value: d.eci, locked: d.source === 'admin-locked' },
      }),
    );
  }
  if (d.source === 'user' && d.eci !== null)
    writeFileSync(userSettings, JSON.stringify({ EnhancedContainerIsolation: d.eci }));
  const registry = trace.settings.files.find((f) => f.role === 'registry');
  if (registry?.present)
    writeFileSync(
      join(dir, 'registry.json'),
      (registry.bom ? '\uFEFF' : '') + JSON.stringify({ allowedOrgs: ['example'] }),
    );
  return { adminSettings, userSettings };
}
