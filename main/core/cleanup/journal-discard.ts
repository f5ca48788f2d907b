// Discarding an interrupted cleanup: its journal is set aside (renamed, kept for a look), so it is
// no longer offered for resume. No container, image or volume is touched: whatever the cleanup
// left half done stays exactly as it is now, and the confirmation says so, naming those items.

import { existsSync, renameSync } from 'node:fs';
import type { ConfirmRequest } from '../confirm';
import { plural } from '../text/format';
import type { Journal } from './journal';

/** The suffix a set-aside journal gets: no longer a journal to resume (journal.ts lists *.journal.jsonl). */
export const DISCARDED_SUFFIX = '.discarded';

/** The words of the confirmation before a discard. */
export function discardConfirmation(journal: Journal): ConfirmRequest {
  const items = journal.summary();
  const midway = items.filter((i) => i.status === 'in progress').map((i) => i.name);
  const notStarted = items.filter((i) => i.status === 'not started').length;
  const lines = [
    'No container, image or volume is removed or put back: everything stays as it is now.',
    ...(midway.length
      ? [
          `${midway.join(', ')} ${midway.length === 1 ? 'was' : 'were'} midway: ${midway.length === 1 ? 'it stays' : 'they stay'} as ${midway.length === 1 ? 'it is' : 'they are'} now (possibly stopped, renamed aside, or with a snapshot or a new copy next to ${midway.length === 1 ? 'it' : 'them'}), and cannot be resumed afterwards.`,
        ]
      : []),
    ...(notStarted
      ? [`${plural(notStarted, 'container')} not started ${notStarted === 1 ? 'stays' : 'stay'} untouched.`]
      : []),
    'The journal is kept in the state folder, renamed, for a look later.',
  ];
  return {
    title: 'Discard the interrupted cleanup?',
    message: 'Stop offering to resume this cleanup?',
    detail: lines.join('\n'),
    confirmLabel: 'Discard the interrupted cleanup',
  };
}

/** Renames the journal aside; returns where it went. */
export function setJournalAside(journal: Journal): string {
  let to = `${journal.path}${DISCARDED_SUFFIX}`;
  for (let n = 2; existsSync(to); n++) to = `${journal.path}${DISCARDED_SUFFIX}-${n}`;
  renameSync(journal.path, to);
  return to;
}
