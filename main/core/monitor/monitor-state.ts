// The monitor's state: the report plus what the monitor itself knows (engine connection, why
// this state was emitted, what changed, advice codes from the way forward). The verdict and its reason are the
// report's own: never copied here, so no face can show a second, differing version of them.
// Advice and change detection are pure.

import type { AdviceCode, CheckReport } from '../model';
import { waysForward } from '../verify/way-forward';

export type Trigger =
  'start' | 'settings' | 'containers' | 'engine-lost' | 'engine-back' | 'engine-unreachable' | 'interval' | 'request';

export type ChangeKind =
  'verdict' | 'desired' | 'effective' | 'evidence' | 'containers' | 'settings' | 'engine' | 'advice';

export interface EngineConnection {
  connected: boolean;
  /** When the engine was last seen going away (ISO), while it is away. */
  lostSince: string | null;
  /** How many times the engine came back after going away (or reopened a stream it ended), since the monitor started. */
  restarts: number;
}

export interface MonitorState {
  seq: number;
  at: string;
  trigger: Trigger;
  changed: ChangeKind[];
  advice: AdviceCode[];
  engine: EngineConnection;
  /** When the probe last ran. */
  verifiedAt: string | null;
  /** Since when the verdict has been this one ("protected since 09:02"). */
  verdictSince: string;
  probeRuns: number;
  report: CheckReport;
}

/** What only the monitor knows, beyond the report. */
export interface MonitorFacts {
  /** The engine came back after going away while this same setting was already pending. */
  restartedWhilePending: boolean;
  /** The engine went away and the grace period has not run out. */
  reconnecting: boolean;
}

/**
 * The watch stream's advice codes: each way forward's own code (way-forward.ts decides them),
 * plus the two facts only the monitor knows, in the order scripts have always seen them.
 */
export function adviceFor(report: CheckReport, facts: MonitorFacts): AdviceCode[] {
  const advice: AdviceCode[] = [];
  if (facts.reconnecting) advice.push('engine-reconnecting');
  for (const way of waysForward(report, [], 'cli')) {
    if (way.code === 'full-quit-required' && facts.restartedWhilePending) advice.push('menu-restart-insufficient');
    if (way.code) advice.push(way.code);
  }
  return advice;
}

const key = (v: unknown) => JSON.stringify(v);

/** What differs between two states (empty when nothing a user would see changed). */
export function changesBetween(
  prev: Omit<MonitorState, 'changed' | 'seq' | 'at' | 'trigger' | 'verdictSince'> | null,
  next: Omit<MonitorState, 'changed' | 'seq' | 'at' | 'trigger' | 'verdictSince'>,
): ChangeKind[] {
  if (!prev) return ['verdict'];
  const changes: ChangeKind[] = [];
  const a = prev.report;
  const b = next.report;
  if (a.verdict !== b.verdict || a.reason !== b.reason) changes.push('verdict');
  if (key(a.desired) !== key(b.desired)) changes.push('desired');
  if (key(a.effective) !== key(b.effective)) changes.push('effective');
  if (key(a.checks.map((c) => [c.id, c.result])) !== key(b.checks.map((c) => [c.id, c.result])))
    changes.push('evidence');
  if (
    key(a.unprotectedContainers.map((c) => [c.id, c.state])) !==
    key(b.unprotectedContainers.map((c) => [c.id, c.state]))
  )
    changes.push('containers');
  if (key(a.settingsProblems) !== key(b.settingsProblems) || key(a.settingsFiles) !== key(b.settingsFiles))
    changes.push('settings');
  if (prev.engine.connected !== next.engine.connected || key(a.engine) !== key(b.engine)) changes.push('engine');
  if (key(prev.advice) !== key(next.advice)) changes.push('advice');
  return changes;
}
