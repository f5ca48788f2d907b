// Commands shown to a person to paste into a shell: every argument that did not come from us is
// quoted for the shell it is shown for, so nothing in it ($(...), `...`, ;, &) runs when pasted.
// Pure.

import { hasControlChar } from './terminal-text';

export type CommandShell = 'posix' | 'powershell';

/** The shell a suggested command is written for on this platform: PowerShell on Windows. */
export function shellFor(platform: NodeJS.Platform): CommandShell {
  return platform === 'win32' ? 'powershell' : 'posix';
}

/** A POSIX single-quoted word: nothing is special inside but the quote itself, closed and escaped. */
export function posixQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A PowerShell single-quoted string: only the quote needs escaping (doubled), and PowerShell
 * takes the typographic single quotes (U+2018 to U+201B) as quotes too.
 */
export function psQuote(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/** Words that read the same unquoted in the shell: kept bare so a command stays readable. */
const BARE: Record<CommandShell, RegExp> = {
  posix: /^[A-Za-z0-9_./-][A-Za-z0-9_./:=+-]*$/,
  // Backslashes are plain in PowerShell (Windows paths); a leading dash is a parameter name.
  powershell: /^[A-Za-z0-9_./\\-][A-Za-z0-9_./\\:=+-]*$/,
};

/**
 * One command line for `shell`: bare words stay bare, every other argument is quoted. Null when an
 * argument holds a control character (terminal-text.ts): such a command is not shown at all.
 */
export function commandLine(args: readonly string[], shell: CommandShell): string | null {
  if (args.some(hasControlChar)) return null;
  const quote = shell === 'powershell' ? psQuote : posixQuote;
  const words = args.map((a) => (BARE[shell].test(a) ? a : quote(a)));
  // PowerShell parses a command line that begins with a quoted string as an expression: & runs it.
  return shell === 'powershell' && words[0] !== args[0] ? `& ${words.join(' ')}` : words.join(' ');
}
