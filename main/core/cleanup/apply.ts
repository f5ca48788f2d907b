// Applying a cleanup plan. Before a container is touched it is looked at again: one that vanished
// or changed since the plan was made is skipped with the reason, never forced, and the steps that
// would run now must be exactly the planned ones. Each step goes to the journal before it runs;
// a resumed cleanup continues after the last finished step, checking the effect of a step that
// was under way when the run stopped instead of repeating it. Volumes are never removed.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EciChecker } from '../check';
import { EngineError } from '../engine-errors';
import { auditOne } from './audit';
import { Journal, journalDir, journalPath, type ItemOutcome } from './journal';
import { canonicalJson, containerFingerprint, planItem, type CleanupPlan, type PlanItem, type StepAction } from './plan';
import type { RecreateSpec } from './recreate-spec';

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

export interface ApplyOptions {
  confirmed: boolean;
  stateDir: string;
  onProgress?: (p: ApplyProgress) => void;
}

export class CleanupError extends Error {
  override name = 'CleanupError';
}

/** Only one cleanup runs at a time: a lock file holding the PID of the run. */
function acquireLock(stateDir: string): () => void {
  mkdirSync(journalDir(stateDir), { recursive: true });
  const lock = join(journalDir(stateDir), 'apply.lock');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (alive) throw new CleanupError(`another cleanup is running (process ${pid}); wait for it to finish`);
  }
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}

/** Why the steps that would run now differ from the planned ones, in words. */
function differenceReason(planned: PlanItem, now: PlanItem): string {
  if (planned.wasRunning !== now.wasRunning) return planned.wasRunning ? 'it was running when planned and is stopped now' : 'it was stopped when planned and is running now';
  if ((planned.writableLayerBytes > 0) !== (now.writableLayerBytes > 0)) return 'its writable layer changed since the plan was made';
  if (planned.allowed !== now.allowed) return now.whyNot ?? 'what is allowed changed since the plan was made';
  return 'the steps that would run now differ from the plan';
}

export async function applyPlan(checker: EciChecker, plan: CleanupPlan, options: ApplyOptions): Promise<ApplyResult> {
  if (options.confirmed !== true) throw new CleanupError('Applying a cleanup plan needs an explicit confirmation.');
  const client = checker.client;
  if (!client) throw new CleanupError('no Docker engine endpoint is configured');
  const path = journalPath(options.stateDir, plan.id);
  let journal: Journal;
  if (existsSync(path)) {
    journal = Journal.read(path);
    if (canonicalJson(journal.plan) !== canonicalJson(plan)) throw new CleanupError(`the journal ${path} belongs to a different plan with the same id`);
    if (journal.finished) {
      const items = journal.summary().map((s) => ({ name: s.name, outcome: s.status as ItemOutcome, ...(s.reason ? { reason: s.reason } : {}) }));
      return { planId: plan.id, journal: path, items, alreadyApplied: true };
    }
  } else {
    journal = Journal.create(options.stateDir, plan);
  }
  const release = acquireLock(options.stateDir);
  try {
    return await run(checker, journal, options);
  } finally {
    release();
  }
}

/** Resumes an interrupted cleanup from its journal. */
export async function resumeCleanup(checker: EciChecker, journal: Journal, options: ApplyOptions): Promise<ApplyResult> {
  if (options.confirmed !== true) throw new CleanupError('Resuming a cleanup needs an explicit confirmation.');
  const release = acquireLock(options.stateDir);
  try {
    return await run(checker, journal, options);
  } finally {
    release();
  }
}

async function eciEffectiveNow(checker: EciChecker): Promise<{ effective: boolean; allowList: string[] }> {
  const settings = await checker.readSettings();
  const report = checker.report(await checker.verifyEngine(settings), settings, { list: [] });
  return { effective: report.effective.eci === true && report.verdict !== 'unknown', allowList: settings.adminPolicy?.socketMountImages ?? [] };
}

