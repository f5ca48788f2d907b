// One cleanup at a time, across processes (the app and the CLI): apply, resume and the
// walkthrough's re-create all take this lock, a lock file (lock-file.ts) in the state folder.

import { join } from 'node:path';
import { holderAlive, isStale, readHolder, tryLockFile, UNKNOWN_HOLDER, type LockHolder } from '../store/lock-file';
import { ensurePrivateDir } from '../store/private-files';

export { holderAlive, processStartTime, type LockHolder } from '../store/lock-file';

export const LOCK_FILE = 'cleanup.lock';

export class CleanupLockedError extends Error {
  override name = 'CleanupLockedError';
  constructor(readonly holder: LockHolder) {
    super(`another cleanup is running (process ${holder.pid}, since ${holder.since}); wait for it to finish`);
  }
}

export function cleanupLockPath(stateDir: string): string {
  return join(stateDir, LOCK_FILE);
}

/** The live holder of the cleanup lock, or null when no cleanup runs. */
export function cleanupLockHolder(stateDir: string): LockHolder | null {
  const path = cleanupLockPath(stateDir);
  const holder = readHolder(path);
  if (holder === 'missing') return null;
  if (holder === null) return isStale(path, null) ? null : UNKNOWN_HOLDER;
  return holderAlive(holder) ? holder : null;
}

/**
 * Takes the cleanup lock or throws CleanupLockedError naming the live holder. Returns the release
 * function, which removes the lock only while it is still ours.
 */
export function acquireCleanupLock(stateDir: string): () => void {
  ensurePrivateDir(stateDir);
  const taken = tryLockFile(cleanupLockPath(stateDir));
  if (typeof taken === 'function') return taken;
  throw new CleanupLockedError(taken);
}
