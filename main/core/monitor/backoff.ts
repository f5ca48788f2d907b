// Reconnection delays: exponential from `initialMs`, capped at `maxMs`. Pure.

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

export const ENGINE_BACKOFF: BackoffPolicy = { initialMs: 100, maxMs: 1_000 };

export function backoffDelay(attempt: number, policy: BackoffPolicy = ENGINE_BACKOFF): number {
  const n = Math.max(0, Math.floor(attempt));
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(n, 30));
}
