// Taking a lab down: stop what it started (proxy, then dockerd, only if the PID is still ours),
// kill what is left in its cgroup, unmount what it mounted, delete its folder; and sweep the labs
// a crashed test run left behind.
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopDaemon } from './daemon';
import { LAB_DIR_PREFIX, type LabPaths } from './lab-paths';
import type { LabState } from './lab-state';
import { unmountAllUnder } from './mounts';
import { isAlive, isOurs, stopProcess } from './processes';
import { killStragglers } from './stragglers';

export async function tearDownLab(paths: LabPaths, state: LabState): Promise<void> {
  try {
    if (state.proxyPid !== null) await stopProcess(state.proxyPid, paths.desktopSocket, 3_000);
    if (state.daemonPid !== null && isOurs(state.daemonPid, paths.daemonConfig))
      await stopDaemon(state.daemonPid, paths);
  } finally {
    await killStragglers(paths, state.cgroupParent);
    unmountAllUnder(paths.root);
    rmSync(paths.root, { recursive: true, force: true });
  }
}

/** Tears down each lab folder whose owner process is gone; a lab that cannot be opened is left alone. */
export async function sweepStaleLabs(
  open: (root: string) => { owner: number | null; teardown(): Promise<void> },
): Promise<string[]> {
  const swept: string[] = [];
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(LAB_DIR_PREFIX) || name.endsWith('.lock')) continue;
    const root = join(tmpdir(), name);
    let lab: ReturnType<typeof open>;
    try {
      lab = open(root);
    } catch {
      continue;
    }
    if (lab.owner !== null && !isAlive(lab.owner)) {
      await lab.teardown();
      swept.push(root);
    }
  }
  return swept;
}
