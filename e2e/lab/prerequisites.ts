// What the lab needs from the machine: Debian's docker.io (dockerd, containerd, runc),
// busybox-static for the probe image, uidmap, and a subordinate id range for user namespaces.
// Missing pieces are installed when we are root on Debian; otherwise the lab fails with exactly
// what to install. It never skips silently.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const LAB_PACKAGES = ['docker.io', 'busybox-static', 'uidmap'];
const REQUIRED = ['dockerd', 'containerd', 'runc', 'mount', 'umount', 'tar'];

export class LabPrerequisiteError extends Error {
  override name = 'LabPrerequisiteError';
}

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** A statically linked busybox: the probe image has no libc to link against. */
export function findStaticBusybox(): string | null {
  for (const candidate of ['/bin/busybox', '/usr/bin/busybox']) {
    if (!existsSync(candidate)) continue;
    // A dynamic executable names its loader (PT_INTERP) near the start of the file.
    const head = readFileSync(candidate).subarray(0, 4096).toString('latin1');
    if (!/ld-linux|ld-musl/.test(head)) return candidate;
  }
  return null;
}

function missing(): string[] {
  const gone = REQUIRED.filter((c) => !which(c));
  if (!findStaticBusybox()) gone.push('busybox (static)');
  if (!which('newuidmap')) gone.push('newuidmap');
  return gone;
}

export type PrerequisitePlan = { action: 'ready' } | { action: 'install'; packages: string[] } | { action: 'fail'; message: string };

/** What to do about missing pieces. Pure, so the refusal message is tested without breaking a machine. */
export function planPrerequisites(gone: string[], isRoot: boolean, isDebian: boolean, platform: NodeJS.Platform = 'linux'): PrerequisitePlan {
  if (platform !== 'linux') return { action: 'fail', message: 'The engine lab runs on Linux only (it starts dockerd).' };
  if (gone.length === 0) return { action: 'ready' };
  if (isRoot && isDebian) return { action: 'install', packages: LAB_PACKAGES };
  return {
    action: 'fail',
    message:
      `The engine lab needs ${gone.join(', ')}. Install them as root: apt-get install -y ${LAB_PACKAGES.join(' ')}` +
      (isRoot ? '' : ' (the lab also has to run as root: it starts dockerd and bind-mounts its data).'),
  };
}

export function ensureLabPrerequisites(): void {
  const plan = planPrerequisites(missing(), process.getuid?.() === 0, existsSync('/etc/debian_version'), process.platform);
  if (plan.action === 'fail') throw new LabPrerequisiteError(plan.message);
  if (plan.action === 'install') {
    withMachineLock('apt', () => {
      if (missing().length === 0) return;
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
      execFileSync('apt-get', ['install', '-y', '-qq', ...plan.packages], { stdio: 'inherit', env });
    });
    const gone = missing();
    if (gone.length) throw new LabPrerequisiteError(`Installed ${LAB_PACKAGES.join(' ')}, but still missing: ${gone.join(', ')}.`);
  }
  ensureRemapUser();
}

export interface IdRange {
  uid: number;
  gid: number;
}

function rangeOf(file: string, user: string): number | null {
  try {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const [name, start] = line.split(':');
      if (name === user && start) return Number(start);
    }
  } catch {
    // No file yet: no range.
  }
  return null;
}

function nextFreeStart(file: string): number {
  let end = 100_000;
  try {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const [, start, count] = line.split(':');
      if (start && count) end = Math.max(end, Number(start) + Number(count));
    }
  } catch {
    // Empty: start at 100000, as dockerd does.
  }
  return end;
}

/**
 * The `dockremap` user and its subordinate ranges, created the way dockerd creates them for
 * `userns-remap: default`, but before the engine starts: the lab must know the remapped root
 * folder name (`<uid>.<gid>`) to bind-mount the pre-ECI data there.
 */
export function ensureRemapUser(): IdRange {
  return withMachineLock('dockremap', () => {
    if (spawnSync('getent', ['passwd', 'dockremap']).status !== 0) {
      execFileSync('useradd', ['-r', '-s', '/bin/false', 'dockremap'], { stdio: 'pipe' });
    }
    let uid = rangeOf('/etc/subuid', 'dockremap');
    let gid = rangeOf('/etc/subgid', 'dockremap');
    if (uid === null || gid === null) {
      const us = uid ?? nextFreeStart('/etc/subuid');
      const gs = gid ?? nextFreeStart('/etc/subgid');
      execFileSync('usermod', ['-v', `${us}-${us + 65535}`, '-w', `${gs}-${gs + 65535}`, 'dockremap'], { stdio: 'pipe' });
      uid = rangeOf('/etc/subuid', 'dockremap');
      gid = rangeOf('/etc/subgid', 'dockremap');
    }
    if (uid === null || gid === null) throw new LabPrerequisiteError('Could not set up subordinate ids for the dockremap user.');
    return { uid, gid };
  });
}

/** A cross-process lock (mkdir is atomic) for the few machine-wide setup steps. */
function withMachineLock<T>(name: string, fn: () => T): T {
  const dir = join(tmpdir(), `eci-lab-${name}.lock`);
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(dir);
      break;
    } catch {
      if (Date.now() > deadline) throw new LabPrerequisiteError(`Timed out waiting for the ${name} lock at ${dir}; remove it if no lab is starting.`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    return fn();
  } finally {
    rmdirSync(dir);
  }
}
