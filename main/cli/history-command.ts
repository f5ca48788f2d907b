// `eci-tray history`: the recent activity the app records (a line when the verdict or the setting
// changes), read from the same state folder, newest first as `gh` lists. Read only: a file that
// cannot be read is reported and left as it is (the app sets it aside when it next starts).

import { join } from 'node:path';
import { activityLines, type ActivityEntry } from '../core/activity/activity-log';
import { ACTIVITY_FILE, readActivityFile } from '../core/activity/activity-store';
import { errorText } from '../core/error-text';
import { stateDir } from '../core/store/state-dir';
import { oneLine } from '../core/text/terminal-text';
import { parseFlags } from './check-options';
import { EXIT_INTERNAL_ERROR, EXIT_OK } from './exit-codes';
import type { CliIO } from './io';
import { UsageError } from './usage-error';

export const HISTORY_HELP = `Usage: eci-tray history [--json] [--limit N]

Shows the recent activity ECI Tray's app recorded (each change of the verdict or of the ECI
setting, with its cause), newest first, from its state folder (ECI_TRAY_STATE_DIR when set).

Options:
  --json                 print the entries as a JSON array, newest first
  -L, --limit N          show at most N entries (default: all kept, up to 50)
  -h, --help             show this help

Examples:
  eci-tray history
  eci-tray history --limit 5
  eci-tray history --json
`;

const HISTORY_FLAGS = {
  json: { type: 'boolean' },
  limit: { type: 'string', short: 'L' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The lines for people: "2026-12-01 12:27  ECI is off → Protected. Cause." (local time). */
export function formatHistory(entries: readonly ActivityEntry[]): string {
  // A container's name is in a cause: one entry stays one line.
  return activityLines(entries)
    .map((l) => oneLine(l.replace(/^ {2}/, '')))
    .join('\n')
    .concat('\n');
}

/** `dir`: the state folder (tests pass their own). */
export async function historyCommand(args: string[], io: CliIO, dir: string = stateDir()): Promise<number> {
  const { values } = parseFlags(args, HISTORY_FLAGS);
  if (values.help) {
    io.out(HISTORY_HELP);
    return EXIT_OK;
  }
  const limit = values.limit === undefined ? Infinity : Number(values.limit);
  if (!Number.isInteger(limit) && limit !== Infinity)
    throw new UsageError(`--limit must be a whole number, not "${values.limit}"`);
  if (limit < 1) throw new UsageError(`--limit must be 1 or more, not "${values.limit}"`);
  const file = join(dir, ACTIVITY_FILE);
  let entries: ActivityEntry[];
  try {
    entries = readActivityFile(file).slice(0, limit);
  } catch (err) {
    io.err(`eci-tray history: the recent activity in ${file} cannot be read: ${errorText(err)}\n`);
    return EXIT_INTERNAL_ERROR;
  }
  if (values.json) {
    io.out(JSON.stringify(entries, null, 2) + '\n');
    return EXIT_OK;
  }
  if (entries.length === 0) {
    io.out(
      `No activity recorded yet (${file}).\nECI Tray's app records a line each time the verdict changes while it runs; "eci-tray check" verifies now.\n`,
    );
    return EXIT_OK;
  }
  io.out(formatHistory(entries));
  return EXIT_OK;
}
