// The first lines of a verdict for people, as `gh` and `brew doctor` lead: a ✓ or ✗ and the
// verdict in words (its slug after it, as --json names it), then the command to run next on a
// line of its own, quoted for the shell so it can be pasted as it is. Pure.

import type { FleetVerdict } from '../core/fleet/fleet-result';
import type { Verdict } from '../core/model';
import { commandLine, type CommandShell } from '../core/text/shell-quote';
import { oneLine } from '../core/text/terminal-text';
import { verdictTitle, VERDICT_FAMILY } from '../core/words';
import type { Span, Tone } from './paint';

const OUTCOME_TITLE: Record<Exclude<FleetVerdict, Verdict>, string> = {
  'no-user-logged-in': 'Nobody is logged in',
  'desktop-not-running': 'Docker Desktop is not running for that user',
  error: 'The check could not run',
};

const TONE = { protected: 'ok', 'needs-action': 'warn', unprotected: 'bad', inactive: 'warn' } as const;

function titleOf(verdict: FleetVerdict, paused: boolean): string {
  if (verdict === 'protected') return 'ECI is on and verified';
  if (verdict in OUTCOME_TITLE) return OUTCOME_TITLE[verdict as keyof typeof OUTCOME_TITLE];
  return verdictTitle(verdict as Verdict, { paused });
}

/** "✓ ECI is on and verified (protected)", then the reason on the next line. */
export function headline(verdict: FleetVerdict, reason: string, paused = false): Span[] {
  const ok = verdict === 'protected';
  const tone: Tone = verdict in VERDICT_FAMILY ? TONE[VERDICT_FAMILY[verdict as Verdict]] : 'bad';
  return [
    { text: ok ? '✓' : '✗', tone },
    { text: ` ${oneLine(titleOf(verdict, paused))}`, tone: 'bold' },
    { text: ` (${verdict})\n${oneLine(reason)}\n` },
  ];
}

/** The engine flags a check was given, carried to the next command so it looks at the same engine and files. */
export const CARRIED_FLAGS = ['docker-host', 'admin-settings', 'user-settings'] as const;

/** What to run next for a verdict, as eci-tray's arguments; null when it is not a command of ours. */
export function nextCommand(verdict: FleetVerdict, values: Record<string, unknown>): string[] | null {
  // Another user's Desktop (an MDM run as root) is theirs to act on: no command is offered.
  if (values['for-user'] !== undefined || values['for-console-user'] === true) return null;
  const sub: Partial<Record<FleetVerdict, string[]>> = {
    'unprotected-containers': ['cleanup', '--plan'],
    'pending-restart': ['relaunch'],
    'not-applied': ['policy', 'explain'],
    off: ['policy', 'explain'],
    unknown: ['doctor'],
  };
  const args = sub[verdict];
  if (!args) return null;
  const carried = CARRIED_FLAGS.flatMap((f) => (typeof values[f] === 'string' ? [`--${f}`, values[f] as string] : []));
  return ['eci-tray', ...args, ...carried];
}

/** "Next: …" with the command alone on its own line; nothing when there is none or it cannot be shown safely. */
export function nextCommandLines(args: string[] | null, shell: CommandShell): string {
  const line = args && commandLine(args, shell);
  return line ? `\nRun next:\n  ${line}\n` : '';
}
