// What tells the monitor that the effective ECI state could have changed, without a probe
// container (which would wake a Docker Desktop in Resource Saver): the engine's ID (/info),
// when Docker Desktop's processes started (when this host can see them), and the ECI values of
// the settings files. An event stream that reopens, a screen unlock or a resume leads to a probe
// only when one of them changed, or when the last verification left something to settle. Pure.

import type { Verdict } from '../model';
import type { SettingsSnapshot } from '../settings/load-settings';

export interface ChangeFacts {
  /** The engine's ID (/info `ID`); null when the engine did not say. */
  engineId: string | null;
  /** When Docker Desktop's processes started (an opaque, comparable text); null when not visible here. */
  desktopStart: string | null;
  /** The ECI values of the settings files (eciSettingsKey). */
  eciSettings: string;
}

/**
 * When Docker Desktop's processes started, as seen on this host (null: not visible, e.g. not
 * running or another user's). Injected: the monitor works without it, less precisely.
 */
export type DesktopStartSource = () => Promise<string | null>;

export type FactChange = 'engine-id' | 'desktop-start' | 'eci-settings';

const FACTS: Array<[keyof ChangeFacts, FactChange]> = [
  ['engineId', 'engine-id'],
  ['desktopStart', 'desktop-start'],
  ['eciSettings', 'eci-settings'],
];

/**
 * What differs between the facts of the last verification and those read now. A fact not read
 * now (undefined: e.g. the engine ID at a screen unlock, which would need an engine call) is not
 * compared; with no earlier facts, everything read counts as changed.
 */
export function changedFacts(before: ChangeFacts | null, now: Partial<ChangeFacts>): FactChange[] {
  return FACTS.filter(([key]) => now[key] !== undefined && (before === null || before[key] !== now[key])).map(
    ([, change]) => change,
  );
}

/**
 * The ECI values of the settings files as one comparable text: the admin policy, the user's
 * value, the socket-mount exceptions, and the desired state derived from them. Anything else
 * Docker Desktop writes to settings-store.json (it does, often) leaves it unchanged.
 */
export function eciSettingsKey(
  settings: Pick<
    SettingsSnapshot,
    'adminPolicy' | 'userEci' | 'storedSocketMount' | 'socketMountAllowList' | 'desired'
  >,
): string {
  return JSON.stringify([
    settings.adminPolicy,
    settings.userEci,
    settings.storedSocketMount ?? null,
    settings.socketMountAllowList ?? [],
    settings.desired,
  ]);
}

export interface ReconnectFacts {
  /** `reopened`: the stream ended while the engine kept answering; `restarted`: the engine was away (no socket, no answer). */
  how: 'reopened' | 'restarted' | 'resumed';
  changes: FactChange[];
  /** The verdict of the last verification that reached the engine with a probe (null: none yet). */
  lastVerdict: Verdict | null;
  /** Whether Docker Desktop's process start is visible here (then a full quit cannot go unseen). */
  desktopStartVisible: boolean;
}

/** Verdicts that a probe has not settled: one is needed to know where things stand. */
const UNSETTLED: ReadonlySet<Verdict> = new Set(['unknown', 'engine-unreachable']);

/**
 * Whether a probe must run now. Yes when a fact changed or nothing settled the state yet.
 * Without Desktop's process start, a full quit and relaunch cannot be told from an engine
 * restart: an engine back after going away is verified, and so is any reconnection while a
 * setting is pending (a relaunch applies it). Otherwise no: a reopened stream, an unlock or a
 * resume with nothing changed cannot have changed the effective state.
 */
export function probeNeeded(i: ReconnectFacts): boolean {
  if (i.changes.length > 0) return true;
  if (i.lastVerdict === null || UNSETTLED.has(i.lastVerdict)) return true;
  if (i.desktopStartVisible) return false;
  return i.how === 'restarted' || i.lastVerdict === 'pending-restart';
}

/** The monitor's log line for a reconnection: what changed (an engine ID from what to what) and what it does. */
export function reconnectLine(
  how: ReconnectFacts['how'],
  changes: FactChange[],
  engineIds: { before: string | null | undefined; now: string | null | undefined },
  probe: boolean,
): string {
  const said = changes.map((c) =>
    c === 'engine-id' ? `engine-id (${engineIds.before ?? 'none'} -> ${engineIds.now ?? 'none'})` : c,
  );
  const what = how === 'resumed' ? 'system resumed' : `event stream ${how}`;
  return `${what}: ${changes.length ? `changed: ${said.join(', ')}` : 'nothing changed'}; ${probe ? 'verifying' : 'no probe'}`;
}
