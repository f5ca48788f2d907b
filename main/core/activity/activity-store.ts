// The recent activity kept across app restarts: the last ACTIVITY_LIMIT entries in the state
// folder, written whole (private-files: a crash leaves the old file or the new one). A file that
// cannot be read is set aside and the log starts empty: the app never stops over its memory.

import { existsSync, readFileSync, renameSync } from 'node:fs';
import type { MonitorState } from '../monitor/monitor-state';
import { VERDICTS } from '../model';
import { writePrivateFile } from '../store/private-files';
import { s, validate } from '../schema';
import { setAsidePath } from '../store/set-aside';
import { activityEntry, basisOf, CAUSE_MAX, type ActivityBasis, type ActivityEntry } from './activity-log';

export const ACTIVITY_LIMIT = 50;
/** The log's file in the state folder: the app writes it, `eci-tray history` reads it. */
export const ACTIVITY_FILE = 'activity.json';

const entrySchema = s.object({
  at: s.string({ max: 64 }),
  verdict: s.enum(VERDICTS),
  from: s.nullable(s.enum(VERDICTS)),
  desiredEci: s.nullable(s.boolean()),
  menuRestart: s.boolean(),
  cause: s.string({ max: CAUSE_MAX }),
});
const fileSchema = s.object({ version: s.literal(1), entries: s.array(entrySchema, { max: ACTIVITY_LIMIT }) });

/** The entries kept in `file`, newest first; none when there is no file. Read only: throws when it cannot be read. */
export function readActivityFile(file: string): ActivityEntry[] {
  if (!existsSync(file)) return [];
  return validate(fileSchema, JSON.parse(readFileSync(file, 'utf8')), 'activity').entries;
}

export class ActivityLog {
  private list: ActivityEntry[];
  /** The last state seen in this run; before the first, the newest entry on disk. */
  private basis: ActivityBasis | null;
  private seenThisRun = false;

  private constructor(
    private readonly file: string,
    entries: ActivityEntry[],
    private readonly log: (message: string) => void,
  ) {
    this.list = entries;
    this.basis = entries[0] ?? null;
  }

  static load(file: string, log: (message: string) => void = () => undefined): ActivityLog {
    if (!existsSync(file)) return new ActivityLog(file, [], log);
    try {
      return new ActivityLog(file, readActivityFile(file), log);
    } catch (err) {
      const aside = setAsidePath(file);
      try {
        renameSync(file, aside);
        log(
          `the recent activity in ${file} could not be read (${err instanceof Error ? err.message : 'unreadable'}); set aside as ${aside}`,
        );
      } catch {
        log(`the recent activity in ${file} could not be read; starting a new one`);
      }
      return new ActivityLog(file, [], log);
    }
  }

  /** Newest first. */
  entries(): ActivityEntry[] {
    return this.list.map((e) => ({ ...e }));
  }

  /** Records the state when it is a change worth a line; returns the new entry, if any. */
  observe(state: MonitorState): ActivityEntry | null {
    const entry = activityEntry(this.basis, state, this.seenThisRun);
    this.basis = basisOf(state);
    this.seenThisRun = true;
    if (!entry) return null;
    this.list = [entry, ...this.list].slice(0, ACTIVITY_LIMIT);
    try {
      writePrivateFile(this.file, JSON.stringify({ version: 1, entries: this.list }, null, 1) + '\n');
    } catch (err) {
      // Kept in memory for this run; the next change tries to write again.
      this.log(`could not save the recent activity: ${err instanceof Error ? err.message : 'write failed'}`);
    }
    return entry;
  }
}
