// The walkthrough's one-glance words: the result header on top, the past-tense line a done step
// collapses to, and the neutral line of a step not reached yet. Pure, so every wording is tested
// in one table and the page only shows what it is given.

import type { DesiredState } from '../model';
import { formatTime } from '../text/time';

export interface WalkthroughHeader {
  /** What the walkthrough is for ("Walkthrough: turn on …"), or that it is done. */
  purpose: string;
  /** The result, or the current step in one line. */
  title: string;
  /** Why, or what is left. */
  line: string;
  tone: 'ok' | 'warn' | 'neutral';
}

/** "09:05": the local time of day in the locale's format (formatTime), or null when there is none. */
export function clockTime(iso: string | null | undefined): string | null {
  if (!iso || Number.isNaN(new Date(iso).getTime())) return null;
  return formatTime(iso);
}

const at = (iso: string | null | undefined, sep: string) => {
  const time = clockTime(iso);
  return time ? `${sep}${time}` : '';
};

export interface HeaderInput {
  target: 'on' | 'off';
  complete: boolean;
  total: number;
  /** The step the user is at (current or blocked), if any. */
  at: { number: number; title: string; why: string; blocked: boolean } | null;
  /** When the probe last verified (ISO), or null. */
  verifiedAt: string | null;
}

export function walkthroughHeader(i: HeaderInput): WalkthroughHeader {
  if (i.complete) {
    return {
      purpose: 'Walkthrough done',
      title:
        i.target === 'on'
          ? `ECI is on and verified${at(i.verifiedAt, ', ')}`
          : `ECI is off, as the policy asks, and verified${at(i.verifiedAt, ', ')}`,
      line: 'Nothing is left to do. The steps below show what was done.',
      tone: 'ok',
    };
  }
  const purpose =
    i.target === 'on'
      ? 'Walkthrough: turn on Enhanced Container Isolation'
      : 'Walkthrough: a policy turns Enhanced Container Isolation off';
  if (!i.at) return { purpose, title: 'Working out where you stand…', line: '', tone: 'neutral' };
  return {
    purpose,
    title: `Step ${i.at.number} of ${i.total}${i.at.blocked ? ' is blocked' : ''}: ${i.at.title}`,
    line: i.at.why,
    tone: i.at.blocked ? 'warn' : 'neutral',
  };
}

/** A step not reached yet: neutral, never the results of checks that did not apply. */
export function waitsLine(forStep: number): string {
  return `Waits for step ${forStep}.`;
}

function turnedBy(d: DesiredState): string {
  switch (d.source) {
    case 'admin-locked':
      return 'by an admin policy (locked)';
    case 'admin-unlocked':
      return 'by an admin policy (not locked)';
    case 'user':
      return 'in your Docker Desktop settings';
    case 'not-found-locally':
      return 'by a policy with no local file (likely Docker Home)';
    default:
      return 'by Docker Desktop';
  }
}

/** The past-tense line of each step once it is done. */
export const DONE_LINE = {
  prerequisites: (version: string | null) =>
    `Checked: Docker Desktop ${version ?? '(version not reported)'} runs Linux containers.`,
  containers: (target: 'on' | 'off') =>
    target === 'on'
      ? 'Checked the containers: none from before ECI runs.'
      : 'Nothing to clean up: ECI is being turned off.',
  turnOn: (target: 'on' | 'off', desired: DesiredState | null) =>
    target === 'on'
      ? `ECI was turned on ${desired ? turnedBy(desired) : ''}.`.replace(' .', '.')
      : `ECI was set to off ${desired ? turnedBy(desired) : ''}.`.replace(' .', '.'),
  relaunch: (target: 'on' | 'off') => (target === 'on' ? 'Applied: ECI is in effect.' : 'Applied: ECI is off now.'),
  verify: (target: 'on' | 'off', verifiedAt: string | null) =>
    `${target === 'on' ? 'Verified' : 'Verified off'} by probe containers${at(verifiedAt, ' at ')}.`,
  recreate: (target: 'on' | 'off', recreated: string[], skipped: string[]) =>
    target === 'off'
      ? 'Nothing to re-create: ECI is being turned off.'
      : skipped.length
        ? `Skipped re-creating ${skipped.join(', ')}.`
        : recreated.length
          ? `Re-created under ECI: ${recreated.join(', ')}.`
          : 'Nothing to re-create: no container was removed.',
};