async function run(checker: EciChecker, journal: Journal, options: ApplyOptions): Promise<ApplyResult> {
  const client = checker.client!;
  const plan = journal.plan;
  const total = plan.items.length;
  const needsEci = plan.items.some((item, i) => item.allowed && item.strategy === 'recreate' && !journal.itemEnd(i));
  const eci = needsEci ? await eciEffectiveNow(checker) : { effective: plan.eciEffective, allowList: [] as string[] };
  const results: ItemResult[] = [];

  for (const [index, item] of plan.items.entries()) {
    const progress = (status: ApplyProgress['status'], message: string, action?: StepAction) =>
      options.onProgress?.({ index, total, name: item.name, status, message, ...(action ? { action } : {}) });
    const end = (outcome: ItemOutcome, reason?: string, newId?: string) => {
      journal.append({ type: 'item-end', index, outcome, ...(reason ? { reason } : {}), ...(newId ? { newId } : {}) });
      results.push({ name: item.name, outcome, ...(reason ? { reason } : {}), ...(newId ? { newId } : {}) });
      progress(outcome === 'done' ? 'done' : outcome, reason ?? 'done');
    };

    const finished = journal.itemEnd(index);
    if (finished) {
      results.push({ name: item.name, outcome: finished.outcome, ...(finished.reason ? { reason: finished.reason } : {}), ...(finished.newId ? { newId: finished.newId } : {}) });
      continue;
    }
    if (!item.allowed) {
      end('skipped', item.whyNot ?? 'not allowed');
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
        end('skipped', 'it no longer exists: it was removed after the plan was made');
        continue;
      }
      const { audited, info } = fresh;
      if (audited.id !== item.containerId || containerFingerprint(info) !== item.fingerprint) {
        end('skipped', 'it changed since the plan was made; make a new plan');
        continue;
      }
      if (item.strategy === 'recreate' && !eci.effective) {
        end('skipped', 'ECI is not verified in effect now, so a re-created container would still run without it');
        continue;
      }
      const now = planItem(audited, info, item.strategy, { eciEffective: eci.effective, socketMountAllowList: eci.allowList, createdAt: new Date(plan.createdAt) });
      if (canonicalJson(now.item.steps) !== canonicalJson(item.steps) || now.item.snapshotImage !== item.snapshotImage) {
        end('skipped', `${differenceReason(item, now.item)}; make a new plan`);
        continue;
      }
      spec = now.spec;
      journal.append({ type: 'item', index, spec });
    }

    let newId = journal.records.find((r): r is Extract<typeof r, { type: 'step' }> => r.type === 'step' && r.index === index && !!r.newId)?.newId;
    const itemStartedAt = Date.parse(journal.itemStart(index)!.at);
    let failure: string | null = null;
    for (const [j, step] of item.steps.entries()) {
      if (journal.stepDone(index, j)) continue;
      journal.append({ type: 'step', index, step: j, action: step.action, status: 'started' });
      progress('running', describeStep(step.action, step.target), step.action);
      try {
        const created = await runStep(checker, item, step.action, step.target, spec, newId, itemStartedAt);
        if (created) newId = created;
        journal.append({ type: 'step', index, step: j, action: step.action, status: 'done', ...(created ? { newId: created } : {}) });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (err instanceof EngineError && (err.kind === 'unreachable' || err.kind === 'timeout')) {
          // The engine went away: stop here; the journal lets the cleanup resume later.
          throw new CleanupError(`the Docker engine stopped answering during "${step.action}" of ${item.name} (${message}); run "eci-tray cleanup --resume" when it is back`);
        }
        journal.append({ type: 'step', index, step: j, action: step.action, status: 'failed', detail: message });
        failure = `${step.action} failed: ${message}`;
        break;
      }
    }
    if (failure) end('failed', failure);
    else {
      end('done', undefined, newId);
      if (item.strategy !== 'recreate' && spec) results[results.length - 1]!.removedSpec = spec;
    }
  }
  journal.append({ type: 'end' });
  return { planId: plan.id, journal: journal.path, items: results, alreadyApplied: false };
}

function describeStep(action: StepAction, target?: string): string {
  switch (action) {
    case 'stop':
      return 'stopping';
    case 'snapshot':
      return `saving its filesystem as ${target}`;
    case 'remove':
      return 'removing the container (volumes are kept)';
    case 'create':
      return `creating it again from ${target}`;
    case 'connect-network':
      return `connecting it to network ${target}`;
    case 'start':
      return 'starting it';
  }
}

/**
 * Runs one step. Every step first checks whether its effect is already there (a resumed
 * cleanup), so nothing is done twice. Returns the new container's id for `create`.
 */
async function runStep(
  checker: EciChecker,
  item: PlanItem,
  action: StepAction,
  target: string | undefined,
  spec: RecreateSpec | null,
  newId: string | undefined,
  itemStartedAt: number,
): Promise<string | undefined> {
  const client = checker.client!;
  switch (action) {
    case 'stop':
      if (await client.inspectContainer(item.containerId)) await client.stopContainer(item.containerId);
      return undefined;
    case 'snapshot': {
      if (!target) throw new Error('no snapshot tag');
      if (await client.imageExists(target)) return undefined;
      const { repo, tag } = splitRef(target);
      await client.commitContainer(item.containerId, repo, tag, `ECI Tray snapshot of ${item.name} (${item.containerId.slice(0, 12)}) before cleanup`);
      return undefined;
    }
    case 'remove':
      await client.removeContainer(item.containerId, 30_000, true);
      return undefined;
    case 'create': {
      if (!spec) throw new Error('no configuration recorded for the new container');
      const existing = await client.inspectContainer(spec.name);
      if (existing) {
        // Made by this cleanup before it was interrupted? Then it is ours; otherwise do not touch it.
        if (existing.Id !== item.containerId && Date.parse(existing.Created) >= itemStartedAt - 1_000) return existing.Id;
        throw new Error(`a container named ${spec.name} already exists (${existing.Id.slice(0, 12)})`);
      }
      return client.createContainer({ ...spec.create, name: spec.name });
    }
    case 'connect-network': {
      const id = newId ?? (await client.inspectContainer(spec?.name ?? item.name))?.Id;
      if (!id || !target) throw new Error('the new container is missing');
      const info = await client.inspectContainer(id);
      if (info && target in (info.NetworkSettings?.Networks ?? {})) return undefined;
      await client.connectNetwork(target, id, spec?.connect.find((c) => c.network === target)?.endpoint ?? {});
      return undefined;
    }
    case 'start': {
      const id = newId ?? (await client.inspectContainer(spec?.name ?? item.name))?.Id;
      if (!id) throw new Error('the new container is missing');
      const info = await client.inspectContainer(id);
      if (info?.State?.Running) return undefined;
      await client.startContainer(id);
      return undefined;
    }
  }
}

function splitRef(ref: string): { repo: string; tag: string } {
  const i = ref.lastIndexOf(':');
  return i > ref.lastIndexOf('/') ? { repo: ref.slice(0, i), tag: ref.slice(i + 1) } : { repo: ref, tag: 'latest' };
}

