// One error type for everything that can go wrong talking to the engine, classified so callers
// can tell "no engine answers" from "the engine said no" from "the engine said nonsense".

export type EngineErrorKind =
  /** Nothing answers on the endpoint (no socket, refused, reset, permission denied). */
  | 'unreachable'
  /** The call did not complete within its timeout. */
  | 'timeout'
  /** The engine answered with an HTTP error status; `engineMessage` holds its message. */
  | 'http'
  /** The engine answered something that is not what the API promises. */
  | 'bad-response'
  /**
   * Docker Desktop answered for its engine that it is paused by hand (Whale menu or Dashboard):
   * not an engine "no" (never a refusal the probe may count as ECI evidence), not "not running".
   */
  | 'paused';

export class EngineError extends Error {
  override name = 'EngineError';
  constructor(
    readonly kind: EngineErrorKind,
    readonly operation: string,
    message: string,
    readonly statusCode?: number,
    /** The engine's own error text (for ECI error recognition). */
    readonly engineMessage?: string,
  ) {
    super(message);
  }
}

const UNREACHABLE_CODES = new Set([
  'ENOENT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EACCES',
  'EPERM',
  'ENOTSOCK',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
]);

export function classifyEngineError(err: unknown, operation: string, timeoutMs: number): EngineError {
  if (err instanceof EngineError) return err;
  const e = err as { code?: string; statusCode?: number; json?: unknown; message?: string; name?: string };
  if (e?.name === 'AbortError' || e?.code === 'ABORT_ERR' || e?.name === 'TimeoutError') {
    return new EngineError(
      'timeout',
      operation,
      `${operation}: the engine did not answer within ${formatMs(timeoutMs)}`,
    );
  }
  if (typeof e?.statusCode === 'number') {
    // Whatever the status (Desktop versions differ), the text says the engine is frozen on purpose.
    const text = extractEngineMessage(e.json) ?? cleanModemMessage(e.message);
    if (isDesktopPausedText(text))
      return new EngineError('paused', operation, `${operation}: ${text} (HTTP ${e.statusCode})`, e.statusCode, text);
  }
  if (typeof e?.statusCode === 'number' && [502, 503, 504].includes(e.statusCode)) {
    // A gateway in front of the engine (Docker Desktop's own proxy) answering for an engine that is gone.
    const detail = extractEngineMessage(e.json) ?? cleanModemMessage(e.message);
    return new EngineError(
      'unreachable',
      operation,
      `${operation}: the engine is not available behind its socket (HTTP ${e.statusCode}: ${detail})`,
      e.statusCode,
      detail,
    );
  }
  if (typeof e?.statusCode === 'number') {
    const engineMessage = extractEngineMessage(e.json) ?? cleanModemMessage(e.message);
    return new EngineError(
      'http',
      operation,
      `${operation}: ${engineMessage} (HTTP ${e.statusCode})`,
      e.statusCode,
      engineMessage,
    );
  }
  if (e?.code && UNREACHABLE_CODES.has(e.code)) {
    return new EngineError('unreachable', operation, `${operation}: ${describeSocketError(e.code, e.message ?? '')}`);
  }
  if (e?.message === 'socket hang up' || /hang up|closed|reset/i.test(e?.message ?? '')) {
    return new EngineError('unreachable', operation, `${operation}: the engine closed the connection (${e.message})`);
  }
  return new EngineError('bad-response', operation, `${operation}: ${e?.message ?? String(err)}`);
}

/**
 * Docker Desktop's answer while it is paused by hand, as the docker CLI prints it:
 * "Error response from daemon: Docker Desktop is manually paused. Unpause it through the Whale
 * menu or Dashboard." Matched loosely (case, spacing, a trailing period, later rewordings that
 * keep "Docker Desktop ... paused"), but never on Resource Saver, which is not a pause the user
 * must undo.
 */
/** The engine stopped answering (gone or out of time): a step can resume once it is back. */
export function isEngineGone(err: unknown): boolean {
  return err instanceof EngineError && (err.kind === 'unreachable' || err.kind === 'timeout');
}

export function isDesktopPausedText(text: string | undefined | null): boolean {
  if (!text) return false;
  const t = text.replace(/\s+/g, ' ').toLowerCase();
  if (t.includes('resource saver')) return false;
  return /docker desktop is (manually )?paused/.test(t);
}

/** Whether an error (or its text) says Docker Desktop is paused by hand. */
export function isDesktopPaused(err: unknown): boolean {
  if (err instanceof EngineError) return err.kind === 'paused' || isDesktopPausedText(err.engineMessage);
  return isDesktopPausedText(err instanceof Error ? err.message : typeof err === 'string' ? err : null);
}

function extractEngineMessage(json: unknown): string | undefined {
  if (
    json &&
    typeof json === 'object' &&
    'message' in json &&
    typeof (json as { message: unknown }).message === 'string'
  ) {
    return (json as { message: string }).message;
  }
  if (Buffer.isBuffer(json)) {
    const text = json.toString('utf8').trim();
    return text ? text.slice(0, 500) : undefined;
  }
  if (typeof json === 'string' && json.trim()) return json.trim().slice(0, 500);
  return undefined;
}

/** docker-modem wraps the engine's text as "(HTTP code 500) server error - <text> ". */
function cleanModemMessage(message: string | undefined): string {
  const m = /^\(HTTP code \d+\) [^-]*- ([\s\S]*)$/.exec(message ?? '');
  return (m?.[1] ?? message ?? 'unknown error').trim();
}

function describeSocketError(code: string, message: string): string {
  switch (code) {
    case 'ENOENT':
      return 'no engine socket at this path (is Docker Desktop running?)';
    case 'ECONNREFUSED':
      return 'connection refused (is Docker Desktop running?)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied on the engine socket';
    default:
      return `${code}: ${message}`;
  }
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${ms} ms`;
}
