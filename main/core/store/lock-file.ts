// A lock held by a file created exclusively (written whole, then linked into place), used by the
// cleanup lock (one cleanup at a time) and the admin-file edit lock (one `policy set-eci` at a
// time). The file holds the holder's pid and that process's start time, so a pid reused by
// another program after a crash is not taken for a live holder. A stale lock (holder gone) is
// taken over under a short takeover guard, so two processes that both find it stale cannot both
// take it.

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { win32 } from 'node:path';
import { writeFully } from './write-fully';

export interface LockHolder {
  pid: number;
  /** The holder process's start time as the OS reports it; null where it could not be read. */
  start: string | null;
  since: string;
}

/** A lock file whose content cannot be read yet (being written): its holder is not known. */
export const UNKNOWN_HOLDER: LockHolder = { pid: 0, start: null, since: 'just now' };

/** Runs a program and returns its stdout; throws when it fails (execFileSync's shape). */
export type RunSync = (file: string, args: string[]) => string;

const runSync: RunSync = (file, args) =>
  execFileSync(file, args, {
    encoding: 'utf8',
    timeout: 5_000,
    stdio: ['ignore', 'pipe', 'ignore'],
    windowsHide: true,
  });

/** Windows PowerShell by absolute path (as SYSTEM, PATH and the working folder are not trusted). */
function windowsPowerShell(env: NodeJS.ProcessEnv): string {
  const root = env['SystemRoot'] || env['SYSTEMROOT'] || 'C:\\Windows';
  return win32.join(root, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
}

/** When the process started, in a form that differs for a new process reusing the pid. */
export function processStartTime(
  pid: number,
  platform: NodeJS.Platform = process.platform,
  run: RunSync = runSync,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    if (platform === 'linux') {
      // Field 22 (starttime, clock ticks since boot), counted after the ")" that ends the command name.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
    }
    if (platform === 'darwin' || platform === 'freebsd' || platform === 'openbsd') {
      const out = run('/bin/ps', ['-o', 'lstart=', '-p', String(pid)]).trim();
      return out || null;
    }
    if (platform === 'win32') {
      // Windows reuses pids soon after a process ends: its creation time (UTC ticks) tells them apart.
      const out = run(windowsPowerShell(env), [
        '-NoProfile',
        '-NonInteractive',
        '-Command',
        `(Get-Process -Id ${pid}).StartTime.ToUniversalTime().Ticks`,
      ]).trim();
      return /^\d+$/.test(out) ? `win32:${out}` : null;
    }
  } catch {
    return null;
  }
  return null;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the process that wrote this lock still runs (same pid AND same start time). A holder
 * written without a start time (where it could not be read) is judged by its pid alone.
 */
export function holderAlive(
  holder: LockHolder,
  startOf: (pid: number) => string | null = (pid) => processStartTime(pid),
  alive: (pid: number) => boolean = pidAlive,
): boolean {
  if (!Number.isInteger(holder.pid) || holder.pid <= 0 || !alive(holder.pid)) return false;
  if (holder.start === null) return true;
  const now = startOf(holder.pid);
  return now === null ? true : now === holder.start;
}

function parseHolder(text: string): LockHolder | null {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (typeof v.pid === 'number' && (typeof v.start === 'string' || v.start === null) && typeof v.since === 'string')
      return v as LockHolder;
  } catch {
    // fall through: an empty or partial file
  }
  return null;
}

export function readHolder(path: string): LockHolder | null | 'missing' {
  try {
    return parseHolder(readFileSync(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw err;
  }
}

const me = (): LockHolder => ({
  pid: process.pid,
  start: processStartTime(process.pid),
  since: new Date().toISOString(),
});

/**
 * Creates `path` holding `holder`, or returns false if it exists. The holder is written to a file
 * of our own first and linked into place, so no one ever reads the lock empty or half written
 * (they would only learn "a holder, not known yet"). Where the file system has no hard links, the
 * lock is created exclusively and written in place.
 */
function createExclusive(path: string, holder: LockHolder): boolean {
  const own = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.new`;
  try {
    if (!writeNew(own, holder)) throw new Error(`${own} exists`);
  } catch {
    return writeNew(path, holder);
  }
  try {
    linkSync(own, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EXDEV') return writeNew(path, holder);
    throw err;
  } finally {
    rmSync(own, { force: true });
  }
}

/** Writes `holder` to a new file at `path` ('wx'): false if it exists; no cut-off file is left. */
function writeNew(path: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeFully(fd, JSON.stringify(holder), path);
  } catch (err) {
    // A cut-off holder (full disk) would read as "being written" to everyone else: take it back.
    closeSync(fd);
    rmSync(path, { force: true });
    throw err;
  }
  closeSync(fd);
  return true;
}

/** A lock file with unreadable content younger than this is one being written right now. */
const WRITING_GRACE_MS = 5_000;

export function isStale(path: string, holder: LockHolder | null): boolean {
  if (holder) return !holderAlive(holder);
  try {
    return Date.now() - statSync(path).mtimeMs > WRITING_GRACE_MS;
  } catch {
    return true;
  }
}

/**
 * Tries to take the lock at `path` (taking over a stale one): the release function, or the live
 * holder (UNKNOWN_HOLDER while its file is being written). Never waits.
 */
export function tryLockFile(path: string, attempts = 20): (() => void) | LockHolder {
  const guard = `${path}.takeover`;
  const mine = me();
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (createExclusive(path, mine)) return releaser(path, mine);
    const holder = readHolder(path);
    if (holder === 'missing') continue; // released between our two looks: try again
    if (!isStale(path, holder)) return holder ?? UNKNOWN_HOLDER;
    // Stale: only the holder of the takeover guard may remove it, after looking again.
    if (!createExclusive(guard, mine)) {
      const other = readHolder(guard);
      if (other !== 'missing' && isStale(guard, other)) rmSync(guard, { force: true });
      continue;
    }
    try {
      const again = readHolder(path);
      if (again !== 'missing' && JSON.stringify(again) === JSON.stringify(holder) && isStale(path, again))
        rmSync(path, { force: true });
      if (createExclusive(path, mine)) return releaser(path, mine);
    } finally {
      rmSync(guard, { force: true });
    }
  }
  const holder = readHolder(path);
  return holder === 'missing' || holder === null ? UNKNOWN_HOLDER : holder;
}

/** Removes the lock only while it is still ours; a second call does nothing. */
function releaser(path: string, mine: LockHolder): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const now = readHolder(path);
    if (now !== 'missing' && now !== null && now.pid === mine.pid && now.since === mine.since)
      rmSync(path, { force: true });
  };
}
