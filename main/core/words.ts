// ECI Tray's words, for the CLI, the tray, notifications and windows: verdict titles, advice,
// checks and results, where a setting comes from, on/off, plurals and sizes. Pure and
// browser-safe (the pages import it as it is). One module, so a word means one thing everywhere.

import type {
  CheckId,
  CheckReport,
  CheckResult,
  DesiredSource,
  DesiredState,
  AdviceCode,
  EngineIdentity,
  NotAppliedCause,
  Verdict,
} from './model';
import { offByPolicy } from './model';
import { plural } from './text/format';

/**
 * The one name for the full quit that applies a pending setting. Never "restart": Restart is the
 * name of the Docker menu item that does not apply it.
 */
export const FULL_QUIT = 'Quit and reopen Docker Desktop';
export const FULL_QUIT_LOWER = 'quit and reopen Docker Desktop';
/** Why the Docker menu's Restart is not the fix (capital R: the menu item's name); a clause. */
export const MENU_RESTART_NOT_ENOUGH = 'Restart from the Docker menu is not enough';
/** Said once Desktop was restarted from its menu and the setting is still pending; a clause. */
export const MENU_RESTART_DID_NOT_APPLY = 'Restart from the Docker menu did not apply the setting';
/** Why an admin policy may not apply, in Docker's spelling ("organization"); a clause. */
export const SIGN_IN_APPLIES = 'admin-settings.json applies only while you are signed in to your Docker organization';
/** When a pending setting applies, after "it" or "the ECI setting". */
export const APPLIES_AFTER_FULL_QUIT = `applies only after you ${FULL_QUIT_LOWER} (${MENU_RESTART_NOT_ENOUGH})`;

// Containers created before ECI was on: one name everywhere ("containers from before ECI"), and
// the verb or pronoun after a count agrees with it ("1 container ... it", "2 containers ... they").

