// Files only this user may read: the state folder is 0700 and every file in it 0600, written
// whole (temporary file, fsync, rename) so a crash never leaves half a file behind. On Windows
// the mode bits are ignored; the folder under LOCALAPPDATA is already the user's own.

import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeFully } from './write-fully';

/** Creates the folder (and its parents) and makes it private to the user. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode is masked by the umask and does not apply to a folder that already exists.
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
}

/**
 * Writes a new 0600 temporary file next to `path`, whole and synced to disk; returns its path. On
 * any failure (a full disk included) the temporary file is removed and the error thrown.
 */
export function writeSyncedTemp(path: string, data: string | Buffer): string {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeFully(fd, data, tmp);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  return tmp;
}

/**
 * Writes a 0600 file atomically: readers see the old content or the new, never a part. Its
 * folder is made private unless `privateDir` is false (a folder the user chose, autostart).
 */
export function writePrivateFile(path: string, text: string | Buffer, options: { privateDir?: boolean } = {}): void {
  if (options.privateDir !== false) ensurePrivateDir(dirname(path));
  else mkdirSync(dirname(path), { recursive: true });
  const tmp = writeSyncedTemp(path, text);
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
