// Reading files that another user controls, as root (--for-user): their docker configuration,
// TLS files and Docker Desktop settings. Root follows nothing they point elsewhere: the file is
// opened without following a final symbolic link and without blocking (a FIFO), and what was
// opened must be a regular file of theirs (not root's keys, not another user's, not /dev/zero),
// no larger than a cap. The checks are on the opened descriptor, so a swap after them changes
// nothing. Unix sockets they name are held to the same owner before root connects to them.

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

/** Whose files these are; null reads as the process's own (still regular files only, capped). */
export interface FileOwner {
  uid: number;
  name: string;
}

export type OwnedRead = { kind: 'ok'; bytes: Buffer } | { kind: 'missing' } | { kind: 'refused'; reason: string };

/** docker's config.json, a context's meta.json, PEM files: a few KiB each. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

// Windows has neither flag (nor FIFOs); its owners are SIDs, not uids: no owner is given there.
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

export function openFlags(owner: FileOwner | null): number {
  return constants.O_RDONLY | O_NONBLOCK | (owner ? O_NOFOLLOW : 0);
}

/** Why an opened file may not be read, or null. Pure. */
export function refusalOf(
  path: string,
  st: Pick<Stats, 'isFile' | 'uid' | 'size'>,
  owner: FileOwner | null,
  maxBytes: number,
): string | null {
  if (!st.isFile()) return `${path} is not a regular file (a FIFO, device or folder is not read)`;
  if (owner && st.uid !== owner.uid) return `${path} belongs to uid ${st.uid}, not to ${owner.name}: not read as root`;
  if (st.size > maxBytes) return `${path} is ${st.size} bytes, more than the ${maxBytes} a configuration file can be`;
  return null;
}

/** What an error on open means: missing, or a refusal with its reason. */
export function openErrorOf(path: string, err: unknown, owner: FileOwner | null): OwnedRead {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  if (code === 'ELOOP' && owner)
    return {
      kind: 'refused',
      reason: `${path} is a symbolic link: not followed when reading ${owner.name}'s files as root`,
    };
  return { kind: 'refused', reason: `cannot read ${path}: ${(err as Error).message}` };
}

export function readOwnedFileSync(path: string, owner: FileOwner | null, maxBytes = MAX_CONFIG_BYTES): OwnedRead {
  let fd: number;
  try {
    fd = openSync(path, openFlags(owner));
  } catch (err) {
    return openErrorOf(path, err, owner);
  }
  try {
    const refused = refusalOf(path, fstatSync(fd), owner, maxBytes);
    if (refused) return { kind: 'refused', reason: refused };
    // One byte past the cap: the file may have grown since fstat.
    const buffer = Buffer.alloc(maxBytes + 1);
    let total = 0;
    for (let n; total < buffer.length && (n = readSync(fd, buffer, total, buffer.length - total, null)) > 0;)
      total += n;
    if (total > maxBytes)
      return { kind: 'refused', reason: `${path} is more than the ${maxBytes} bytes a configuration file can be` };
    return { kind: 'ok', bytes: buffer.subarray(0, total) };
  } catch (err) {
    return { kind: 'refused', reason: `cannot read ${path}: ${(err as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

export async function readOwnedFile(path: string, owner: FileOwner | null, maxBytes: number): Promise<OwnedRead> {
  let handle;
  try {
    handle = await open(path, openFlags(owner));
  } catch (err) {
    return openErrorOf(path, err, owner);
  }
  try {
    const refused = refusalOf(path, await handle.stat(), owner, maxBytes);
    if (refused) return { kind: 'refused', reason: refused };
    const buffer = Buffer.alloc(maxBytes + 1);
    let total = 0;
    for (
      let n;
      total < buffer.length && (n = (await handle.read(buffer, total, buffer.length - total, null)).bytesRead) > 0;
    )
      total += n;
    if (total > maxBytes)
      return { kind: 'refused', reason: `${path} is more than the ${maxBytes} bytes a configuration file can be` };
    return { kind: 'ok', bytes: buffer.subarray(0, total) };
  } catch (err) {
    return { kind: 'refused', reason: `cannot read ${path}: ${(err as Error).message}` };
  } finally {
    await handle.close();
  }
}

/**
 * Whether root may connect to a unix socket the user names: it must be a socket (not a symbolic
 * link to root's engine or another user's Desktop) owned by them. A missing one is left to the
 * connection, which fails. Checked before connecting: a user who swaps it in between wins a race
 * against a running check, not a standing redirection.
 */
export function socketRefusal(path: string, owner: FileOwner): string | null {
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? null : `cannot check ${path}: ${(err as Error).message}`;
  }
  if (st.isSymbolicLink())
    return `${path} is a symbolic link: root does not follow it to another engine for ${owner.name}`;
  if (!st.isSocket()) return `${path} is not a socket`;
  if (st.uid !== owner.uid)
    return `${path} belongs to uid ${st.uid}, not to ${owner.name}: root does not connect to it for them`;
  return null;
}
