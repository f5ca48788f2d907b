// One `set-eci` at a time per admin file, across processes (two admins, an MDM run and a person):
// read, edit and replace happen under `<file>.eci-tray-lock`, a lock file (lock-file.ts) next to
// the admin file. A busy lock is waited for briefly; a stale one (holder gone) is taken over. The admin folder
// is Docker's: unlike eci-tray's own state folder, its mode is never changed here.

import { tryLockFile, type LockHolder } from '../store/lock-file';

export class PolicyBusyError extends Error {
  override name = 'PolicyBusyError';
  constructor(readonly holder: LockHolder | null) {
    super(`another edit of this file is running${holder ? ` (process ${holder.pid}, since ${holder.since})` : ''}`);
  }
}

export const lockPathFor = (file: string) => `${file}.eci-tray-lock`;

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Takes the lock for `file` (waiting up to `waitMs` for a live holder) and returns its release. */
export function acquireEditLock(file: string, waitMs = 10_000): () => void {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const taken = tryLockFile(lockPathFor(file));
    if (typeof taken === 'function') return taken;
    if (Date.now() >= deadline) throw new PolicyBusyError(taken.pid === 0 ? null : taken);
    pause(50);
  }
}
