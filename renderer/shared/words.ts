// Plain words for what the core reports: checks, results, where a setting comes from, sizes and
// times. The verdict titles and advice texts come from the core itself (pure modules).

import type { CheckId, CheckResult, DesiredState, Strategy } from '../../main/ipc/contract';

export { ADVICE_TEXT, bytes, plural, VERDICT_TITLE, VERDICT_FAMILY, verdictTitle } from '../../main/core/words';
export { applyLabel, changedCount, heldData, losesFilesOnRemove, planCounts, planSummary } from '../../main/core/words';

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

/** A CSS tone for a result: never the only signal (the word is always shown). */
export const RESULT_TONE: Record<CheckResult, 'ok' | 'bad' | 'warn'> = {
  isolated: 'ok',
  'not-isolated': 'bad',
  'allow-listed': 'ok',
  error: 'warn',
};

export const STRATEGY_WORD: Record<Strategy, string> = {
  remove: 'Remove (volumes are kept)',
  snapshot: 'Snapshot its files, then remove',
  recreate: 'Re-create under ECI',
};

export function onOff(eci: boolean | null): string {
  return eci === true ? 'On' : eci === false ? 'Off' : 'Not known';
}

export function desiredSource(d: DesiredState): string {
  switch (d.source) {
    case 'admin-locked':
      return 'Admin policy, locked (users cannot change it)';
    case 'admin-unlocked':
      return 'Admin policy, not locked (a default the user can change)';
    case 'user':
      return "The user's Docker Desktop settings";
    case 'not-found-locally':
      return 'No local file asks for it (likely a Docker Home policy)';
    default:
      return "Docker Desktop's default (off)";
  }
}

/** "14:03:12 (2 minutes ago)"; the full date when it is not today. */
export function when(iso: string | null, now = new Date()): string {
  if (!iso) return 'never';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const seconds = Math.round((now.getTime() - t.getTime()) / 1000);
  const ago = seconds < 5 ? 'just now' : seconds < 90 ? `${seconds} seconds ago` : seconds < 5400 ? `${Math.round(seconds / 60)} minutes ago` : `${Math.round(seconds / 3600)} hours ago`;
  const sameDay = t.toDateString() === now.toDateString();
  return `${sameDay ? t.toLocaleTimeString() : t.toLocaleString()} (${ago})`;
}
