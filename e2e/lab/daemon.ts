// A real dockerd from Debian's docker.io, configured as docs/DEVELOPMENT.md's engine lab describes:
//   off: no iptables, no bridge, vfs storage, private socket, data and exec roots;
//   on:  the same plus userns-remap and a `sysbox-runc` runtime (an alias of runc) as default,
//        so a probe shows `0 100000 65536` and inspects as sysbox-runc.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { LabMode, LabPaths } from './lab-paths';
import { bindMount, isMountPoint } from './mounts';
import { isAlive, sleep, spawnDetached, stopProcess } from './processes';
import type { IdRange } from './prerequisites';

export function daemonConfig(paths: LabPaths, mode: LabMode, cgroupParent: string): Record<string, unknown> {
  return {
    'data-root': mode === 'on' ? paths.onRoot : paths.offData,
    'exec-root': paths.execRoot,
    pidfile: paths.pidfile,
    hosts: [`unix://${paths.engineSocket}`],
    iptables: false,
    'ip-forward': false,
    'ip-masq': false,
    bridge: 'none',
    'storage-driver': 'vfs',
    'shutdown-timeout': 2,
    'log-level': 'warn',
    // Each lab's containers in a cgroup of their own, so teardown can find every process.
    'cgroup-parent': cgroupParent,
    // Defined in both modes so containers created under "ECI" can still start after a switch.
    runtimes: { 'sysbox-runc': { path: 'runc' } },
    'default-runtime': mode === 'on' ? 'sysbox-runc' : 'runc',
    ...(mode === 'on' ? { 'userns-remap': 'default' } : {}),
  };
}

/** `<onRoot>/<uid>.<gid>`: where the remapped engine looks for its data. */
export function remappedDataDir(paths: LabPaths, range: IdRange): string {
  return join(paths.onRoot, `${range.uid}.${range.gid}`);
}

/** GET /_ping on a unix socket; true when the engine answers OK. */
export function pingSocket(socketPath: string, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(res.statusCode === 200 && body.trim() === 'OK'));
      res.on('error', () => resolve(false));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

export async function waitForSocket(
  socketPath: string,
  pid: number,
  logFile: string,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await pingSocket(socketPath)) return;
    if (!isAlive(pid))
      throw new Error(`lab: ${what} exited during start-up. Last lines of ${logFile}:\n${tail(logFile)}`);
    await sleep(50);
  }
  throw new Error(
    `lab: ${what} did not answer on ${socketPath} within ${timeoutMs / 1000} s. Last lines of ${logFile}:\n${tail(logFile)}`,
  );
}

export function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function startDaemon(
  paths: LabPaths,
  mode: LabMode,
  range: IdRange,
  cgroupParent: string,
): Promise<number> {
  mkdirSync(paths.offData, { recursive: true });
  mkdirSync(paths.execRoot, { recursive: true });
  mkdirSync(paths.logs, { recursive: true });
  if (mode === 'on') {
    // Pre-ECI containers survive the switch: the remapped engine sees the off engine's data.
    const target = remappedDataDir(paths, range);
    mkdirSync(target, { recursive: true });
    if (!isMountPoint(target)) bindMount(paths.offData, target);
  }
  writeFileSync(paths.daemonConfig, JSON.stringify(daemonConfig(paths, mode, cgroupParent), null, 2));
  const log = join(paths.logs, 'dockerd.log');
  const pid = spawnDetached('dockerd', ['--config-file', paths.daemonConfig], log);
  await waitForSocket(paths.engineSocket, pid, log, `dockerd (ECI ${mode})`);
  return pid;
}

/** Stops the engine by PID (its shutdown stops the containers) and waits until it is gone. */
export async function stopDaemon(pid: number, paths: LabPaths): Promise<void> {
  await stopProcess(pid, paths.daemonConfig, 20_000);
}
