// The engine connection as the monitor shows it, with its grace period: an engine that goes away
// is "unreachable" only if it is still away when the period ends, whoever saw it go first (the
// event stream, or a verification that found it gone before the stream said so).

import type { EngineConnection } from './monitor-state';

export class EngineConnectionClock {
  private now: EngineConnection = { connected: true, lostSince: null, restarts: 0 };
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly graceMs: number,
    /** The grace period ended with the engine still counted as away. */
    private readonly onGraceOver: () => void,
  ) {}

  get state(): EngineConnection {
    return this.now;
  }

  get away(): boolean {
    return this.now.lostSince !== null;
  }

  /** Away, for less than the grace period. */
  withinGrace(at = Date.now()): boolean {
    return this.now.lostSince !== null && at - Date.parse(this.now.lostSince) < this.graceMs;
  }

  /** Away since `at`; false if it already was (its grace period goes on, not again from now). */
  lost(at = Date.now()): boolean {
    if (this.away) return false;
    this.now = { ...this.now, connected: false, lostSince: new Date(at).toISOString() };
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.away) this.onGraceOver();
    }, this.graceMs);
    return true;
  }

  /**
   * Back: the grace period ends. `restart` counts it as a restart (the engine came back, or
   * reopened a stream it ended); a verification that merely finds it answering again does not.
   * Returns whether it had been counted as away.
   */
  back(restart: 'if-away' | 'always' | 'never'): boolean {
    const wasAway = this.away;
    this.clearTimer();
    const counted = restart === 'always' || (restart === 'if-away' && wasAway);
    this.now = { connected: true, lostSince: null, restarts: this.now.restarts + (counted ? 1 : 0) };
    return wasAway;
  }

  stop(): void {
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
