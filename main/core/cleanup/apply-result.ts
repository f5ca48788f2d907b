// What applying a cleanup plan reports: progress as it runs, and each container's outcome. Kept
// apart from the apply itself so the journal and the stored result's redaction (spec-secrets.ts)
// can name them without importing the code that runs the steps.

import type { StepAction } from './plan';
import type { RecreateSpec } from './recreate-spec';

export type ItemOutcome = 'done' | 'skipped' | 'failed';

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
