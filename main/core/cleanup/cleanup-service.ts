// The app's one way to change containers in a cleanup: apply, resume and the walkthrough's
// re-create all go through here, under the cross-process cleanup lock, so the app and the CLI (or
// two windows) never run two at once, and a cleanup that is running is never offered as
// "interrupted".

import type { EciChecker } from '../check';
import { applyPlan, resumeCleanup, type ApplyProgress, type ApplyResult } from './apply';
import { acquireCleanupLock, cleanupLockHolder } from './cleanup-lock';
import { scanJournals, type Journal } from './journal';
import type { CleanupPlan } from './plan';

export interface InterruptedView {
  planId: string;
  items: ReturnType<Journal['summary']>;
  /** A torn last line was found and will be cut off, or null. */
  notice: string | null;
}

export class CleanupService {
  constructor(
    private readonly stateDir: string,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** Whether a cleanup runs now (in this process or another). */
  running(): boolean {
    return cleanupLockHolder(this.stateDir) !== null;
  }

  /** The interrupted cleanup, or null when there is none or when one is running right now. */
  interrupted(): InterruptedView | null {
    if (this.running()) return null;
    const { unfinished, refused } = scanJournals(this.stateDir);
    for (const r of refused) this.log(`cleanup journal refused: ${r.reason}`);
    if (!unfinished) return null;
    return { planId: unfinished.plan.id, items: unfinished.summary(), notice: unfinished.notice };
  }

  apply(checker: EciChecker, plan: CleanupPlan, onProgress: (p: ApplyProgress) => void): Promise<ApplyResult> {
    return applyPlan(checker, plan, { confirmed: true, stateDir: this.stateDir, onProgress });
  }

  /** The journal to resume; throws the reason when there is none or it was refused. */
  resumable(): Journal {
    const { unfinished, refused } = scanJournals(this.stateDir);
    if (unfinished) return unfinished;
    if (refused.length) throw new Error(`The interrupted cleanup cannot be resumed: ${refused[0]!.reason}`);
    throw new Error('There is no interrupted cleanup to resume.');
  }

  resume(checker: EciChecker, journal: Journal, onProgress: (p: ApplyProgress) => void): Promise<ApplyResult> {
    if (journal.notice) this.log(journal.notice);
    return resumeCleanup(checker, journal, { confirmed: true, stateDir: this.stateDir, onProgress });
  }

  /** Runs other container changes (the walkthrough's re-create) under the same lock. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    const release = acquireCleanupLock(this.stateDir);
    try {
      return await work();
    } finally {
      release();
    }
  }
}
