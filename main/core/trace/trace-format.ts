// The trace `eci-tray doctor` writes: one check and a few minutes of watching, as the engine
// answered them, with nothing that names the user's things (see redact.ts and docs/TRACES.md).
// The lab replays a trace as a Docker Desktop personality, so a real machine's behaviour becomes
// a test.

import { VERDICTS, type DesiredSource, type Verdict } from '../model';

export const TRACE_FORMAT = 'eci-tray-trace';
export const TRACE_VERSION = 1;

/** One Engine API call as it went out and was answered. */
export interface TracedCall {
  /** Milliseconds from the start of the recording to the request. */
  at: number;
  method: string;
  /** Without the API version; ids and names replaced by stand-ins (path-template.ts). */
  path: string;
  /** The query's keys only (`filters[label]` names the filters, never their values). */
  query: string[];
  /** A container create of eci-tray's probe: which check it was (the probe label's value). */
  probe?: string;
  /** HTTP status, or null when no answer came (then `error`). */
  status: number | null;
  /** Why no answer came: a system error code (ECONNREFUSED, ENOENT, ABORT_ERR), never a message. */
  error?: string;
  /** Milliseconds until the answer (for a stream: until its headers). */
  ms: number;
  /** The answer, redacted: JSON, `{ $output: {stdout, stderr} }` for logs, `{ $text }`, `{ $bytes }`. */
  body?: unknown;
  /** A stream (events): what came on it, and when it ended (null: still open when the recording stopped). */
  stream?: { events: Array<{ after: number; Type: string; Action: string }>; endedAfterMs: number | null };
}

export type SettingsRole = 'admin' | 'user' | 'registry';

/** A settings file as found on the machine: never its path or its content, only these facts. */
export interface SettingsFileFact {
  role: SettingsRole;
  present: boolean;
  modifiedAt: string | null;
  bytes: number | null;
  /** Starts with a UTF-8 byte order mark (Desktop refuses one in registry.json). */
  bom: boolean;
}

/** One Docker Desktop process on the host: its name and start time (a full quit restarts them all). */
export interface ProcessFact {
  name: string;
  startedAt: string | null;
}

export interface Trace {
  format: typeof TRACE_FORMAT;
  version: typeof TRACE_VERSION;
  recordedAt: string;
  /** Set in the repository's hand-written fixtures: which public reports it plays. */
  handWritten?: { sources: string[]; note: string };
  machine: { platform: string; release: string; arch: string; node: string; eciTray: string };
  /** The probe image as the check used it (a stand-in unless it is the default image). */
  probeImage: string;
  settings: {
    files: SettingsFileFact[];
    desired: { eci: boolean | null; source: DesiredSource; locked: boolean | null };
    problems: Array<{ role: string; kind: string; line?: number; column?: number }>;
  };
  /** Docker Desktop's processes, or null with why they are not known. */
  processes: { list: ProcessFact[] } | { list: null; why: string };
  calls: TracedCall[];
  /** What eci-tray concluded: the check, then each state the watch emitted. */
  outcome: { check: Verdict; watch: Array<{ at: number; verdict: Verdict; advice: string[] }> };
  watchedMs: number;
}

/** Reads a trace file's text; throws one line naming what is wrong. */
export function parseTrace(text: string): Trace {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`not a trace: ${(err as Error).message}`, { cause: err });
  }
  const t = data as Partial<Trace> | null;
  if (!t || typeof t !== 'object' || t.format !== TRACE_FORMAT)
    throw new Error(`not a trace: format is not "${TRACE_FORMAT}"`);
  if (t.version !== TRACE_VERSION) throw new Error(`trace version ${String(t.version)} is not ${TRACE_VERSION}`);
  if (!Array.isArray(t.calls)) throw new Error('trace: calls is not a list');
  t.calls.forEach((c, i) => {
    const call = c as Partial<TracedCall> | null;
    if (!call || typeof call.method !== 'string' || typeof call.path !== 'string' || !call.path.startsWith('/'))
      throw new Error(`trace: calls[${i}] has no method and path`);
    if (call.status !== null && typeof call.status !== 'number')
      throw new Error(`trace: calls[${i}].status is not a number or null`);
    if (typeof call.at !== 'number' || typeof call.ms !== 'number')
      throw new Error(`trace: calls[${i}] has no at and ms`);
    if (!Array.isArray(call.query)) throw new Error(`trace: calls[${i}].query is not a list`);
  });
  if (typeof t.probeImage !== 'string' || !t.probeImage) throw new Error('trace: probeImage is missing');
  if (!t.settings || !Array.isArray(t.settings.files) || !t.settings.desired)
    throw new Error('trace: settings is missing');
  if (!t.outcome || !(VERDICTS as readonly string[]).includes(t.outcome.check))
    throw new Error('trace: outcome.check is not a verdict');
  return t as Trace;
}
