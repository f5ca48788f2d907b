// What applying a cleanup plan reports: progress as it runs, and each container's outcome. Kept
// apart from the apply itself so the journal and the stored result's redaction (spec-secrets.ts)
// can name them without importing the code that runs the steps.

import type { StepAction } from './plan';
import type { RecreateSpec } from './recreate-spec';

/** Between why an item stopped and what putting it back did, in a failed item's reason. */
export const PUT_BACK_SEPARATOR = '; nothing was removed: ';

export type ItemOutcome = 'done' | 'skipped' | 'failed';

/**
 * For an item not done: whether its original container is there as it was before the cleanup
 * (never touched, or put back) or gone (removed by someone else, or lost while put back).
 */
export type OriginalState = 'kept' | 'gone';

export interface ApplyProgress {
  index: number;
  total: number;
  name: string;
  action?: StepAction;
  status: 'checking' | 'running' | 'done' | 'skipped' | 'failed';
  message: string;
}

export interface ItemResult {
  name: string;
  outcome: ItemOutcome;
  reason?: string;
  /** Absent for a done item, and in journals written before it was recorded. */
  original?: OriginalState;
  newId?: string;
  /** For a container removed (not re-created): how to create it again later. */
  removedSpec?: RecreateSpec;
}

export interface ApplyResult {
  planId: string;
  journal: string;
  items: ItemResult[];
  /** The plan had already been applied completely: nothing was done. */
  alreadyApplied: boolean;
}
