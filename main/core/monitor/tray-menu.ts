// The tray: icon family, tooltip and menu, as pure functions of the app state. The Electron
// shell only renders what these return.

import type { MonitorState } from './monitor-state';
import { wayForward } from '../verify/way-forward';
import type { ActivityEntry } from '../activity/activity-log';
import { formatTime } from '../text/time';
import { offByPolicy } from '../model';
import {
  MENU,
  MENU_STATE,
  menuStatus,
  reportFamily,
  shortStatus,
  VERDICT_STATE,
  wordCount,
  type IconFamily,
} from '../words';

export type TrayAction =
  | 'check-now'
  | 'relaunch'
  | 'start-desktop'
  | 'open-cleanup'
  | 'open-walkthrough'
  | 'open-details'
  | 'copy-report'
  | 'pause-hour'
  | 'pause-tomorrow'
  | 'resume-notifications'
  | 'toggle-start-at-login'
  | 'open-preferences'
  | 'about'
  | 'quit';

/** Every row does something: no greyed prose (the pages and notifications explain). */
export type MenuModel =
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
  /** The app's version, for "About". */
  version: string;
  /** The activity log's entries, newest first: the last three go under "Recent changes". */
  recent: ReadonlyArray<Pick<ActivityEntry, 'at' | 'from' | 'verdict'>>;
}

const hhmm = (d: Date) => formatTime(d);

export function iconFamily(state: MonitorState | null): IconFamily {
  return state ? reportFamily(state.report) : 'inactive';
}

/** The menu's status row, in at most five words. */
export function statusLine(state: MonitorState | null, checking: boolean): string {
  if (!state) return checking ? 'ECI: checking…' : 'ECI: not checked yet';
  return menuStatus(state.report);
}

export function tooltip(input: TrayInput): string {
  const verified = input.state?.verifiedAt ? `checked ${hhmm(new Date(input.state.verifiedAt))}` : 'not checked yet';
  const status = input.state ? shortStatus(input.state.report) : statusLine(null, input.checking).replace(/^ECI: /, '');
  return `ECI Tray: ${status} (${verified})`;
}

/** "Checked 12:31 · protected since 09:02": when the probe last ran, and how long this has held. */
export function sinceLine(state: MonitorState): string {
  const checked = state.verifiedAt ? `Checked ${hhmm(new Date(state.verifiedAt))}` : 'Not checked yet';
  const since = state.verdictSince
    ? ` · ${VERDICT_STATE[state.report.verdict]} since ${hhmm(new Date(state.verdictSince))}`
    : '';
  return `${checked}${since}`;
}

const act = (action: TrayAction, label: string, enabled = true): MenuModel => ({
  kind: 'action',
  action,
  label,
  enabled,
});

/** The one thing to do now, right under the status; null when there is none (or Check now is it). */
export function fixItem(s: MonitorState | null): MenuModel | null {
  if (!s) return null;
  const r = s.report;
  const n = r.unprotectedContainers.length;
  if (r.verdict === 'pending-restart')
    // The user's own setting: Docker Desktop's own "Apply and restart" applies it, not our full quit.
    return s.advice.includes('apply-and-restart')
      ? act('open-details', MENU.applyAndRestart)
      : act('relaunch', MENU.fullQuit);
  if (r.verdict === 'not-applied') return act('open-details', MENU.notApplied);
  if (r.verdict === 'off' && !offByPolicy(r)) return act('open-walkthrough', MENU.turnOn);
  if (r.verdict === 'unprotected-containers' && n > 0) return act('open-cleanup', MENU.review(n));
  const forward = wayForward(r, s.advice, 'app');
  if (forward.action?.id === 'start-desktop') return act('start-desktop', forward.action.label);
  if (forward.action?.id === 'open-settings-file') return act('open-details', MENU.fixAdminFile);
  return null;
}

const DAY_MS = 86_400_000;
const WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** One word for when: "09:02" today, "Tue" this week, "11-27" before. */
export function whenWord(at: Date, now: Date): string {
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  if (at.getTime() >= midnight.getTime()) return hhmm(at);
  if (at.getTime() >= midnight.getTime() - 6 * DAY_MS) return WEEKDAY[at.getDay()]!;
  return `${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

/** "09:02 Off → Protected": a change in at most five words; when both states do not fit
 * ("From before ECI → Not applied"), the state it changed to alone (the details tell the rest). */
export function recentLabel(e: Pick<ActivityEntry, 'at' | 'from' | 'verdict'>, now: Date): string {
  const when = whenWord(new Date(e.at), now);
  const to = `${when} ${MENU_STATE[e.verdict]}`;
  if (!e.from || e.from === e.verdict) return to;
  const change = `${when} ${MENU_STATE[e.from]} → ${MENU_STATE[e.verdict]}`;
  return wordCount(change) <= 5 ? change : to;
}

export function trayMenu(input: TrayInput): MenuModel[] {
  const s = input.state;
  // The status opens the details: the why is there, not in the menu.
  const items: MenuModel[] = [act('open-details', statusLine(s, input.checking))];
  const fix = fixItem(s);
  if (fix) items.push(fix);
  items.push({ kind: 'separator' });
  items.push(act('check-now', input.checking ? MENU.checking : MENU.checkNow, !input.checking));
  const n = s?.report.unprotectedContainers.length ?? 0;
  if (n > 0 && !(fix?.kind === 'action' && fix.action === 'open-cleanup'))
    items.push(act('open-cleanup', MENU.review(n)));
  // The walkthrough is for getting to protected: hidden once there, and when the fix already opens it.
  const walkthroughIsFix = fix?.kind === 'action' && fix.action === 'open-walkthrough';
  if (s?.report.verdict !== 'protected' && !walkthroughIsFix) items.push(act('open-walkthrough', MENU.walkthrough));
  items.push(act('open-details', MENU.details));
  const recent = input.recent.slice(0, 3);
  if (recent.length)
    items.push({
      kind: 'submenu',
      label: MENU.recent,
      items: recent.map((e) => act('open-details', recentLabel(e, input.now))),
    });
  items.push({ kind: 'separator' });
  items.push(act('copy-report', MENU.copyReport));
  const paused = input.pausedUntil !== null && input.pausedUntil > input.now.getTime();
  items.push({
    kind: 'submenu',
    label: paused ? MENU.pausedUntil(hhmm(new Date(input.pausedUntil!))) : MENU.pause,
    items: [
      act('pause-hour', MENU.pauseHour),
      act('pause-tomorrow', MENU.pauseTomorrow),
      ...(paused ? [act('resume-notifications', MENU.resume)] : []),
    ],
  });
  items.push({
    kind: 'checkbox',
    action: 'toggle-start-at-login',
    label: MENU.startAtLogin,
    checked: input.startAtLogin,
  });
  items.push(act('open-preferences', MENU.preferences));
  items.push(act('about', MENU.about(input.version)));
  items.push({ kind: 'separator' });
  items.push(act('quit', MENU.quit));
  return items;
}

/** When "until tomorrow" ends: tomorrow at 08:00 local time. */
export function tomorrowMorning(now: Date): number {
  const t = new Date(now);
  t.setDate(t.getDate() + 1);
  t.setHours(8, 0, 0, 0);
  return t.getTime();
}
