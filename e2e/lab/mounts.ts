// Mount bookkeeping for the lab: the bind mount that carries pre-ECI containers into the
// remapped engine, and everything the engine itself mounted under the lab folder.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Mount points at or under `root`, deepest first (the order to unmount them in). */
export function mountsUnder(root: string): string[] {
  const text = readFileSync('/proc/self/mountinfo', 'utf8');
  const points = text
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((p): p is string => !!p)
    .map((p) => p.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8))))
    .filter((p) => p === root || p.startsWith(root + '/'));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

export function isMountPoint(path: string): boolean {
  return mountsUnder(path).includes(path);
}

export function bindMount(source: string, target: string): void {
  execFileSync('mount', ['--bind', source, target], { stdio: 'pipe' });
}

/** Unmounts everything under `root`; a busy mount is detached lazily. Throws if any remains. */
export function unmountAllUnder(root: string): void {
  for (let pass = 0; pass < 5; pass++) {
    const points = mountsUnder(root);
    if (points.length === 0) return;
    for (const point of points) {
      try {
        execFileSync('umount', [point], { stdio: 'pipe' });
      } catch {
        try {
          execFileSync('umount', ['-l', point], { stdio: 'pipe' });
        } catch {
          // Stacked mounts come off one layer per pass.
        }
      }
    }
  }
  const left = mountsUnder(root);
  if (left.length) throw new Error(`lab: could not unmount ${left.join(', ')}`);
}
