// Applying a cleanup plan. Before a container is touched it is looked at again: one that vanished
// or changed since the plan was made is skipped with the reason, never forced, and the steps that
// would run now must be exactly the planned ones. Each step goes to the journal before it runs;
// a resumed cleanup continues after the last finished step, checking the effect of a step that
// was under way when the run stopped instead of repeating it. Volumes are never removed.
// Nothing is removed before what replaces it is checked: a snapshot is verified against the
// container's changes, and a re-created container runs before the old one (renamed aside until
// then) is removed. A failure before that final removal puts the item back as it was (journaled,
// so a crash mid-rollback finishes it on resume): a crash at any moment leaves the old container
// whole or the new one whole, never neither. What the cleanup made is recognised by its labels.
// Once stopped, the original is journaled as it is (stopped-state.ts) and removed, without force,
// only while it is still so; a resumed item is put back instead of continued when the original ran
// again meanwhile (a restart policy during a full quit) or ECI is no longer verified in effect.

import { existsSync } from 'node:fs';
import type { EciChecker } from '../verify/check';
import { desktopContextOf, type DesktopContext } from '../verify/desktop-owned';
import { isEngineGone } from '../engine/engine-errors';
import { errorText } from '../error-text';
import { isEciVerifiedInEffect } from '../verify/settle';
import { auditOne } from './audit';
import { acquireCleanupLock } from './cleanup-lock';
import {
  PUT_BACK_SEPARATOR,
  type ApplyProgress,
  type ApplyResult,
  type ItemOutcome,
  type ItemResult,
  type OriginalState,
} from './apply-result';
import { describeStep, runStep } from './apply-step';
import { Journal, journalPath } from './journal';
import { socketMountAllowList } from './plan-input';
import {
  canonicalJson,
  containerFingerprint,
  planItem,
  type CleanupPlan,
  type PlanItem,
  type StepAction,
} from './plan';
import type { RecreateSpec } from './recreate-spec';
import { OriginalGoneError, rollBack } from './roll-back';
import { resumeProblem, stoppedNow, unchangedSinceStopped } from './stopped-state';
import { crashPoint } from './test-crash-hook';

export interface ApplyOptions {
  confirmed: boolean;
  stateDir: string;
  onProgress?: (p: ApplyProgress) => void;
}

export class CleanupError extends Error {
  override name = 'CleanupError';
}

/** Why the steps that would run now differ from the planned ones, in words. */
function differenceReason(planned: PlanItem, now: PlanItem): string {
  if (planned.wasRunning !== now.wasRunning)
    return planned.wasRunning
      ? 'it was running when planned and is stopped now'
      : 'it was stopped when planned and is running now';
  if (planned.writableLayerBytes > 0 !== now.writableLayerBytes > 0)
    return 'its writable layer changed since the plan was made';
  if (planned.allowed !== now.allowed) return now.whyNot ?? 'what is allowed changed since the plan was made';
  return 'the steps that would run now differ from the plan';
}

export async function applyPlan(checker: EciChecker, plan: CleanupPlan, options: ApplyOptions): Promise<ApplyResult> {
  if (options.confirmed !== true) throw new CleanupError('Applying a cleanup plan needs an explicit confirmation.');
  if (checker.engineError !== null)
    throw new CleanupError(`no Docker engine endpoint is configured (${checker.engineError})`);
  // The lock comes first: two applies of one plan must not both start its journal.
  const release = acquireCleanupLock(options.stateDir);
  try {
    const path = journalPath(options.stateDir, plan.id);
    let journal: Journal;
    if (existsSync(path)) {
      journal = Journal.read(path);
      if (canonicalJson(journal.plan) !== canonicalJson(plan))
        throw new CleanupError(`the journal ${path} belongs to a different plan with the same id`);
      if (journal.finished) {
        const items = journal
          .summary()
          .map((s) => ({ name: s.name, outcome: s.status as ItemOutcome, ...(s.reason ? { reason: s.reason } : {}) }));
        return { planId: plan.id, journal: path, items, alreadyApplied: true };
      }
    } else {
      journal = Journal.create(options.stateDir, plan);
    }
    return await run(checker, journal, options);
  } finally {
    release();
  }
}

