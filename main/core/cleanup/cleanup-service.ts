// The one way the app and the CLI change containers in a cleanup: plan, apply, resume and the
// walkthrough's re-create all go through here, under the cross-process cleanup lock, so the app
// and the CLI (or two windows) never run two at once, and a cleanup that is running is never
// offered as "interrupted".

import type { EciChecker } from '../verify/check';
import { desktopContextOf } from '../verify/desktop-owned';
import { applyPlan, resumeCleanup } from './apply';
import type { ApplyProgress, ApplyResult } from './apply-result';
import type { Auditor } from './audit';
import { acquireCleanupLock, cleanupLockHolder, CleanupLockedError } from './cleanup-lock';
import { scanJournals, type Journal, type JournalScan } from './journal';
import { makePlan, type CleanupPlan, type Strategy } from './plan';
import { selectForPlan, socketMountAllowList } from './plan-input';
import { recreateRemoved } from './recreate-removed';
import type { RecreateSpec } from './recreate-spec';
import { errorText } from '../error-text';
import { plural } from '../text/format';
import type { Confirm, ConfirmRequest } from '../confirm';
import type { InstallKey } from '../store/install-key';
import { PlanFileError, readPlanFile } from './plan-file';
import { discardConfirmation, setJournalAside } from './journal-discard';

export interface PlanRequest {
  /** Names or ids of the containers to plan for; all of them when absent. */
  only?: readonly string[] | null;
  /** Strategy per container name or id. */
  choices?: Map<string, Strategy>;
  /** Strategy for every container without a choice of its own. */
  strategy?: Strategy;
  /** Whether ECI is verified in effect now (isEciVerifiedInEffect of a fresh report). */
  eciEffective: boolean;
}

export interface InterruptedView {
  planId: string;
  items: ReturnType<Journal['summary']>;
  /** A torn last line was found and will be cut off, or null. */
  notice: string | null;
}

/** What an apply or resume came to: declined at the confirmation, or done (with failures inside). */
export type CleanupRun = { kind: 'declined' } | { kind: 'done'; result: ApplyResult };

/** The words of the confirmation before a resume. */
export function resumeConfirmation(journal: Journal): ConfirmRequest {
  const left = journal.summary().filter((s) => s.status !== 'done').length;
  return {
    title: 'Resume the cleanup?',
    message: 'Finish the interrupted cleanup?',
    detail: `${plural(left, 'container')} left to finish. Finished steps are not repeated.`,
    confirmLabel: 'Resume the cleanup',
  };
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

  /** A plan for the audited containers outside ECI; throws PlanSelectionError for a bad selection. */
  async plan(checker: EciChecker, auditor: Auditor, request: PlanRequest): Promise<CleanupPlan> {
    const settings = await checker.readSettings();
    const desktop = desktopContextOf(settings);
    const audit = await auditor.audit(desktop);
    return makePlan({
      containers: selectForPlan(audit, request.only).map((audited) => ({
        audited,
        info: auditor.inspectOf(audited.id)!,
      })),
      choices: request.choices ?? new Map<string, Strategy>(),
      ...(request.strategy ? { strategy: request.strategy } : {}),
      endpoint: checker.endpoint?.url ?? '',
      context: {
        eciEffective: request.eciEffective,
        socketMountAllowList: socketMountAllowList(settings),
        createdAt: new Date(),
        desktop,
      },
    });
  }

  /** The journals to resume from; throws CleanupLockedError while a cleanup runs (that one is not interrupted). */
  scan(): JournalScan {
    const holder = cleanupLockHolder(this.stateDir);
    if (holder) throw new CleanupLockedError(holder);
    return scanJournals(this.stateDir);
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

  /**
   * Applies a signed plan file after confirmation. Refuses (PlanFileError) a plan edited by hand,
   * made by another installation, or made for another engine than the checker's.
   */
  async applyFile(
    checker: EciChecker,
    path: string,
    key: InstallKey,
    confirm: (plan: CleanupPlan) => Promise<boolean>,
    onProgress: (p: ApplyProgress) => void,
  ): Promise<CleanupRun> {
    const plan = await readPlanFile(path, key);
    if (checker.endpoint && plan.endpoint && plan.endpoint !== checker.endpoint.url)
      throw new PlanFileError(`the plan was made for the engine at ${plan.endpoint}, not ${checker.endpoint.url}`);
    if (!(await confirm(plan))) return { kind: 'declined' };
    return { kind: 'done', result: await this.apply(checker, plan, onProgress) };
  }

  /** Resumes the interrupted cleanup after confirmation; throws the reason when there is none. */
  async confirmAndResume(
    checker: EciChecker,
    confirm: Confirm,
    onProgress: (p: ApplyProgress) => void,
  ): Promise<CleanupRun & { journal: Journal }> {
    const journal = this.resumable();
    if (!(await confirm(resumeConfirmation(journal)))) return { kind: 'declined', journal };
    return { kind: 'done', result: await this.resume(checker, journal, onProgress), journal };
  }

  /** The journal to resume; throws the reason when there is none or it was refused. */
  resumable(): Journal {
    const { unfinished, refused } = this.scan();
    if (unfinished) {
      if (unfinished.notice) this.log(unfinished.notice);
      return unfinished;
    }
    if (refused.length) throw new Error(`The interrupted cleanup cannot be resumed: ${refused[0]!.reason}`);
    throw new Error('There is no interrupted cleanup to resume.');
  }

  /**
   * Sets the interrupted cleanup `planId` aside after confirmation: it is no longer offered for
   * resume; no container or data is touched. Throws when it is no longer the one to resume.
   */
  async confirmAndDiscard(planId: string, confirm: Confirm): Promise<{ kind: 'declined' } | { kind: 'discarded' }> {
    const shown = this.resumable();
    if (shown.plan.id !== planId) throw new Error('This interrupted cleanup is no longer there: look again.');
    if (!(await confirm(discardConfirmation(shown)))) return { kind: 'declined' };
    // Under the lock, looked at again: a resume (here or in the CLI) may have started meanwhile.
    return this.exclusive(async () => {
      const now = scanJournals(this.stateDir).unfinished;
      if (now?.plan.id !== planId) throw new Error('This interrupted cleanup is no longer there: look again.');
      this.log(`interrupted cleanup ${planId} discarded: its journal is now ${setJournalAside(now)}`);
      return { kind: 'discarded' as const };
    });
  }

  resume(checker: EciChecker, journal: Journal, onProgress: (p: ApplyProgress) => void): Promise<ApplyResult> {
    return resumeCleanup(checker, journal, { confirmed: true, stateDir: this.stateDir, onProgress });
  }

  /**
   * Re-creates containers a cleanup removed (the walkthrough's last step), one by one under the
   * cleanup lock, never while an apply or resume (here or in the CLI) runs. `recreated` records
   * each as soon as it runs; the failures come back, one line per container.
   */
  async recreate(
    checker: EciChecker,
    removed: Array<{ name: string; wasRunning: boolean; spec: () => RecreateSpec }>,
    recreated: (name: string) => void,
  ): Promise<string[]> {
    const allowList = socketMountAllowList(await checker.readSettings());
    const failures: string[] = [];
    await this.exclusive(async () => {
      for (const c of removed) {
        try {
          await recreateRemoved(checker.engine(), c.spec(), c.wasRunning, allowList);
          recreated(c.name);
        } catch (err) {
          failures.push(`${c.name}: ${errorText(err)}`);
        }
      }
    });
    return failures;
  }

  /** Runs other container changes under the same lock. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    const release = acquireCleanupLock(this.stateDir);
    try {
      return await work();
    } finally {
      release();
    }
  }
}
