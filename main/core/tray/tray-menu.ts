// The tray: icon family, tooltip and menu, as pure functions of the app state. The Electron
// shell only renders what these return.

import type { AdviceCode, ChangeKind, MonitorState } from '../monitor/monitor-state';
import { VERDICT_FAMILY, verdictTitle, type IconFamily } from '../words';

export type TrayAction = 'check-now' | 'relaunch' | 'open-cleanup' | 'open-walkthrough' | 'open-details' | 'pause-hour' | 'pause-tomorrow' | 'resume-notifications' | 'toggle-start-at-login' | 'quit';

export type MenuModel =
  | { kind: 'label'; text: string }
  | { kind: 'separator' }
  | { kind: 'action'; action: TrayAction; label: string; enabled: boolean }
  | { kind: 'checkbox'; action: TrayAction; label: string; checked: boolean }
  | { kind: 'submenu'; label: string; items: MenuModel[] };

export interface TrayInput {
  state: MonitorState | null;
  checking: boolean;
  pausedUntil: number | null;
  startAtLogin: boolean;
  now: Date;
}

const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

const CHANGE_WORDS: Record<ChangeKind, string> = {
  verdict: 'verdict',
  desired: 'desired setting',
  effective: 'effective setting',
  evidence: 'probe results',
  containers: 'containers',
  settings: 'settings files',
  engine: 'Docker engine',
  advice: 'advice',
};

export function iconFamily(state: MonitorState | null): IconFamily {
  return state ? VERDICT_FAMILY[state.report.verdict] : 'inactive';
}

export function statusLine(state: MonitorState | null, checking: boolean): string {
  if (!state) return checking ? 'ECI: checking…' : 'ECI: not checked yet';
  const n = state.report.unprotectedContainers.length;
  const title =
    state.report.verdict === 'unprotected-containers' ? `${n} old container${n === 1 ? '' : 's'} run${n === 1 ? 's' : ''} without ECI` : verdictTitle(state.report.verdict, state.report.engine);
  return `ECI: ${title}`;
}

export function tooltip(input: TrayInput): string {
  const verified = input.state?.verifiedAt ? `last verified ${hhmm(new Date(input.state.verifiedAt))}` : 'not verified yet';
  return `ECI Tray: ${statusLine(input.state, input.checking).replace(/^ECI: /, '')} (${verified})`;
}

function changedLine(state: MonitorState): string {
  const what = state.changed.length ? state.changed.map((c) => CHANGE_WORDS[c]).join(', ') : 'nothing';
  return `Changed: ${what} at ${hhmm(new Date(state.at))}`;
}

export function trayMenu(input: TrayInput): MenuModel[] {
  const s = input.state;
  const items: MenuModel[] = [{ kind: 'label', text: statusLine(s, input.checking) }];
  if (s) items.push({ kind: 'label', text: changedLine(s) });
  items.push({ kind: 'separator' });
  items.push({ kind: 'action', action: 'check-now', label: input.checking ? 'Checking…' : 'Check now', enabled: !input.checking });
  if (s?.report.verdict === 'pending-restart') {
    const advice: AdviceCode[] = s.advice;
    items.push({ kind: 'action', action: 'relaunch', label: 'Quit and relaunch Docker Desktop…', enabled: true });
    items.push({
      kind: 'label',
      text: advice.includes('menu-restart-insufficient') ? 'A restart from the Docker menu did not apply it' : 'A restart from the Docker menu is not enough',
    });
  }
  const n = s?.report.unprotectedContainers.length ?? 0;
  if (n > 0) items.push({ kind: 'action', action: 'open-cleanup', label: `Review unprotected containers (${n})…`, enabled: true });
  items.push({ kind: 'action', action: 'open-walkthrough', label: 'ECI walkthrough…', enabled: true });
  items.push({ kind: 'action', action: 'open-details', label: 'Details…', enabled: true });
  items.push({ kind: 'separator' });
  const paused = input.pausedUntil !== null && input.pausedUntil > input.now.getTime();
  items.push({
    kind: 'submenu',
    label: paused ? `Notifications paused until ${hhmm(new Date(input.pausedUntil!))}` : 'Pause notifications',
    items: [
      { kind: 'action', action: 'pause-hour', label: 'For 1 hour', enabled: true },
      { kind: 'action', action: 'pause-tomorrow', label: 'Until tomorrow', enabled: true },
      { kind: 'action', action: 'resume-notifications', label: 'Resume', enabled: paused },
    ],
  });
  items.push({ kind: 'checkbox', action: 'toggle-start-at-login', label: 'Start at login', checked: input.startAtLogin });
  items.push({ kind: 'separator' });
  items.push({ kind: 'action', action: 'quit', label: 'Quit ECI Tray', enabled: true });
  return items;
}

/** When "until tomorrow" ends: tomorrow at 08:00 local time. */
export function tomorrowMorning(now: Date): number {
  const t = new Date(now);
  t.setDate(t.getDate() + 1);
  t.setHours(8, 0, 0, 0);
  return t.getTime();
}
