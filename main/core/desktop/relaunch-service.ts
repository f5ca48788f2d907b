// The relaunch use case, shared by the tray, the windows and `eci-tray relaunch`: the warning,
// the confirmation, one relaunch at a time, and what its outcome means. relaunch.ts does the
// quitting and reopening; this decides around it.

import { join } from 'node:path';
import type { EciChecker } from '../verify/check';
import type { Confirm, ConfirmRequest } from '../confirm';
import { errorText } from '../error-text';
import { tryLockFile } from '../store/lock-file';
import { ensurePrivateDir } from '../store/private-files';
import { stateDir as defaultStateDir } from '../store/state-dir';
import type { Verdict } from '../model';
import { FULL_QUIT, FULL_QUIT_LOWER, MENU_RESTART_NOT_ENOUGH } from '../words';
import {
  relaunchDesktop,
  RelaunchError,
  relaunchWarning,
  type RelaunchProgress,
  type RelaunchResult,
  type RelaunchStep,
} from './relaunch';

export type RelaunchRun =
  | { kind: 'busy' }
  | { kind: 'declined' }
  | { kind: 'done'; result: RelaunchResult }
  /** `step` is set when the relaunch itself failed (RelaunchError), null for anything else. */
  | { kind: 'failed'; error: string; step: RelaunchStep | null };

/** What a window is told (the IPC response). */
export interface RelaunchOutcome {
  confirmed: boolean;
  applied?: boolean;
  verdict?: Verdict;
  error?: string;
}

export function relaunchConfirmation(warning: string): ConfirmRequest {
  return {
    title: `${FULL_QUIT}?`,
    message: `${FULL_QUIT} now?`,
    detail: `${warning}\n\n${MENU_RESTART_NOT_ENOUGH}.`,
    confirmLabel: FULL_QUIT,
  };
}

export const RELAUNCH_BUSY = `Docker Desktop is already being quit and reopened.`;

export function relaunchOutcome(run: RelaunchRun): RelaunchOutcome {
  switch (run.kind) {
    case 'busy':
      return { confirmed: false, error: RELAUNCH_BUSY };
    case 'declined':
      return { confirmed: false };
    case 'done':
      return { confirmed: true, applied: run.result.applied, verdict: run.result.report.verdict };
    case 'failed':
      return { confirmed: true, error: run.error };
  }
}

export interface RelaunchHooks {
  onProgress?: (p: RelaunchProgress) => void;
  /** Confirmed: the relaunch begins (the app shows "relaunching"). */
  onStart?: () => void;
  /** Before the confirmation: the warning the user is about to see (the CLI prints it). */
  onWarning?: (warning: string) => void;
  stopTimeoutMs?: number;
  startTimeoutMs?: number;
}

/** The lock file of the relaunch under way, in the state folder (lock-file.ts). */
export const RELAUNCH_LOCK_FILE = 'relaunch.lock';

export class RelaunchService {
  private busy = false;

  constructor(
    private readonly confirm: Confirm,
    private readonly env: NodeJS.ProcessEnv = process.env,
    /** Where the lock shared with other processes (the app, another CLI) lives. */
    private readonly stateDir: string = defaultStateDir(env),
  ) {}

  /** A relaunch is being confirmed or runs. */
  get running(): boolean {
    return this.busy;
  }

  warning(checker: EciChecker): Promise<string> {
    return relaunchWarning(checker);
  }

  /**
   * Asks, then quits and reopens Docker Desktop and verifies. One at a time, in this process and
   * across processes (the app and the CLI): a request while one is being confirmed or runs gets
   * `busy`, never a second dialog or a second relaunch.
   */
  async run(checker: EciChecker, hooks: RelaunchHooks = {}): Promise<RelaunchRun> {
    if (this.busy) return { kind: 'busy' };
    // Taken before the dialog: two windows (or the tray and a window) cannot both be asked.
    this.busy = true;
    let release: (() => void) | null = null;
    try {
      let taken: ReturnType<typeof tryLockFile>;
      try {
        ensurePrivateDir(this.stateDir);
        taken = tryLockFile(join(this.stateDir, RELAUNCH_LOCK_FILE));
      } catch (err) {
        return {
          kind: 'failed',
          error: `cannot take the relaunch lock in ${this.stateDir}: ${errorText(err)}`,
          step: null,
        };
      }
      if (typeof taken !== 'function') return { kind: 'busy' };
      release = taken;
      const warning = await relaunchWarning(checker);
      hooks.onWarning?.(warning);
      if (!(await this.confirm(relaunchConfirmation(warning)))) return { kind: 'declined' };
      hooks.onStart?.();
      try {
        const result = await relaunchDesktop(checker, {
          confirmed: true,
          env: this.env,
          ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
          ...(hooks.stopTimeoutMs ? { stopTimeoutMs: hooks.stopTimeoutMs } : {}),
          ...(hooks.startTimeoutMs ? { startTimeoutMs: hooks.startTimeoutMs } : {}),
        });
        return { kind: 'done', result };
      } catch (err) {
        return { kind: 'failed', error: errorText(err), step: err instanceof RelaunchError ? err.step : null };
      }
    } finally {
      release?.();
      this.busy = false;
    }
  }
}

/** For help texts: what the relaunch is, in the product's one phrase. */
export const RELAUNCH_SUMMARY = `${FULL_QUIT_LOWER} (applies pending settings) and re-verify`;
