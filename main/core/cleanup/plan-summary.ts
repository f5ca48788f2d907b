// What a cleanup plan will do, in a few words: the cleanup window's footer ("Remove 20 · Snapshot
// 4 · Re-create 6"), its destructive button ("Remove 20 containers…") and the native confirmation
// all say it the same way, from the plan the main process made (never from the page's own guess).
// Pure and browser-safe: the pages reach it through main/core/words.ts.

import type { ConfirmRequest } from '../confirm';
import type { CleanupPlan, PlanItem, Strategy } from './plan';
import { plural } from '../text/format';

export interface PlanCounts {
  remove: number;
  snapshot: number;
  recreate: number;
  /** Included, but the plan refuses them (e.g. re-create while ECI is not in effect): left as they are. */
  notPossible: number;
}

/** The order actions are named in, everywhere. */
const ORDER: readonly Strategy[] = ['remove', 'snapshot', 'recreate'];
const VERB: Record<Strategy, string> = { remove: 'Remove', snapshot: 'Snapshot', recreate: 'Re-create' };

/** Each strategy as the cleanup table's choice names it. */
export const STRATEGY_WORD: Record<Strategy, string> = {
  remove: 'Remove (volumes are kept)',
  snapshot: 'Snapshot its files, then remove',
  recreate: 'Re-create under ECI',
};

export function planCounts(items: ReadonlyArray<Pick<PlanItem, 'strategy' | 'allowed'>>): PlanCounts {
  const counts: PlanCounts = { remove: 0, snapshot: 0, recreate: 0, notPossible: 0 };
  for (const i of items) {
    if (i.allowed) counts[i.strategy] += 1;
    else counts.notPossible += 1;
  }
  return counts;
}

/** Containers the plan changes (the ones a confirmation applies to). */
export function changedCount(c: PlanCounts): number {
  return c.remove + c.snapshot + c.recreate;
}

/**
 * The footer's line: "Remove 20 · Snapshot 4 · Re-create 6", actions with no container left out;
 * then what stays as it is ("2 not possible", "10 not included").
 */
export function planSummary(c: PlanCounts, notIncluded = 0): string {
  const parts = ORDER.filter((s) => c[s] > 0).map((s) => `${VERB[s]} ${c[s]}`);
  if (!parts.length) parts.push('Nothing to change');
  if (c.notPossible) parts.push(`${c.notPossible} not possible`);
  if (notIncluded) parts.push(`${notIncluded} not included`);
  return parts.join(' · ');
}

/**
 * What the apply button does, with counts, and no "Apply": "Remove 20 containers", "Snapshot and
 * remove 4 containers", "Remove 20, snapshot 4 and re-create 6 containers". Null when nothing changes.
 */
export function applyLabel(c: PlanCounts): string | null {
  const present = ORDER.filter((s) => c[s] > 0);
  if (!present.length) return null;
  if (present.length === 1) {
    const s = present[0]!;
    const n = plural(c[s], 'container');
    return s === 'snapshot' ? `Snapshot and remove ${n}` : `${VERB[s]} ${n}`;
  }
  const last = present[present.length - 1]!;
  const head = present.slice(0, -1).map((s) => `${VERB[s].toLowerCase()} ${c[s]}`);
  const text = `${head.join(', ')} and ${VERB[last].toLowerCase()} ${plural(c[last], 'container')}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A dialog lists at most this many containers' losses; the plan preview shows them all. */
export const CONFIRM_LOSS_LINES = 8;

/** The confirmation before a plan is applied; its button is the action with its counts, never "Apply". */
export function cleanupConfirmation(plan: Pick<CleanupPlan, 'items'>): ConfirmRequest {
  const counts = planCounts(plan.items);
  const label = applyLabel(counts) ?? 'Change nothing';
  const losing = plan.items.filter((i) => i.allowed && i.loses.length);
  const lines = losing.slice(0, CONFIRM_LOSS_LINES).map((i) => `${i.name}: ${i.loses.join('; ')}`);
  if (losing.length > lines.length)
    lines.push(`…and ${plural(losing.length - lines.length, 'more container')}: see the plan preview.`);
  const detail = [
    lines.length ? `This loses:\n${lines.join('\n')}` : null,
    counts.notPossible
      ? `${plural(counts.notPossible, 'container')} the plan cannot change ${counts.notPossible === 1 ? 'is' : 'are'} left as ${counts.notPossible === 1 ? 'it is' : 'they are'}.`
      : null,
    'Volumes are never removed.',
  ]
    .filter((x): x is string => x !== null)
    .join('\n\n');
  const message = changedCount(counts) ? `${label}?` : 'No container in this plan can be changed: nothing will happen.';
  return { title: 'Apply the cleanup plan?', message, detail, confirmLabel: label };
}
