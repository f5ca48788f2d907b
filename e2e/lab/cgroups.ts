// The lab gives its engine a cgroup parent of its own, so teardown can find every container
// process (even of an engine that was killed) and remove the cgroup folders afterwards.

import { existsSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';

const CGROUP_BASE = '/sys/fs/cgroup';

function cgroupDirs(parent: string): string[] {
  const dirs: string[] = [];
  let controllers: string[] = [];
  try {
    controllers = readdirSync(CGROUP_BASE);
  } catch {
    return dirs;
  }
  for (const c of ['', ...controllers]) {
    const dir = join(CGROUP_BASE, c, parent);
    if (existsSync(dir)) dirs.push(dir);
  }
  return dirs;
}

export function cgroupProcesses(parent: string): number[] {
  const pids = new Set<number>();
  const walk = (dir: string) => {
    try {
      for (const line of readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n'))
        if (line.trim()) pids.add(Number(line));
      for (const entry of readdirSync(dir, { withFileTypes: true }))
        if (entry.isDirectory()) walk(join(dir, entry.name));
    } catch {
      // Gone meanwhile.
    }
  };
  for (const dir of cgroupDirs(parent)) walk(dir);
  return [...pids];
}

/** cgroup folders are removed with rmdir (their pseudo-files cannot be unlinked), children first. */
export function removeCgroups(parent: string): void {
  const rmTree = (dir: string) => {
    try {
      for (const entry of readdirSync(dir, { withFileTypes: true }))
        if (entry.isDirectory()) rmTree(join(dir, entry.name));
      rmdirSync(dir);
    } catch {
      // Busy or already gone.
    }
  };
  for (const dir of cgroupDirs(parent)) rmTree(dir);
}
