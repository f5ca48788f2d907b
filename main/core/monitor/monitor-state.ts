// The monitor's state: the report plus what the monitor itself knows (engine connection, why
// this state was emitted, what changed, advice codes). The verdict and its reason are the
// report's own: never copied here, so no face can show a second, differing version of them.
// Advice and change detection are pure.

import type { AdviceCode, CheckReport, SettingsProblem, Verdict } from '../model';

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

export interface AdviceInputs {
  verdict: Verdict;
  /** The engine came back after going away while this same setting was already pending. */
  restartedWhilePending: boolean;
  problems: SettingsProblem[];
  reconnecting: boolean;
  /** Docker Desktop said it is paused by hand (an engine-unreachable verdict then means "resume it"). */
  paused?: boolean;
  /** The pending setting is the user's own (Desktop's own restart applies it), not an admin one. */
  userSetting?: boolean;
}

export function adviceFor(i: AdviceInputs): AdviceCode[] {
  const advice: AdviceCode[] = [];
  if (i.reconnecting) advice.push('engine-reconnecting');
  if (i.problems.some((p) => p.blocksDockerDesktop)) advice.push('fix-admin-settings');
  switch (i.verdict) {
    case 'pending-restart':
      if (i.userSetting) {
        advice.push('apply-and-restart');
        break;
      }
      if (i.restartedWhilePending) advice.push('menu-restart-insufficient');
      advice.push('full-quit-required');
      break;
    case 'not-applied':
      advice.push('setting-not-applied');
      break;
    case 'unprotected-containers':
      advice.push('review-containers');
      break;
    case 'off':
      advice.push('turn-eci-on');
      break;
    case 'engine-unreachable':
      advice.push(i.paused ? 'unpause-docker-desktop' : 'start-docker-desktop');
      break;
    default:
      break;
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
