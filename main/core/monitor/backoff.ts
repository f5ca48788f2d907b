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
 * The event stream ended (or was refused) while the engine kept answering, again and again with
 * no event between: Docker Desktop's Resource Saver. Each reopening may wake its VM, so the delay
 * grows fast (1 s, 8 s, 64 s, ~8.5 min) to at most 30 min. The first reopening is quick: an
 * engine that really went away then fails to connect and is followed with ENGINE_BACKOFF.
 */
export const STREAM_END_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 30 * 60_000, factor: 8 };

export function backoffDelay(attempt: number, policy: BackoffPolicy = ENGINE_BACKOFF): number {
  const n = Number.isFinite(attempt) ? Math.max(0, Math.floor(attempt)) : 0;
  const factor =
    policy.factor !== undefined && Number.isFinite(policy.factor) && policy.factor >= 1 ? policy.factor : 2;
  return Math.min(policy.maxMs, policy.initialMs * factor ** Math.min(n, 30));
}
