// The monitor's next state from its evidence, settings and containers: the report, the advice
// (with the pending setting's own clock), and whether anything a listener cares about changed.
// Pure: the monitor keeps the clocks and emits what this returns.

import type { EciChecker } from '../verify/check';
import type { EngineEvidence } from '../verify/assemble-report';
import { adviceFor, changesBetween, type EngineConnection, type MonitorState, type Trigger } from './monitor-state';

/** A setting asked for and not applied yet, and since when (ms). */
export interface PendingSince {
  key: string;
  since: number;
}

export interface NextStateInputs {
  report: ReturnType<EciChecker['report']>;
  evidence: EngineEvidence;
  previous: MonitorState | null;
  pending: PendingSince | null;
  connection: EngineConnection;
  /** When the engine last came back or reopened its stream (ms; 0: never). */
  lastEngineBack: number;
  probeRuns: number;
  trigger: Trigger;
  /** Emit even when nothing changed (the user asked, or the first state). */
  force: boolean;
  now: number;
}

/** The next state (null: nothing changed, nothing emitted) and the pending setting's clock. */
export function nextState(i: NextStateInputs): { state: MonitorState | null; pending: PendingSince | null } {
  const { report, now } = i;
  let pending = i.pending;
  if (report.verdict === 'pending-restart') {
    const key = `${report.desired.eci}/${report.desired.source}`;
    if (!pending || pending.key !== key) pending = { key, since: now };
  } else if (report.verdict !== 'engine-unreachable' && report.verdict !== 'unknown') {
    pending = null;
  }
  // Said only when Desktop's processes show it kept running since the change, or cannot be seen (report.restart).
  const restartedWhilePending =
    report.verdict === 'pending-restart' &&
    !!pending &&
    i.lastEngineBack > pending.since &&
    report.restart?.relation !== 'started-after-change';
  const reconnecting =
    !i.connection.connected && i.connection.lostSince !== null && report.verdict !== 'engine-unreachable';
  const advice = adviceFor(report, { restartedWhilePending, reconnecting });
  const candidate = {
    advice,
    engine: { ...i.connection },
    verifiedAt: i.evidence.probe ? i.evidence.at : (i.previous?.verifiedAt ?? null),
    probeRuns: i.probeRuns,
    report,
  };
  const changed = changesBetween(i.previous, candidate);
  if (changed.length === 0 && !i.force) return { state: null, pending };
  const at = new Date(now).toISOString();
  const verdictSince = i.previous && i.previous.report.verdict === report.verdict ? i.previous.verdictSince : at;
  return {
    state: { seq: (i.previous?.seq ?? 0) + 1, at, trigger: i.trigger, changed, verdictSince, ...candidate },
    pending,
  };
}
