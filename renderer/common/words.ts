// The pages' words: all from the core's words module (shared with the CLI, tray and
// notifications), plus times as the page shows them.

export {
  agree,
  BEFORE_ECI,
  BEFORE_ECI_TITLE,
  beforeEci,
  beforeEciRun,
  bytes,
  CHECK_EXPLAINED,
  CHECK_TITLE,
  desiredSource,
  formatDateTime,
  formatTime,
  FULL_QUIT,
  MENU_RESTART_NOT_ENOUGH,
  onOff,
  plural,
  relaunchOutcomeText,
  reportFamily,
  RESULT_TONE,
  RESULT_WORD,
  shortStatus,
  VERDICT_TITLE,
  VERDICT_FAMILY,
  verdictTitle,
} from '../../main/core/words';
export {
  CHECK_HUMAN_TITLE,
  CHECK_NOW,
  checksSummary,
  COPY_REPORT_FOR_IT,
  headlineAnnouncement,
  pageHeadline,
  type PageHeadline,
  type TopActionId,
} from '../../main/core/report/page-headline';
import { formatDateTime, formatTime } from '../../main/core/words';
// The cleanup's words (its footer, apply button and "holds data" marker) live with the cleanup
// (main/core/cleanup/), which takes the shared words from the words module; the pages take them here.
export { applyLabel, changedCount, planCounts, planSummary, STRATEGY_WORD } from '../../main/core/cleanup/plan-summary';
export { heldData, losesFilesOnRemove } from '../../main/core/cleanup/held-data';
export {
  dataChips,
  dataChipTone,
  naturalSort,
  preselected,
  STRATEGY_CHOICE,
} from '../../main/core/cleanup/table-choices';
export { resultHeadline, resultLine } from '../../main/core/cleanup/result-words';

/** "14:03 (2 minutes ago)"; with the date when it is not today. */
export function when(iso: string | null, now = new Date()): string {
  if (!iso) return 'never';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const seconds = Math.round((now.getTime() - t.getTime()) / 1000);
  const ago =
    seconds < 5
      ? 'just now'
      : seconds < 90
        ? `${seconds} seconds ago`
        : seconds < 5400
          ? `${Math.round(seconds / 60)} minutes ago`
          : `${Math.round(seconds / 3600)} hours ago`;
  const sameDay = t.toDateString() === now.toDateString();
  return `${sameDay ? formatTime(t) : formatDateTime(t)} (${ago})`;
}

/** Docker's documentation, opened in the system browser through 'docs:open' (main allows only https://docs.docker.com/). */
export const DOCS = {
  eci: 'https://docs.docker.com/enterprise/security/hardened-desktop/enhanced-container-isolation/',
  limitations: 'https://docs.docker.com/enterprise/security/hardened-desktop/enhanced-container-isolation/limitations/',
} as const;
