// The tray: icon family, tooltip and menu, as pure functions of the app state. The Electron
// shell only renders what these return.

import type { MonitorState } from './monitor-state';
import { wayForward } from '../verify/way-forward';
import { formatTime } from '../text/time';
import {
  beforeEci,
  FULL_QUIT,
  MENU_RESTART_DID_NOT_APPLY,
  MENU_RESTART_NOT_ENOUGH,
  reportFamily,
  shortStatus,
  VERDICT_STATE,
  type IconFamily,
} from '../words';

export type TrayAction =
  | 'check-now'
  | 'relaunch'
  | 'start-desktop'
  | 'open-cleanup'
  | 'open-walkthrough'
  | 'open-details'
  | 'pause-hour'
  | 'pause-tomorrow'
  | 'resume-notifications'
  | 'toggle-start-at-login'
  | 'quit';

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

export function iconFamily(state: MonitorState | null): IconFamily {
  return state ? reportFamily(state.report) : 'inactive';
}

export function statusLine(state: MonitorState | null, checking: boolean): string {
  if (!state) return checking ? 'ECI: checking…' : 'ECI: not checked yet';
  return `ECI: ${shortStatus(state.report)}`;
}

export function tooltip(input: TrayInput): string {
  const verified = input.state?.verifiedAt ? `checked ${formatTime(input.state.verifiedAt)}` : 'not checked yet';
  return `ECI Tray: ${statusLine(input.state, input.checking).replace(/^ECI: /, '')} (${verified})`;
}

/** "Checked 12:31 · protected since 09:02": when the probe last ran, and how long this has held. */
export function sinceLine(state: MonitorState): string {
  const checked = state.verifiedAt ? `Checked ${formatTime(state.verifiedAt)}` : 'Not checked yet';
  const since = state.verdictSince
    ? ` · ${VERDICT_STATE[state.report.verdict]} since ${formatTime(state.verdictSince)}`
    : '';
  return `${checked}${since}`;
}

export function trayMenu(input: TrayInput): MenuModel[] {
  const s = input.state;
  const items: MenuModel[] = [{ kind: 'label', text: statusLine(s, input.checking) }];
  if (s) items.push({ kind: 'label', text: sinceLine(s) });
  items.push({ kind: 'separator' });
  items.push({
    kind: 'action',
    action: 'check-now',
    label: input.checking ? 'Checking…' : 'Check now',
    enabled: !input.checking,
  });
  // The state's own way forward, where the tray can do it.
  const forward = s ? wayForward(s.report, s.advice, 'app') : null;
  if (s?.report.verdict === 'pending-restart' && s.advice.includes('apply-and-restart')) {
    // The user's own setting: Docker Desktop's own restart applies it, not our full quit.
    items.push({ kind: 'label', text: "Apply and restart in Docker Desktop's Settings" });
  } else if (s?.report.verdict === 'not-applied') {
    items.push({ kind: 'label', text: 'A relaunch will not help: see Details' });
  } else if (s?.report.verdict === 'pending-restart') {
    items.push({ kind: 'action', action: 'relaunch', label: `${FULL_QUIT}…`, enabled: true });
    items.push({
      kind: 'label',
      text: s.advice.includes('menu-restart-insufficient') ? MENU_RESTART_DID_NOT_APPLY : MENU_RESTART_NOT_ENOUGH,
    });
  } else if (forward?.action?.id === 'start-desktop') {
    items.push({ kind: 'action', action: 'start-desktop', label: forward.action.label, enabled: true });
  } else if (forward?.action?.id === 'open-settings-file') {
    items.push({ kind: 'action', action: 'open-details', label: 'Fix the admin settings file…', enabled: true });
  }
  const n = s?.report.unprotectedContainers.length ?? 0;
  if (n > 0)
    items.push({
      kind: 'action',
      action: 'open-cleanup',
      label: `Review ${beforeEci(n)}…`,
      enabled: true,
    });
  items.push({ kind: 'action', action: 'open-walkthrough', label: 'ECI walkthrough…', enabled: true });
  items.push({ kind: 'action', action: 'open-details', label: 'Details…', enabled: true });
  items.push({ kind: 'separator' });
  const paused = input.pausedUntil !== null && input.pausedUntil > input.now.getTime();
  items.push({
    kind: 'submenu',
    label: paused ? `Notifications paused until ${formatTime(input.pausedUntil!)}` : 'Pause notifications',
    items: [
      { kind: 'action', action: 'pause-hour', label: 'For 1 hour', enabled: true },
      { kind: 'action', action: 'pause-tomorrow', label: 'Until tomorrow', enabled: true },
      { kind: 'action', action: 'resume-notifications', label: 'Resume', enabled: paused },
    ],
  });
  items.push({
    kind: 'checkbox',
    action: 'toggle-start-at-login',
    label: 'Start at login',
    checked: input.startAtLogin,
  });
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