/** The one name for containers created before ECI was on, inside a sentence and as a title. */
export const BEFORE_ECI = 'containers from before ECI';
export const BEFORE_ECI_TITLE = 'Containers from before ECI';
/** "1 container from before ECI", "2 containers from before ECI". */
export function beforeEci(n: number): string {
  return `${plural(n, 'container')} from before ECI`;
}
/** The word that agrees with a count: agree(1, 'runs', 'run') is "runs", agree(0 or 2, ...) "run". */
export function agree(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
/** "1 container from before ECI runs", "2 containers from before ECI run". */
export function beforeEciRun(n: number): string {
  return `${beforeEci(n)} ${agree(n, 'runs', 'run')}`;
}
/** The way forward from containers from before ECI (tray's app and the CLI). */
export function removeBeforeEci(n: number): string {
  return `Remove or re-create the ${beforeEci(n)}: ${agree(n, 'it keeps', 'they keep')} running without ECI.`;
}
/** The walkthrough's step 2, by how many containers from before ECI there are (null: not known yet). */
export function beforeEciStepWhy(n: number | null): string {
  if (n === null) return 'Review the containers from before ECI.';
  if (n === 0) return 'No container from before ECI runs.';
  return `${beforeEci(n)} ${agree(n, 'stays', 'stay')} unprotected even after ECI is on: remove ${agree(n, 'it', 'them')}, or keep a snapshot to re-create under ECI.`;
}
/** The notification for containers from before ECI that appeared; names are the first few. */
export function beforeEciNotice(n: number, names: string[]): { title: string; body: string } {
  const more = n > names.length ? ` and ${n - names.length} more` : '';
  return {
    title: `${plural(n, 'container')} ${agree(n, 'runs', 'run')} without ECI`,
    body: `${names.join(', ')}${more} ${agree(n, 'was', 'were')} created before ECI was on. Review and remove or re-create ${agree(n, 'it', 'them')}.`,
  };
}

export const VERDICT_TITLE: Record<Verdict, string> = {
  protected: 'Protected',
  'unprotected-containers': `${BEFORE_ECI_TITLE} run without it`,
  'pending-restart': `Pending: ${FULL_QUIT_LOWER}`,
  'not-applied': 'Setting not applied',
  off: 'ECI is off',
  'engine-unreachable': 'Docker is not running',
  'not-docker-desktop': 'Not Docker Desktop',
  'unsupported-version': 'Docker Desktop too old for ECI',
  unknown: 'Could not verify ECI',
};

/** A paused Docker Desktop is running: "not running" would send the user to start it again. */
export const PAUSED_TITLE = 'Docker Desktop is paused';

/** The verdict's title, with a paused Desktop named as such. */
export function verdictTitle(verdict: Verdict, engine?: { paused?: boolean } | null): string {
  return verdict === 'engine-unreachable' && engine?.paused ? PAUSED_TITLE : VERDICT_TITLE[verdict];
}

export type IconFamily = 'protected' | 'needs-action' | 'unprotected' | 'inactive';

export const VERDICT_FAMILY: Record<Verdict, IconFamily> = {
  protected: 'protected',
  'unprotected-containers': 'needs-action',
  'pending-restart': 'needs-action',
  // ECI is not as asked and a relaunch will not help: the user (or the admin) has to act.
  'not-applied': 'needs-action',
  off: 'unprotected',
  'engine-unreachable': 'inactive',
  'not-docker-desktop': 'inactive',
  // An engine that runs but cannot be verified (or is too old for ECI) needs the user: not the
  // calm grey of "Docker is not running".
  'unsupported-version': 'needs-action',
  unknown: 'needs-action',
};

/** The icon family of a report: its verdict's, except ECI off by policy (no red alarm for it). */
export function reportFamily(report: Pick<CheckReport, 'verdict' | 'desired'>): IconFamily {
  return offByPolicy(report) ? 'inactive' : VERDICT_FAMILY[report.verdict];
}

/** The state a verdict names, for "protected since 09:02". */
export const VERDICT_STATE: Record<Verdict, string> = {
  protected: 'protected',
  'unprotected-containers': BEFORE_ECI,
  'pending-restart': 'pending',
  'not-applied': 'not applied',
  off: 'off',
  'engine-unreachable': 'not running',
  'not-docker-desktop': 'not Docker Desktop',
  'unsupported-version': 'too old for ECI',
  unknown: 'unverified',
};

/** The verdict in two or three words, after "ECI: " (tray, notifications' titles). */
export function shortStatus(
  report: Pick<CheckReport, 'verdict' | 'desired' | 'engine' | 'unprotectedContainers' | 'notAppliedCause'>,
): string {
  switch (report.verdict) {
    case 'protected':
      return 'On and verified';
    case 'unprotected-containers': {
      const n = report.unprotectedContainers.length;
      // None of the user's own: Docker Desktop's kind nodes from before ECI are what counts.
      return n === 0 ? 'On · Kubernetes nodes without it' : `On · ${beforeEci(n)}`;
    }
    case 'pending-restart':
      return report.desired.source === 'user' && !report.desired.contested
        ? 'Pending · apply and restart'
        : `Pending · ${FULL_QUIT_LOWER}`;
    case 'not-applied':
      return `Not applied · ${NOT_APPLIED_SHORT[report.notAppliedCause ?? 'unknown']}`;
    case 'off':
      return offByPolicy(report) ? 'Off by policy' : 'Off';
    case 'engine-unreachable':
      return report.engine.paused ? 'Docker Desktop is paused' : 'Docker is not running';
    case 'not-docker-desktop':
      return 'Not Docker Desktop';
    case 'unsupported-version':
      return 'Docker Desktop too old';
    case 'unknown':
      return 'Cannot verify';
  }
}

/** Docker Desktop's processes could not be seen, so a full quit cannot be told from a restart. */
export const RESTART_UNSEEN =
  "Docker Desktop's processes cannot be seen from here, so whether it was fully quit since the setting changed cannot be told";

/** A `not-applied` cause in two or three words, after "Not applied · " (tray, notifications). */
export const NOT_APPLIED_SHORT: Record<NotAppliedCause, string> = {
  'not-signed-in': 'sign in to Docker',
  'user-value-wins': 'your own setting wins',
  'too-old-for-backend': 'update Docker Desktop',
  unknown: 'cause unknown',
};

/** What Docker's docs ask for ECI on WSL 2 beyond Desktop 4.20 (docs/DESKTOP-PROCESSES.md cites them). */
export const WSL_UPDATE =
  'keep WSL and its kernel up to date ("wsl --update"; Docker\'s current ECI docs ask for a recent WSL 2 and Linux kernel)';

/** Why a relaunch will not help, after "Docker Desktop has started since it changed." (the verdict's reason). */
export function notAppliedReason(
  cause: NotAppliedCause,
  engine: Pick<EngineIdentity, 'version'>,
  desired: Pick<DesiredState, 'eci' | 'contested'>,
): string {
  switch (cause) {
    case 'not-signed-in':
      return `A relaunch will not help: Docker Desktop reports you are not signed in, and ${SIGN_IN_APPLIES}.`;
    case 'user-value-wins':
      return `A relaunch will not help: your own stored setting (ECI ${onOff(desired.eci)}) outranks an unlocked admin policy (ECI ${onOff(desired.contested?.eci ?? null)}), and Docker Desktop has started since the policy changed.`;
    case 'too-old-for-backend':
      return `A relaunch will not help: Docker Desktop ${engine.version ?? ''} on WSL 2 is too old for ECI, which needs 4.20 or later with WSL 2.`;
    case 'unknown':
      return 'A relaunch will not help, and the cause does not show here: not signed in to your organization, a Docker Home policy that overrides the file, or a Docker Desktop that cannot run ECI on this machine.';
  }
}

/** The way forward from each `not-applied` cause. */
export const NOT_APPLIED_WAY: Record<NotAppliedCause, string> = {
  'not-signed-in': `Sign in to Docker Desktop with your organization's account (the account menu), then ${FULL_QUIT_LOWER}.`,
  'user-value-wins':
    'Turn ECI on in Docker Desktop\'s Settings (General > "Use Enhanced Container Isolation", then "Apply and restart"), or ask your admin to lock the policy.',
  'too-old-for-backend': `Update Docker Desktop to 4.20 or later, and ${WSL_UPDATE}.`,
  unknown: `Check that you are signed in to your organization in Docker Desktop and that it is up to date; if it still does not apply, send the report to your admin.`,
};

/** The user's own setting: Desktop's own restart applies it (Docker's docs for developers). */
export const APPLY_AND_RESTART =
  'Open Docker Desktop\'s Settings and select "Apply and restart" to apply your ECI setting.';

/**
 * The two advice codes only the monitor knows, in words. Every other code is a way forward's own
 * (way-forward.ts): its text is the way's.
 */
export type MonitorFactCode = Extract<AdviceCode, 'engine-reconnecting' | 'menu-restart-insufficient'>;
export const MONITOR_FACT_TEXT: Record<MonitorFactCode, string> = {
  // Said only when Desktop's processes show it kept running since the change (or cannot be seen).
  'menu-restart-insufficient': `${MENU_RESTART_DID_NOT_APPLY}: ${FULL_QUIT_LOWER}.`,
  'engine-reconnecting': 'The Docker engine went away; reconnecting (a restart or wake-up is not an alarm yet).',
};

export { bytes, plural } from './text/format';

/** "on", "off", "unknown"; title case for labels ("On", "Off", "Not known"). */
export function onOff(eci: boolean | null, style: 'lower' | 'title' = 'lower'): string {
  if (style === 'title') return eci === true ? 'On' : eci === false ? 'Off' : 'Not known';
  return eci === null ? 'unknown' : eci ? 'on' : 'off';
}

/** Where the desired ECI setting comes from: a phrase inside a sentence, and a label. */
export const DESIRED_SOURCE: Record<DesiredSource, { phrase: string; label: string }> = {
  'admin-locked': { phrase: 'a locked admin policy', label: 'Admin policy, locked (users cannot change it)' },
  'admin-unlocked': {
    phrase: 'an unlocked admin policy',
    label: 'Admin policy, not locked (a default the user can change)',
  },
  user: { phrase: 'your Docker Desktop settings', label: "The user's Docker Desktop settings" },
  'not-found-locally': {
    phrase: 'no local file (likely a Docker Home policy)',
    label: 'No local file asks for it (likely a Docker Home policy)',
  },
  default: { phrase: 'the defaults', label: "Docker Desktop's default (off)" },
};

/** The source with its file, inside a sentence: "a locked admin policy (/path/admin-settings.json)". */
export function desiredSourceWithFile(d: DesiredState): string {
  return d.file ? `${DESIRED_SOURCE[d.source].phrase} (${d.file})` : DESIRED_SOURCE[d.source].phrase;
}

/** The desired setting's source as a label for the pages. */
export function desiredSource(d: DesiredState): string {
  return DESIRED_SOURCE[d.source].label;
}

export const CHECK_TITLE: Record<CheckId, string> = {
  'uid-map': 'Root in a container is an unprivileged user',
  runtime: 'Containers run under sysbox-runc',
  'host-pid-namespace': "Sharing the host's process namespace is refused",
  'docker-socket-mount': 'Mounting the Docker socket is refused',
};

export const CHECK_EXPLAINED: Record<CheckId, string> = {
  'uid-map': "The probe's /proc/self/uid_map: 0 100000 65536 with ECI, 0 0 4294967295 without.",
  runtime: 'The runtime the engine gave the probe container.',
  'host-pid-namespace': 'What the engine answered to a probe asking for --pid=host.',
  'docker-socket-mount': 'What the engine answered to a probe mounting the Docker socket.',
};

export const RESULT_WORD: Record<CheckResult, string> = {
  isolated: 'Isolated',
  'not-isolated': 'Not isolated',
  'allow-listed': 'Allowed by the admin allow list',
  error: 'Could not check',
};

/** A tone for a result: never the only signal (the word is always shown). */
export const RESULT_TONE: Record<CheckResult, 'ok' | 'bad' | 'warn'> = {
  isolated: 'ok',
  'not-isolated': 'bad',
  'allow-listed': 'ok',
  error: 'warn',
};

/** What a finished relaunch means, in one sentence (CLI and pages). */
export function relaunchOutcomeText(outcome: { applied: boolean; verdict: Verdict }, surface: 'cli' | 'app'): string {
  if (outcome.applied)
    return `Docker Desktop was quit and reopened: the setting now applies (${VERDICT_TITLE[outcome.verdict]}).`;
  if (outcome.verdict === 'not-applied')
    return 'Docker Desktop was quit and reopened, but the setting did not apply, and another relaunch will not help: the details say why and what to do.';
  if (outcome.verdict === 'pending-restart')
    return 'Docker Desktop was quit and reopened, but the setting is still pending: check that Docker Desktop quit completely (no whale icon left), then try again.';
  return `Docker Desktop was quit and reopened, but ECI could not be verified yet (${VERDICT_TITLE[outcome.verdict]}): ${surface === 'cli' ? 'run "eci-tray check"' : 'check'} again in a moment.`;
}

// Times in the OS locale's one format, here so the pages take them with the other words.
export { formatDateTime, formatTime } from './text/time';

// ---- Calm notifications and the tray menu (short words; titles are the pages' own) ----

/** "Later" on a pending notification: the two times it offers. */
export const LATER_2H = 'Later: in 2 hours';
export const LATER_TONIGHT = 'Later: tonight';

/** Notification bodies, one sentence each, no engine words. */
export const NOTIFY_PENDING_BODY = (eciOn: boolean): string =>
  `The ECI setting is saved but not ${eciOn ? 'on' : 'off'} yet. ${FULL_QUIT}: ${MENU_RESTART_NOT_ENOUGH}.`;
export const NOTIFY_MENU_RESTART_BODY = `${MENU_RESTART_DID_NOT_APPLY}. ${FULL_QUIT}.`;
export const NOTIFY_NOT_APPLIED_BODY = (cause: NotAppliedCause): string =>
  cause === 'unknown'
    ? 'Quitting Docker Desktop again will not help, and the cause is not known. Open Details to see what to do.'
    : `Quitting Docker Desktop again will not help: ${NOT_APPLIED_SHORT[cause]}. Open Details to see what to do.`;
export const NOTIFY_OFF_BODY = 'Containers you start now run without Enhanced Container Isolation.';
export const NOTIFY_OFF_BY_POLICY_TITLE = 'ECI turned off by your admin';
export const NOTIFY_OFF_BY_POLICY_BODY = "Your organization's policy now turns Enhanced Container Isolation off.";
export const NOTIFY_PROTECTED_BODY = 'Enhanced Container Isolation is on and checked. Nothing else to do.';
export const NOTIFY_BROKEN_SETTINGS_TITLE = "Docker Desktop won't start";
export const NOTIFY_SETTINGS_PROBLEM_TITLE = 'A settings file has a problem';
export const NOTIFY_SETTINGS_BODY = (file: string, line: number | undefined): string =>
  `${file.split(/[\\/]/).pop() ?? file} has a mistake${line ? ` on line ${line}` : ''}. Open Details to see how to fix it.`;
export const NOTIFY_DOCKER_STOPPED_BODY = 'ECI cannot be checked until Docker Desktop runs again.';
export const NOTIFY_DOCKER_PAUSED_BODY = 'Resume it from the Docker menu. ECI cannot be checked while it is paused.';

/** Why the check could not run, in the user's words (after a retry, in the "could not verify" notification). */
export const UNVERIFIED_CAUSE: Record<'probe-image-missing' | 'paused' | 'engine-busy' | 'other', string> = {
  'probe-image-missing': "Can't download the probe image",
  paused: 'Docker Desktop is paused',
  'engine-busy': 'Docker is too slow to answer',
  other: 'The check gave no clear answer',
};

/** The tray's status row: at most five words, the pages' titles made short. */
export function menuStatus(
  report: Pick<CheckReport, 'verdict' | 'desired' | 'engine' | 'unprotectedContainers'>,
): string {
  switch (report.verdict) {
    case 'protected':
      return 'ECI: On and verified';
    case 'unprotected-containers': {
      const n = report.unprotectedContainers.length;
      return n === 0 ? 'ECI: On · Kubernetes nodes' : `ECI: On · ${n} to review`;
    }
    case 'pending-restart':
      return 'ECI: Pending';
    case 'not-applied':
      return 'ECI: Setting not applied';
    case 'off':
      return offByPolicy(report) ? 'ECI: Off by policy' : 'ECI: Off';
    case 'engine-unreachable':
      return `ECI: ${report.engine.paused ? PAUSED_TITLE : VERDICT_TITLE['engine-unreachable']}`;
    case 'not-docker-desktop':
      return 'ECI: Not Docker Desktop';
    case 'unsupported-version':
      return 'ECI: Docker Desktop too old';
    case 'unknown':
      return 'ECI: Cannot verify';
  }
}

/** A verdict in one or two words, for "Recent changes" ("09:02 Off → Protected"). */
export const MENU_STATE: Record<Verdict, string> = {
  protected: 'Protected',
  'unprotected-containers': 'From before ECI',
  'pending-restart': 'Pending',
  'not-applied': 'Not applied',
  off: 'Off',
  'engine-unreachable': 'Docker stopped',
  'not-docker-desktop': 'Other engine',
  'unsupported-version': 'Too old',
  unknown: 'Unverified',
};

/** The tray menu's items (each at most five words). */
export const MENU = {
  checkNow: 'Check now',
  checking: 'Checking…',
  fullQuit: `${FULL_QUIT}…`,
  applyAndRestart: 'How to apply it…',
  notApplied: 'Why it did not apply…',
  turnOn: 'Turn ECI on…',
  fixAdminFile: 'Fix the admin settings file…',
  review: (n: number) => `Containers from before ECI (${n})…`,
  walkthrough: 'ECI walkthrough…',
  details: 'Details…',
  copyReport: 'Copy report for IT',
  recent: 'Recent changes',
  pause: 'Pause notifications',
  pausedUntil: (hhmm: string) => `Notifications paused until ${hhmm}`,
  pauseHour: 'For 1 hour',
  pauseTomorrow: 'Until tomorrow',
  resume: 'Resume notifications',
  startAtLogin: 'Start at login',
  preferences: 'Preferences…',
  about: (version: string) => `About ECI Tray ${version}`,
  quit: 'Quit ECI Tray',
} as const;

/** Words in a menu label: tokens with a letter or digit ("·", "→" and "…" are not words). */
export function wordCount(label: string): number {
  return label.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
}
