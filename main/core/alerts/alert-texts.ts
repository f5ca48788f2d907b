// What each alert says: titles in the pages' own words (VERDICT_TITLE and the words beside it),
// one plain sentence in the body, and the buttons that do the fix or put it off. Pure.

import type { NotAppliedCause, SettingsProblem } from '../model';
import type { UnknownCause } from '../verify/way-forward';
import {
  beforeEciNotice,
  FULL_QUIT,
  LATER_2H,
  LATER_TONIGHT,
  NOTIFY_BROKEN_SETTINGS_TITLE,
  NOTIFY_DOCKER_PAUSED_BODY,
  NOTIFY_DOCKER_STOPPED_BODY,
  NOTIFY_MENU_RESTART_BODY,
  NOTIFY_NOT_APPLIED_BODY,
  NOTIFY_OFF_BODY,
  NOTIFY_OFF_BY_POLICY_BODY,
  NOTIFY_OFF_BY_POLICY_TITLE,
  NOTIFY_PENDING_BODY,
  NOTIFY_PROTECTED_BODY,
  NOTIFY_SETTINGS_BODY,
  NOTIFY_SETTINGS_PROBLEM_TITLE,
  PAUSED_TITLE,
  UNVERIFIED_CAUSE,
  VERDICT_TITLE,
} from '../words';
import type { Alert, AlertButton } from './alert-types';
import { laterTonight } from './quiet-hours';

/** The fix, then "Later" (tonight only while it is still an hour or more away). */
function pendingButtons(now: Date): AlertButton[] {
  return [
    { label: `${FULL_QUIT}…`, action: 'relaunch' },
    { label: LATER_2H, action: 'later-2h' },
    ...(laterTonight(now) !== null ? [{ label: LATER_TONIGHT, action: 'later-tonight' as const }] : []),
  ];
}

/** A setting waits for a full quit: the user's to do when it suits them, so normal urgency and "Later". */
export function pendingAlert(advice: readonly string[], desiredEci: boolean | null, now: Date): Alert {
  if (advice.includes('apply-and-restart'))
    // The user's own setting: Docker Desktop's own "Apply and restart" applies it, not our quit.
    return {
      kind: 'pending-restart',
      title: 'Apply and restart in Docker Desktop',
      body: 'Open Docker Desktop\'s Settings and select "Apply and restart" to apply your ECI setting.',
      urgency: 'normal',
      action: 'open-details',
    };
  const menu = advice.includes('menu-restart-insufficient');
  return {
    kind: 'pending-restart',
    title: VERDICT_TITLE['pending-restart'],
    body: menu ? NOTIFY_MENU_RESTART_BODY : NOTIFY_PENDING_BODY(desiredEci !== false),
    urgency: 'normal',
    action: 'open-walkthrough',
    buttons: pendingButtons(now),
  };
}

/** Docker Desktop started after the change and ECI is still not as asked: a relaunch will not help. */
export function notAppliedAlert(cause: NotAppliedCause): Alert {
  return {
    kind: 'pending-restart',
    title: VERDICT_TITLE['not-applied'],
    body: NOTIFY_NOT_APPLIED_BODY(cause),
    urgency: 'normal',
    action: 'open-details',
  };
}

/** Was protected, is not any more. Off by the admin's policy is a decision, not an alarm. */
export function protectionLostAlert(
  how: { off: true; byPolicy: boolean } | { off: false; title: string; cause: UnknownCause | null },
): Alert {
  if (how.off && how.byPolicy)
    return {
      kind: 'protection-lost',
      title: NOTIFY_OFF_BY_POLICY_TITLE,
      body: NOTIFY_OFF_BY_POLICY_BODY,
      urgency: 'normal',
      action: 'open-details',
    };
  return {
    kind: 'protection-lost',
    title: how.off ? VERDICT_TITLE.off : how.title,
    body: how.off
      ? NOTIFY_OFF_BODY
      : how.cause
        ? `${UNVERIFIED_CAUSE[how.cause]}, twice in a row. Open Details to see what to do.`
        : 'ECI can no longer be checked here. Open Details to see why.',
    urgency: 'critical',
    action: 'open-details',
  };
}

/** Containers from before ECI appeared: counted title and body from the one wording (beforeEciNotice). */
export function containersAlert(names: string[], total: number): Alert {
  return {
    kind: 'new-unprotected-containers',
    ...beforeEciNotice(total, names),
    urgency: 'normal',
    action: 'open-cleanup',
  };
}

export function settingsAlert(problem: SettingsProblem): Alert {
  return {
    kind: 'settings-invalid',
    title: problem.blocksDockerDesktop ? NOTIFY_BROKEN_SETTINGS_TITLE : NOTIFY_SETTINGS_PROBLEM_TITLE,
    body: NOTIFY_SETTINGS_BODY(problem.file, problem.line ?? undefined),
    urgency: problem.blocksDockerDesktop ? 'critical' : 'normal',
    action: 'open-details',
  };
}

export function engineAlert(paused: boolean): Alert {
  return {
    kind: 'engine-unreachable',
    title: paused ? PAUSED_TITLE : VERDICT_TITLE['engine-unreachable'],
    body: paused ? NOTIFY_DOCKER_PAUSED_BODY : NOTIFY_DOCKER_STOPPED_BODY,
    urgency: 'low',
    action: 'open-details',
  };
}

export function verifiedAlert(): Alert {
  return {
    kind: 'protection-verified',
    title: VERDICT_TITLE.protected,
    body: NOTIFY_PROTECTED_BODY,
    urgency: 'low',
    action: 'open-details',
  };
}
