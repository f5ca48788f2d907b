// `eci-tray policy set-eci`, on disk: checks the rights first, refuses a file Docker Desktop would
// not accept anyway, edits (set-eci-edit.ts), validates the result, keeps a backup, and replaces the
// file atomically with its owner and mode kept (Docker Desktop runs as the user and must still be
// able to read it). A file changed by someone else meanwhile is not overwritten.

import {
  chmodSync,
  chownSync,
  copyFileSync,
  constants,
  existsSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { applyEciEdit, NEW_FILE_TEXT, type EciEdit } from './set-eci-edit';
import type { PolicyFinding, PolicyValidation } from './policy-findings';
import { validatePolicyBytes } from './validate-policy';
import { describeFullDisk, describeWriteError, writeRefusal, type Owned } from './write-rights';
import { acquireEditLock, PolicyBusyError } from './edit-lock';
import { parseSettingsBytes } from '../settings/settings-file';
import { writeSyncedTemp } from '../store/private-files';

/** A new admin-settings.json is readable by everyone: Docker Desktop reads it as the signed-in user. */
export const NEW_FILE_MODE = 0o644;

export type SetEciResult =
  | {
      status: 'written';
      path: string;
      created: boolean;
      backup: string | null;
      changes: string[];
      validation: PolicyValidation;
    }
  | { status: 'unchanged'; path: string; validation: PolicyValidation }
  | { status: 'missing'; path: string }
  | { status: 'refused-rights'; path: string; reason: string }
  /** The disk (or a quota, or a file-size limit) did not take the whole file: the old file is untouched. */
  | { status: 'write-failed'; path: string; reason: string }
  | { status: 'refused-invalid'; path: string; reason: string; validation: PolicyValidation }
  | { status: 'changed-meanwhile'; path: string }
  | { status: 'busy'; path: string; reason: string };

export interface SetEciOptions {
  path: string;
  edit: EciEdit;
  /** Create the file when it does not exist (otherwise: status "missing"). */
  create: boolean;
  now?: Date;
  /** How long to wait for another edit of the same file (default 10 s). */
  lockWaitMs?: number;
}

const owned = (path: string): Owned | null => {
  try {
    const s = statSync(path);
    return { uid: s.uid, gid: s.gid, mode: s.mode & 0o7777 };
  } catch {
    return null;
  }
};

const findingKey = (f: PolicyFinding) => `${f.code}|${f.key ?? ''}`;

export function setEci(options: SetEciOptions): SetEciResult {
  // Edit what a symlink points at: replacing the link itself would detach it from its target.
  const path = existsSync(options.path) ? realpathSync(options.path) : options.path;
  const file = owned(path);
  if (!file && !options.create) return { status: 'missing', path };
  const dir = dirname(path);
  const refusal = writeRefusal({
    platform: process.platform,
    uid: process.geteuid?.() ?? -1,
    groups: process.getgroups?.() ?? [],
    filePath: path,
    file,
    dirPath: dir,
    dir: owned(dir),
  });
  if (refusal) return { status: 'refused-rights', path, reason: refusal };

  // Read, edit and replace under the file's edit lock: a second set-eci waits for this one.
  let release: () => void;
  try {
    release = acquireEditLock(path, options.lockWaitMs);
  } catch (err) {
    if (err instanceof PolicyBusyError) return { status: 'busy', path, reason: err.message };
    const code = (err as NodeJS.ErrnoException).code;
    const reason = describeWriteError(code, path);
    if (reason) return { status: 'refused-rights', path, reason };
    const full = describeFullDisk(code, path, err as Error);
    if (full) return { status: 'write-failed', path, reason: full };
    throw err;
  }
  try {
    return editLocked(path, file, options);
  } finally {
    release();
  }
}

function editLocked(path: string, file: Owned | null, options: SetEciOptions): SetEciResult {
  const original = file ? readFileSync(path) : null;
  const before = original ? validatePolicyBytes(original, path) : null;
  // A BOM is the one rejection this edit repairs (it writes UTF-8 without BOM).
  const unrepairable = before?.findings.some((f) => f.level === 'rejected' && f.code !== 'bom') ?? false;
  if (before && (unrepairable || before.outcome === 'unreadable')) {
    return {
      status: 'refused-invalid',
      path,
      validation: before,
      reason:
        'Docker Desktop does not accept the file as it is; fix what "eci-tray policy validate" reports, then run this again.',
    };
  }
  const parsed = parseSettingsBytes(original ?? Buffer.from(NEW_FILE_TEXT), path, 'admin');
  if (parsed.root?.kind !== 'object') {
    return {
      status: 'refused-invalid',
      path,
      validation: before ?? validatePolicyBytes(Buffer.from(NEW_FILE_TEXT), path),
      reason: 'The file is not a JSON object.',
    };
  }
  const hadBom = original !== null && original[0] === 0xef && original[1] === 0xbb && original[2] === 0xbf;
  const edited = applyEciEdit(parsed.text, parsed.root, options.edit);
  const changes = [
    ...(hadBom ? ['removed the UTF-8 byte order mark (Docker asks for UTF-8 without BOM)'] : []),
    ...edited.changes,
  ];
  const bytes = Buffer.from(edited.text, 'utf8');
  const after = validatePolicyBytes(bytes, path);
  if (changes.length === 0 && original) return { status: 'unchanged', path, validation: after };

  // Never make the file worse: every finding of the result must have been there before.
  const known = new Set((before?.findings ?? []).map(findingKey));
  const added = after.findings.filter((f) => f.level !== 'note' && !known.has(findingKey(f)));
  if (after.outcome === 'rejected' || added.length > 0) {
    return {
      status: 'refused-invalid',
      path,
      validation: after,
      reason: 'The edited file would not validate; nothing was written.',
    };
  }

  // Someone (an MDM run, another admin) changed the file since it was read: do not overwrite them.
  if (original && !readFileSync(path).equals(original)) {
    return { status: 'changed-meanwhile', path };
  }

  let backup: string | null = null;
  try {
    backup = original ? writeBackup(path, file as Owned, options.now ?? new Date()) : null;
    replaceAtomically(
      path,
      bytes,
      file ?? { uid: process.geteuid?.() ?? 0, gid: process.getegid?.() ?? 0, mode: NEW_FILE_MODE },
    );
    return { status: 'written', path, created: !original, backup, changes, validation: after };
  } catch (err) {
    // The original is untouched (the rename is the only step that changes it): its copy is clutter.
    if (backup) rmSync(backup, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    const reason = describeWriteError(code, path);
    if (reason) return { status: 'refused-rights', path, reason };
    const full = describeFullDisk(code, path, err as Error);
    if (full) return { status: 'write-failed', path, reason: full };
    throw err;
  }
}

/** `admin-settings.json.2026-12-01T04-30-00Z.bak`, next to the file, with its owner and mode. */
function writeBackup(path: string, file: Owned, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  let backup = `${path}.${stamp}.bak`;
  for (let n = 2; existsSync(backup); n++) backup = `${path}.${stamp}.${n}.bak`;
  try {
    copyFileSync(path, backup, constants.COPYFILE_EXCL);
    keepOwnership(backup, file);
  } catch (err) {
    // A backup cut short by a full disk is no backup: never leave one that looks like it.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(backup, { force: true });
    throw err;
  }
  return backup;
}

function replaceAtomically(path: string, bytes: Buffer, owner: Owned): void {
  const tmp = writeSyncedTemp(path, bytes);
  try {
    // What Docker Desktop will read is what was meant, byte for byte, before it replaces the file.
    if (!readFileSync(tmp).equals(bytes))
      throw Object.assign(new Error(`the new file ${tmp} does not read back as written`), { code: 'EIO' });
    keepOwnership(tmp, owner);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

function keepOwnership(path: string, owner: Owned): void {
  if (process.platform === 'win32') return;
  chmodSync(path, owner.mode);
  if (process.geteuid?.() === 0) chownSync(path, owner.uid, owner.gid);
}
