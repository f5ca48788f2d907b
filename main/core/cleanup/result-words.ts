// What an apply came to, in words, per container and in one line. "Nothing was lost" leads only
// where it is true: the item's original container is there as it was (never touched, or put
// back after a failed step). Otherwise the line says exactly what happened. Pure.

import { PUT_BACK_SEPARATOR, type ItemResult } from './apply-result';

export type ResultFacts = Pick<ItemResult, 'name' | 'outcome' | 'reason' | 'original'>;

/** Trimmed, without a final full stop (the line adds its own); null when empty. */
const bare = (text: string | undefined) => text?.trim().replace(/\.$/, '') || null;

/** The words after a container's name and outcome badge in the result list. */
export function resultLine(item: ResultFacts): string {
  const reason = bare(item.reason);
  if (item.outcome === 'done') return reason ? `${reason}.` : 'Finished as planned.';
  const what = item.outcome === 'failed' ? 'It stopped' : 'It was skipped';
  if (item.original !== 'kept') return reason ? `${what}: ${reason}.` : `${what}.`;
  // A failed step's reason ends with what putting it back did: that part leads.
  const at = reason?.indexOf(PUT_BACK_SEPARATOR) ?? -1;
  const why = at >= 0 ? reason!.slice(0, at) : reason;
  const asItWas = at >= 0 ? reason!.slice(at + PUT_BACK_SEPARATOR.length) : `${item.name} is as it was`;
  return `Nothing was lost: ${asItWas}. ${why ? `${what}: ${why}` : what}.`;
}

/** The one line when a run finished: the count of failures, and "nothing was lost" only when true of all. */
export function resultHeadline(items: readonly ResultFacts[]): string {
  const failed = items.filter((i) => i.outcome === 'failed');
  if (!failed.length) return 'Finished.';
  const head = `Finished with ${failed.length} ${failed.length === 1 ? 'failure' : 'failures'}.`;
  if (failed.every((i) => i.original === 'kept'))
    return `${head} Nothing was lost: ${failed.length === 1 ? `${failed[0]!.name} is` : 'each container that failed is'} as it was.`;
  return head;
}
