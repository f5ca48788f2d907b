// Whether this user may replace the admin settings file, and if not, why, in words. Decided from
// the file's and folder's owner and mode before anything is written, so a refusal leaves no
// temporary file or backup behind. Pure. (On Windows the mode bits say nothing: the write itself
// answers, and its EACCES/EPERM is reported the same way.)

export interface Owned {
  uid: number;
  gid: number;
  mode: number;
}

export interface RightsInputs {
  platform: NodeJS.Platform;
  /** The effective user and its groups (process.geteuid / getgroups). */
  uid: number;
  groups: number[];
  filePath: string;
  /** null when the file does not exist yet (--create). */
  file: Owned | null;
  dirPath: string;
  /** null when the folder does not exist. */
  dir: Owned | null;
}

type Access = 'r' | 'w' | 'x';
const BITS: Record<Access, number> = { r: 4, w: 2, x: 1 };

/** POSIX permission check as the kernel makes it: owner bits, else group bits, else other bits. */
export function allows(who: { uid: number; groups: number[] }, target: Owned, access: Access): boolean {
  if (who.uid === 0) return true;
  const shift = target.uid === who.uid ? 6 : who.groups.includes(target.gid) ? 3 : 0;
  return ((target.mode >> shift) & BITS[access]) !== 0;
}

const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(4, '0');

/** null when the write may go ahead; otherwise the reason it would fail, for the person. */
export function writeRefusal(inputs: RightsInputs): string | null {
  if (inputs.platform === 'win32')
    return inputs.dir
      ? null
      : `The folder ${inputs.dirPath} does not exist (Docker Desktop's installer creates it): check the path.`;
  const who = { uid: inputs.uid, groups: inputs.groups };
  // Docker Desktop's installer makes the folder; a missing one means a wrong path or no Desktop.
  if (!inputs.dir)
    return `The folder ${inputs.dirPath} does not exist (Docker Desktop's installer creates it): check the path.`;
  if (inputs.uid === 0) return null;
  const asRoot = 'Run it as root (e.g. with sudo) or through your MDM, which runs scripts as root.';
  if (!allows(who, inputs.dir, 'w') || !allows(who, inputs.dir, 'x')) {
    return `You (uid ${inputs.uid}) cannot create files in ${inputs.dirPath} (owner uid ${inputs.dir.uid}, mode ${octal(inputs.dir.mode)}), and the file is replaced atomically there, with a backup next to it. ${asRoot}`;
  }
  if (inputs.file) {
    if (!allows(who, inputs.file, 'w')) {
      return `You (uid ${inputs.uid}) may not write ${inputs.filePath} (owner uid ${inputs.file.uid}, mode ${octal(inputs.file.mode)}). ${asRoot}`;
    }
    if (inputs.file.uid !== inputs.uid) {
      return `${inputs.filePath} belongs to uid ${inputs.file.uid}; replacing it as uid ${inputs.uid} would make it yours, and only root can keep its owner. ${asRoot}`;
    }
  }
  return null;
}

/** The reason an actual write failed with a permission or read-only error, or null for other errors. */
export function describeWriteError(code: string | undefined, path: string): string | null {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `Permission denied writing ${path}: this user may not change the admin settings file. Run it as root (or an administrator on Windows).`;
    case 'EROFS':
      return `${path} is on a read-only file system.`;
    default:
      return null;
  }
}

/**
 * The reason a write failed for want of room (full disk, quota, file-size limit) or came back
 * different when read, or null for other errors. The file itself was not replaced.
 */
export function describeFullDisk(code: string | undefined, path: string, err: Error): string | null {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
    case 'EIO':
      return `the new ${path} could not be written whole (${err.message}); the file is as it was. Free some space and run this again.`;
    default:
      return null;
  }
}