/** Resumes an interrupted cleanup from its journal. */
export async function resumeCleanup(
  checker: EciChecker,
  journal: Journal,
  options: ApplyOptions,
): Promise<ApplyResult> {
  if (options.confirmed !== true) throw new CleanupError('Resuming a cleanup needs an explicit confirmation.');
  const release = acquireCleanupLock(options.stateDir);
  try {
    // Read again under the lock: the journal given was read before another run may have moved it on.
    return await run(checker, Journal.read(journal.path), options);
  } finally {
    release();
  }
}

async function eciEffectiveNow(
  checker: EciChecker,
): Promise<{ effective: boolean; allowList: string[]; desktop: DesktopContext }> {
  const settings = await checker.readSettings();
  const report = checker.report(await checker.verifyEngine(settings), settings, { list: [] });
  return {
    effective: isEciVerifiedInEffect(report),
    allowList: socketMountAllowList(settings),
    desktop: desktopContextOf(settings),
  };
}

async function run(checker: EciChecker, journal: Journal, options: ApplyOptions): Promise<ApplyResult> {
  const client = checker.engine();
  const plan = journal.plan;
  const total = plan.items.length;
  const needsEci = plan.items.some((item, i) => item.allowed && item.strategy === 'recreate' && !journal.itemEnd(i));
  const eci = needsEci
    ? await eciEffectiveNow(checker)
    : {
        effective: plan.eciEffective,
        allowList: [] as string[],
        desktop: desktopContextOf(await checker.readSettings()),
      };
  const results: ItemResult[] = [];

  for (const [index, item] of plan.items.entries()) {
    const progress = (status: ApplyProgress['status'], message: string, action?: StepAction) =>
      options.onProgress?.({ index, total, name: item.name, status, message, ...(action ? { action } : {}) });
    const end = (outcome: ItemOutcome, reason?: string, newId?: string, original?: OriginalState) => {
      const told = { ...(reason ? { reason } : {}), ...(original ? { original } : {}), ...(newId ? { newId } : {}) };
      journal.append({ type: 'item-end', index, outcome, ...told });
      results.push({ name: item.name, outcome, ...told });
      progress(outcome === 'done' ? 'done' : outcome, reason ?? 'done');
    };

    const finished = journal.itemEnd(index);
    if (finished) {
      results.push({
        name: item.name,
        outcome: finished.outcome,
        ...(finished.reason ? { reason: finished.reason } : {}),
        ...(finished.original ? { original: finished.original } : {}),
        ...(finished.newId ? { newId: finished.newId } : {}),
      });
      continue;
    }
    if (!item.allowed) {
      end('skipped', item.whyNot ?? 'not allowed', undefined, 'kept');
      continue;
    }

    let spec: RecreateSpec | null;
    const started = journal.itemStart(index);
    if (started) {
      spec = started.spec; // resuming: the old container may already be gone
    } else {
      progress('checking', 'checking that it is unchanged');
      const fresh = await auditOne(client, item.containerId);
      if (!fresh) {
        end('skipped', 'it no longer exists: it was removed after the plan was made', undefined, 'gone');
        continue;
      }
      const { audited, info } = fresh;
      if (audited.id !== item.containerId || containerFingerprint(info) !== item.fingerprint) {
        end('skipped', 'it changed since the plan was made; make a new plan', undefined, 'kept');
        continue;
      }
      if (item.strategy === 'recreate' && !eci.effective) {
        end(
          'skipped',
          'ECI is not verified in effect now, so a re-created container would still run without it',
          undefined,
          'kept',
        );
        continue;
      }
      const now = planItem(audited, info, item.strategy, {
        eciEffective: eci.effective,
        socketMountAllowList: eci.allowList,
        createdAt: new Date(plan.createdAt),
        desktop: eci.desktop,
      });
      if (
        canonicalJson(now.item.steps) !== canonicalJson(item.steps) ||
        now.item.snapshotImage !== item.snapshotImage
      ) {
        end('skipped', `${differenceReason(item, now.item)}; make a new plan`, undefined, 'kept');
        continue;
      }
      spec = now.spec;
      journal.append({ type: 'item', index, spec });
    }

    let newId = journal.records.find(
      (r): r is Extract<typeof r, { type: 'step' }> => r.type === 'step' && r.index === index && !!r.newId,
    )?.newId;
    const removeAt = item.steps.findIndex((st) => st.action === 'remove');
    // A removal under way when the run stopped may have happened: then the original is gone by our hand.
    const removeStartedBefore = removeAt >= 0 && journal.stepStarted(index, removeAt);
    // A rollback under way when the run stopped is finished first: never leave an item half put back.
    // A step recorded as failed before the run stopped counts as the start of that rollback.
    const failedBefore = journal.records.find(
      (r): r is Extract<typeof r, { type: 'step' }> => r.type === 'step' && r.index === index && r.status === 'failed',
    );
    let rollingBack: { reason: string } | undefined =
      journal.records.find(
        (r): r is Extract<typeof r, { type: 'rollback' }> => r.type === 'rollback' && r.index === index,
      ) ??
      (failedBefore
        ? { reason: `${failedBefore.action} failed: ${failedBefore.detail ?? 'unknown error'}` }
        : undefined);
    if (started && !rollingBack && !(removeAt >= 0 && journal.stepDone(index, removeAt))) {
      // Resuming: what the journal says is not taken on trust; the original and ECI are looked at again.
      const problem = await resumeProblem(client, item, journal.stopped(index), eci.effective, removeStartedBefore);
      if (problem) {
        journal.append({ type: 'rollback', index, reason: problem });
        rollingBack = { reason: problem };
      }
    }
    let failure: string | null = rollingBack?.reason ?? null;
    let original: OriginalState = 'kept';
    for (const [j, step] of item.steps.entries()) {
      if (rollingBack) break;
      if (journal.stepDone(index, j)) continue;
      journal.append({ type: 'step', index, step: j, action: step.action, status: 'started' });
      crashPoint();
      progress('running', describeStep(step.action, step.target, item.strategy), step.action);
      try {
        // Once stopped, the original is recorded as it is; it is removed only while still so.
        if (step.action !== 'stop' && !journal.stopped(index))
          journal.append({ type: 'stopped', index, ...(await stoppedNow(client, item)) });
        if (step.action === 'remove')
          await unchangedSinceStopped(client, item, journal.stopped(index)!, removeStartedBefore);
        const created = await runStep(checker, plan.id, item, step.action, step.target, spec, newId);
        if (step.action === 'stop') journal.append({ type: 'stopped', index, ...(await stoppedNow(client, item)) });
        crashPoint();
        if (created) newId = created;
        journal.append({
          type: 'step',
          index,
          step: j,
          action: step.action,
          status: 'done',
          ...(created ? { newId: created } : {}),
        });
      } catch (err) {
        const message = errorText(err);
        if (isEngineGone(err)) {
          // The engine went away: stop here; the journal lets the cleanup resume later.
          throw new CleanupError(
            `the Docker engine stopped answering during "${step.action}" of ${item.name} (${message}); run "eci-tray cleanup --resume" when it is back`,
          );
        }
        journal.append({ type: 'step', index, step: j, action: step.action, status: 'failed', detail: message });
        failure = `${step.action} failed: ${message}`;
        break;
      }
    }
    // The removal is the last step: until it ran, the original is whole, and a failure (the removal's
    // own included) puts everything back as it was. Once it ran, nothing fails any more.
    if (failure) {
      if (!rollingBack) {
        journal.append({ type: 'rollback', index, reason: failure });
        crashPoint();
      }
      progress('running', 'putting it back as it was');
      try {
        failure = `${failure}${PUT_BACK_SEPARATOR}${await rollBack(client, plan.id, item, spec)}`;
      } catch (err) {
        if (isEngineGone(err))
          throw new CleanupError(
            `the Docker engine stopped answering while ${item.name} was put back as it was; run "eci-tray cleanup --resume" when it is back`,
          );
        if (err instanceof OriginalGoneError) {
          failure = `${failure}; ${err.message}`;
          original = 'gone';
        }
        // Never end an item half put back (renamed, stopped): the journal keeps the rollback to finish.
        else
          throw new CleanupError(
            `${failure}; putting ${item.name} back as it was failed (${errorText(err)}): nothing was removed; run "eci-tray cleanup --resume" to finish putting it back`,
          );
      }
    }
    if (failure) end('failed', failure, undefined, original);
    else {
      end('done', undefined, newId);
      if (item.strategy !== 'recreate' && spec) results[results.length - 1]!.removedSpec = spec;
    }
  }
  journal.append({ type: 'end' });
  return { planId: plan.id, journal: journal.path, items: results, alreadyApplied: false };
}
