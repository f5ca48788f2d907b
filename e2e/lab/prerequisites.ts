// What the lab, and the whole of `npm test`, needs from the machine: Debian's docker.io (dockerd,
// containerd, runc), busybox-static for the probe image, uidmap and a subordinate id range for
// user namespaces; for the tests also Chromium and a private desktop for notifications. Missing
// pieces are installed when we are root on Debian; otherwise it fails with exactly what to
// install. A test that cannot run fails; it is never skipped silently.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class LabPrerequisiteError extends Error {
  override name = 'LabPrerequisiteError';
}

/** A program (or file) a test needs, and the Debian package that provides it. */
export interface Requirement {
  tool: string;
  package: string;
}

/** The engine lab: real dockerd daemons, a static busybox for the probe image, user namespaces. */
export const LAB_REQUIREMENTS: readonly Requirement[] = [
  { tool: 'dockerd', package: 'docker.io' },
  { tool: 'containerd', package: 'docker.io' },
  { tool: 'runc', package: 'docker.io' },
  { tool: 'busybox (static)', package: 'busybox-static' },
  { tool: 'newuidmap', package: 'uidmap' },
  { tool: 'mount', package: 'mount' },
  { tool: 'umount', package: 'mount' },
  { tool: 'tar', package: 'tar' },
];

/**
 * Everything `npm test` runs: the lab, Debian's Chromium for the Playwright tests of the windows
 * (no browser is downloaded), and a private desktop for the notification tests (Xvfb, a D-Bus
 * session bus, dunst as the notification daemon, notify-send as node-notifier's backend).
 */
export const TEST_REQUIREMENTS: readonly Requirement[] = [
  ...LAB_REQUIREMENTS,
  { tool: '/usr/bin/chromium', package: 'chromium' },
  { tool: 'Xvfb', package: 'xvfb' },
  { tool: 'dbus-daemon', package: 'dbus' },
  { tool: 'dunst', package: 'dunst' },
  { tool: 'dunstctl', package: 'dunst' },
  { tool: 'notify-send', package: 'libnotify-bin' },
  // A second local user (--for-user), refusals as another user, an immutable file (policy set-eci).
  { tool: 'useradd', package: 'passwd' },
  { tool: 'userdel', package: 'passwd' },
  { tool: 'getent', package: 'libc-bin' },
  { tool: 'runuser', package: 'util-linux' },
  { tool: 'setpriv', package: 'util-linux' },
  { tool: 'chattr', package: 'e2fsprogs' },
];

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { encoding: 'utf8' });
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

function present(r: Requirement): boolean {
  if (r.tool === 'busybox (static)') return findStaticBusybox() !== null;
  if (r.tool.startsWith('/')) return existsSync(r.tool);
  return which(r.tool) !== null;
}

/** The requirements this machine does not meet. */
export function missingRequirements(requirements: readonly Requirement[]): Requirement[] {
  return requirements.filter((r) => !present(r));
}

export type PrerequisitePlan =
  { action: 'ready' } | { action: 'install'; packages: string[] } | { action: 'fail'; message: string };

/**
 * What to do about missing pieces: install their packages (root on Debian), or fail saying
 * exactly what to install. Pure, so the refusal message is tested without breaking a machine.
 */
export function planPrerequisites(
  gone: readonly Requirement[],
  isRoot: boolean,
  isDebian: boolean,
  platform: NodeJS.Platform = 'linux',
  who = 'The engine lab',
): PrerequisitePlan {
  if (platform !== 'linux') return { action: 'fail', message: `${who} runs on Linux only (it starts dockerd).` };
  if (gone.length === 0) return { action: 'ready' };
  const packages = [...new Set(gone.map((r) => r.package))];
  if (isRoot && isDebian) return { action: 'install', packages };
  return {
    action: 'fail',
    message:
      `${who} needs ${gone.map((r) => r.tool).join(', ')}. Install them as root: apt-get install -y --no-install-recommends ${packages.join(' ')}` +
      (isDebian ? '' : ' (Debian package names; use the equivalent packages of your distribution)') +
      (isRoot ? '.' : '. It also has to run as root: the lab starts dockerd and bind-mounts its data.'),
  };
}

/** Checks the requirements and installs what is missing (root on Debian), or throws saying what to install. */
export function ensurePrerequisites(requirements: readonly Requirement[], who: string): void {
  const plan = planPrerequisites(
    missingRequirements(requirements),
    process.getuid?.() === 0,
    existsSync('/etc/debian_version'),
    process.platform,
    who,
  );
  if (plan.action === 'fail') throw new LabPrerequisiteError(plan.message);
  if (plan.action === 'install') {
    withMachineLock('apt', () => {
      const gone = missingRequirements(requirements);
      if (gone.length === 0) return;
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
      execFileSync(
        'apt-get',
        ['install', '-y', '-qq', '--no-install-recommends', ...new Set(gone.map((r) => r.package))],
        { stdio: 'inherit', env },
      );
    });
    const gone = missingRequirements(requirements);
    if (gone.length)
      throw new LabPrerequisiteError(
        `Installed ${plan.packages.join(' ')}, but still missing: ${gone.map((r) => r.tool).join(', ')}.`,
      );
  }
}

export function ensureLabPrerequisites(): void {
  ensurePrerequisites(LAB_REQUIREMENTS, 'The engine lab');
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
      execFileSync('usermod', ['-v', `${us}-${us + 65535}`, '-w', `${gs}-${gs + 65535}`, 'dockremap'], {
        stdio: 'pipe',
      });
      uid = rangeOf('/etc/subuid', 'dockremap');
      gid = rangeOf('/etc/subgid', 'dockremap');
    }
    if (uid === null || gid === null)
      throw new LabPrerequisiteError('Could not set up subordinate ids for the dockremap user.');
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
      if (Date.now() > deadline)
        throw new LabPrerequisiteError(
          `Timed out waiting for the ${name} lock at ${dir}; remove it if no lab is starting.`,
        );
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    return fn();
  } finally {
    rmdirSync(dir);
  }
}
