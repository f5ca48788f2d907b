// What a killed lab engine leaves behind (containerd, shims, the lab's container processes, stale
// pid files), cleared so the next engine on the same folders starts clean.

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cgroupProcesses, removeCgroups } from './cgroups';
import type { LabPaths } from './lab-paths';
import { isAlive, processesMentioning, sleep } from './processes';

export async function killStragglers(paths: LabPaths, cgroupParent: string): Promise<void> {
  // Only the engine's own processes: containerd and shims name the exec root, dockerd its
  // config. Clients that merely talk to the lab's sockets (the product under test) are not ours.
  const pids = new Set([...processesMentioning(paths.execRoot), ...processesMentioning(paths.daemonConfig)]);
  for (const pid of cgroupProcesses(cgroupParent)) pids.add(pid);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  const deadline = Date.now() + 5_000;
  while ([...pids].some(isAlive) && Date.now() < deadline) await sleep(50);
  removeCgroups(cgroupParent);
  // A killed engine leaves pid files behind; their processes may linger as zombies (nobody
  // reaps them here), which dockerd would take for a running engine or containerd.
  for (const file of [paths.pidfile, join(paths.execRoot, 'containerd', 'containerd.pid')]) {
    try {
      if (!isAlive(Number(readFileSync(file, 'utf8').trim()))) rmSync(file, { force: true });
    } catch {
      // No pid file: nothing to clear.
    }
  }
}
