// One `set-eci` at a time per admin file, across processes (two admins, an MDM run and a person):
// read, edit and replace happen under `<file>.eci-tray-lock`, a file created exclusively next to the
// admin file, holding the holder's pid and process start time (so a reused pid is not taken for a
// live holder). A busy lock is waited for briefly; a stale one (holder gone) is taken over under a
// takeover guard, so two processes that both find it stale cannot both take it. The admin folder
// is Docker's: unlike eci-tray's own state folder, its mode is never changed here.

import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { holderAlive, processStartTime, type LockHolder } from '../cleanup/cleanup-lock';

export class PolicyBusyError extends Error {
  override name = 'PolicyBusyError';
  constructor(readonly holder: LockHolder | null) {
    super(`another edit of this file is running${holder ? ` (process ${holder.pid}, since ${holder.since})` : ''}`);
  }
}

export const lockPathFor = (file: string) => `${file}.eci-tray-lock`;

/** A lock file with unreadable content younger than this is one being written right now. */
const WRITING_GRACE_MS = 5_000;

function readHolder(path: string): LockHolder | null | 'missing' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw err;
  }
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (typeof v.pid === 'number' && (typeof v.start === 'string' || v.start === null) && typeof v.since === 'string') return v as LockHolder;
  } catch {
    // An empty or partial file: judged by its age.
  }
  return null;
}

function isStale(path: string, holder: LockHolder | null): boolean {
  if (holder) return !holderAlive(holder);
  try {
    return Date.now() - statSync(path).mtimeMs > WRITING_GRACE_MS;
  } catch {
    return true;
  }
}

function createExclusive(path: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, JSON.stringify(holder));
  } finally {
    closeSync(fd);
  }
  return true;
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Takes the lock for `file` (waiting up to `waitMs` for a live holder) and returns its release. */
export function acquireEditLock(file: string, waitMs = 10_000): () => void {
  const path = lockPathFor(file);
  const guard = `${path}.takeover`;
  const mine: LockHolder = { pid: process.pid, start: processStartTime(process.pid), since: new Date().toISOString() };
  const deadline = Date.now() + waitMs;
  let holder: LockHolder | null = null;
  do {
    if (createExclusive(path, mine)) return releaser(path, mine);
    const seen = readHolder(path);
    if (seen === 'missing') continue;
    holder = seen;
    if (!isStale(path, seen)) {
      pause(50);
      continue;
    }
    if (!createExclusive(guard, mine)) {
      const other = readHolder(guard);
      if (other !== 'missing' && isStale(guard, other)) rmSync(guard, { force: true });
      continue;
    }
    try {
      const again = readHolder(path);
      if (again !== 'missing' && JSON.stringify(again) === JSON.stringify(seen) && isStale(path, again)) rmSync(path, { force: true });
      if (createExclusive(path, mine)) return releaser(path, mine);
    } finally {
      rmSync(guard, { force: true });
    }
  } while (Date.now() < deadline);
  throw new PolicyBusyError(holder);
}

function releaser(path: string, mine: LockHolder): () => void {
  return () => {
    const now = readHolder(path);
    if (now !== 'missing' && now !== null && now.pid === mine.pid && now.since === mine.since) rmSync(path, { force: true });
  };
}
