// Where each OS keeps the preferences its admins set, and reading them without trusting what an
// ordinary user could have written there: the file (Linux) and the profiles' plists (macOS) must be
// regular files, not links, owned by root and writable by nobody else, in folders the same holds
// for; a store that fails that is ignored and named in `problems`. Windows policy lives under HKLM,
// which only administrators can write; reg.exe is run by its absolute path.
//
// Sources: macOS profiles' preferences land in /Library/Managed Preferences/[user/]<bundle id>.plist
// (Apple, "Custom settings" payload, support.apple.com/guide/deployment/dep9f5d5b0c0); Windows
// policies for apps belong under HKLM\SOFTWARE\Policies (Microsoft, "Registry keys for policy
// settings"); Linux has no common store, so the app reads one root-owned file.

import { execFileSync } from 'node:child_process';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { errorText } from '../error-text';
import {
  interpretManaged,
  layerManaged,
  NOTHING_MANAGED,
  parseRegQuery,
  type ManagedPreferences,
} from './managed-preferences';

export const LINUX_MANAGED_FILE = '/etc/eci-tray/managed-preferences.json';
export const MAC_BUNDLE_ID = 'io.ecitray.app';
export const MAC_MANAGED_DIR = '/Library/Managed Preferences';
export const WINDOWS_POLICY_KEY = 'HKLM\\SOFTWARE\\Policies\\ECI Tray';
const MAX_BYTES = 64 * 1024;

export interface ManagedSourceDeps {
  platform: NodeJS.Platform;
  /** The user whose profile-level preferences apply (macOS); null: the machine's only. */
  user: string | null;
  linuxFile: string;
  macDir: string;
  /** Runs a tool by absolute path and returns its stdout; throws with its exit status. */
  run: (file: string, args: string[]) => string;
  env: NodeJS.ProcessEnv;
}

export function hostManagedDeps(user: string | null = null): ManagedSourceDeps {
  return {
    platform: process.platform,
    user,
    linuxFile: LINUX_MANAGED_FILE,
    macDir: MAC_MANAGED_DIR,
    run: (file, args) =>
      execFileSync(file, args, {
        encoding: 'utf8',
        timeout: 5_000,
        maxBuffer: MAX_BYTES * 4,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      }),
    env: process.env,
  };
}

/** Why a path cannot hold an admin's settings, or null when only root (or an admin) can change it. */
export function untrustedBecause(st: Stats, what: string): string | null {
  if (st.isSymbolicLink()) return `${what} is a symbolic link`;
  if (st.uid !== 0) return `${what} is owned by uid ${st.uid}, not root`;
  if (st.mode & 0o022) return `${what} can be written by users other than root (mode ${(st.mode & 0o777).toString(8)})`;
  return null;
}

/** Reads a root-owned regular file that no one else can write, in folders no one else can write. */
export function readRootOwnedFile(path: string): { text: string } | { missing: true } | { problem: string } {
  let fd: number;
  try {
    // O_NOFOLLOW: a link is refused by the kernel; O_NONBLOCK: a FIFO cannot hang the open.
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { missing: true };
    if (code === 'ELOOP') return { problem: `${path} is a symbolic link; ignored` };
    return { problem: `${path} could not be opened (${errorText(err)}); ignored` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { problem: `${path} is not a regular file; ignored` };
    const file = untrustedBecause(st, path);
    if (file) return { problem: `${file}; ignored` };
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const why = untrustedBecause(lstatSync(dir), `the folder ${dir}`);
      // /tmp-like folders (sticky, world-writable) are never a place for an admin's file.
      if (why) return { problem: `${why}; ${path} ignored` };
      if (dirname(dir) === dir) break;
    }
    if (st.size > MAX_BYTES) return { problem: `${path} is larger than ${MAX_BYTES} bytes; ignored` };
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return { text: buf.subarray(0, got).toString('utf8') };
  } finally {
    closeSync(fd);
  }
}

function fromJsonFile(path: string): ManagedPreferences {
  const read = readRootOwnedFile(path);
  if ('missing' in read) return NOTHING_MANAGED;
  if ('problem' in read) return { source: null, values: {}, problems: [read.problem] };
  try {
    return interpretManaged(JSON.parse(read.text), path);
  } catch (err) {
    return { source: null, values: {}, problems: [`${path} is not valid JSON (${errorText(err)}); ignored`] };
  }
}

function fromPlist(path: string, deps: ManagedSourceDeps): ManagedPreferences {
  const read = readRootOwnedFile(path);
  if ('missing' in read) return NOTHING_MANAGED;
  if ('problem' in read) return { source: null, values: {}, problems: [read.problem] };
  try {
    // plutil turns the (binary or XML) plist into JSON; the file was checked above.
    return interpretManaged(JSON.parse(deps.run('/usr/bin/plutil', ['-convert', 'json', '-o', '-', '--', path])), path);
  } catch (err) {
    return {
      source: null,
      values: {},
      problems: [`${path} could not be read as a property list (${errorText(err)}); ignored`],
    };
  }
}

function fromRegistry(deps: ManagedSourceDeps): ManagedPreferences {
  const reg = join(deps.env['SystemRoot'] ?? deps.env['SYSTEMROOT'] ?? 'C:\\Windows', 'System32', 'reg.exe').replace(
    /\//g,
    '\\',
  );
  let stdout: string;
  try {
    stdout = deps.run(reg, ['query', WINDOWS_POLICY_KEY, '/s']);
  } catch (err) {
    // reg.exe exits 1 when the key does not exist: nothing is managed.
    if ((err as { status?: number }).status === 1) return NOTHING_MANAGED;
    return {
      source: null,
      values: {},
      problems: [`${WINDOWS_POLICY_KEY} could not be read (${errorText(err)}); ignored`],
    };
  }
  return interpretManaged(parseRegQuery(stdout, WINDOWS_POLICY_KEY), WINDOWS_POLICY_KEY);
}

/** The managed preferences of this machine (and, on macOS, of the user's own profile). */
export function readManagedPreferences(deps: ManagedSourceDeps = hostManagedDeps()): ManagedPreferences {
  switch (deps.platform) {
    case 'darwin': {
      const machine = fromPlist(join(deps.macDir, `${MAC_BUNDLE_ID}.plist`), deps);
      return deps.user
        ? layerManaged(machine, fromPlist(join(deps.macDir, deps.user, `${MAC_BUNDLE_ID}.plist`), deps))
        : machine;
    }
    case 'win32':
      return fromRegistry(deps);
    default:
      return fromJsonFile(deps.linuxFile);
  }
}
