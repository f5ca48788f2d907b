// Reconnection delays: exponential from `initialMs` (by `factor`, default 2), capped at `maxMs`. Pure.

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** Growth per attempt (default 2). */
  factor?: number;
}

/** The engine went away (no socket, no answer): try again soon, a full relaunch is noticed fast. */
export const ENGINE_BACKOFF: BackoffPolicy = { initialMs: 100, maxMs: 1_000 };

/**
 * The event stream ended (or was refused) while the engine kept answering: reopened after this
 * policy's first step (streamEndDecision parks a stream that ends quietly again). The first
 * reopening is quick: an engine that really went away then fails to connect and is followed with
 * ENGINE_BACKOFF. The later steps (8 s, 64 s, ... 30 min) serve a caller that does not park.
 */
export const STREAM_END_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 30 * 60_000, factor: 8 };

export function backoffDelay(attempt: number, policy: BackoffPolicy = ENGINE_BACKOFF): number {
  const n = Number.isFinite(attempt) ? Math.max(0, Math.floor(attempt)) : 0;
  const factor =
    policy.factor !== undefined && Number.isFinite(policy.factor) && policy.factor >= 1 ? policy.factor : 2;
  return Math.min(policy.maxMs, policy.initialMs * factor ** Math.min(n, 30));
}

export interface StreamEnd {
  /** Streams in a row the engine ended (or refused) with no event between, this one included. */
  endsInARow: number;
  /** This stream passed events on before it ended. */
  hadEvents: boolean;
  /** This engine already ended streams quietly twice in a row once (Resource Saver seen). */
  seenInSaver: boolean;
  policy?: BackoffPolicy;
}

/**
 * What to do when the engine ends (or refuses) an event stream while it answers. The first
 * quiet end reopens after STREAM_END_BACKOFF's first step: an engine restarted from Desktop's
 * menu, or one really gone, is seen then. A second quiet end in a row, or any quiet end once that
 * was seen: Desktop is taken to be in Resource Saver, where each reopening may wake its VM
 * (docs/DOCKER-DESKTOP.md): park, no reopening until a host fact changes or the daily check.
 * A stream that carried events was not idle: reopened, the count starting again.
 */
export function streamEndDecision(e: StreamEnd): number | 'park' {
  if (e.hadEvents) return backoffDelay(0, e.policy ?? STREAM_END_BACKOFF);
  if (e.endsInARow >= 2 || e.seenInSaver) return 'park';
  return backoffDelay(Math.max(0, e.endsInARow - 1), e.policy ?? STREAM_END_BACKOFF);
}
