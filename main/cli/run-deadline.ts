// --timeout bounds the whole run, counted from the process's start (not from when the check
// begins): user lookup, reading their files and the check itself, whatever blocks.

import { performance } from 'node:perf_hooks';

/** When the run started, on performance.now()'s clock; entry points mark it (0: the process's start). */
let runStart: number | null = null;

/** Called by the CLI's entry points; a command run in-process by a test counts from its call. */
export function markRunStart(at = 0): void {
  runStart = at;
}

export function runStartedAt(): number {
  return runStart ?? performance.now();
}

/** Milliseconds left of a budget that started at `startedAt`. */
export function remainingMs(budgetMs: number, startedAt: number, now = performance.now()): number {
  return budgetMs - (now - startedAt);
}

export class RunDeadlineError extends Error {
  override name = 'RunDeadlineError';
}

/**
 * The work's result, or a RunDeadlineError when the budget runs out first. The work is not
 * cancelled: the caller reports and the entry point ends the process.
 */
export function withinRunDeadline<T>(
  budgetMs: number,
  startedAt: number,
  work: Promise<T>,
  what = 'the check',
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new RunDeadlineError(
            `${what} did not finish within --timeout ${budgetMs / 1000} s (counted from the start of the run)`,
          ),
        ),
      Math.max(0, remainingMs(budgetMs, startedAt)),
    );
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
