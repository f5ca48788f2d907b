// Docker Desktop's own processes on this host, for the target user, and since when they run:
// the evidence that tells a full quit (every Desktop process started again) from a restart of
// the engine alone (the app kept running). Names and sources: docs/DESKTOP-PROCESSES.md.
//   Linux   /proc: the process that listens on the engine's unix socket (com.docker.backend on
//           Desktop, the Desktop proxy in the engine lab), the processes of the `docker-desktop`
//           user unit, and those run from /opt/docker-desktop.
//   macOS   /bin/ps: the app and com.docker.backend inside a Docker.app bundle.
//   Windows PowerShell (under %SystemRoot%): `Docker Desktop.exe` and `com.docker.backend.exe`.
// Only reads: nothing found here is executed or trusted beyond its start time.

import { statSync } from 'node:fs';
import { readdir, readFile, readlink, stat } from 'node:fs/promises';
import { posix, win32 } from 'node:path';
import { errorText } from '../error-text';
import { runCommand, type CommandResult } from './run-command';
import {
  bootTimeMs,
  linuxCommName,
  linuxStartMs,
  listeningSocketInodes,
  parsePsLstart,
  parseWindowsProcesses,
  socketInodeOfLink,
} from './desktop-process-parse';

export interface DesktopProcess {
  name: string;
  pid: number;
  /** ISO 8601. */
  startedAt: string;
}

export interface DesktopProcesses {
  /** False when this host cannot show them (a remote engine, another user's processes without rights, a tool that failed). */
  visible: boolean;
  /** Why they cannot be seen (when not visible). */
  why?: string;
  processes: DesktopProcess[];
  /** The OLDEST process's start: Desktop was fully quit after a moment only if this is later. Null when none runs. */
  startedAt: string | null;
}

/** The port the checker and the monitor read Desktop's processes through (injectable in tests). */
export type DesktopProcessPort = () => Promise<DesktopProcesses>;

export interface DesktopProcessTarget {
  platform: NodeJS.Platform;
  /** The engine endpoint URL (`unix:///…`, `npipe://…`, `tcp://…`); null when none resolved. */
  endpoint: string | null;
  /** The target user's uid (POSIX); null: this process's user. */
  uid?: number | null;
  /** The target user's name (Windows owner match); null: this process's user. */
  userName?: string | null;
  env?: Record<string, string | undefined>;
}

export interface ProcessDeps {
  /** Runs an absolute-path tool; default: runCommand with a 10 s timeout. */
  run?: (file: string, args: string[], env: NodeJS.ProcessEnv) => Promise<CommandResult>;
  /** /proc (a test may point it at a fixture). */
  procRoot?: string;
}

const TOOL_TIMEOUT_MS = 10_000;
const defaultRun = (file: string, args: string[], env: NodeJS.ProcessEnv) =>
  runCommand({ file, args }, TOOL_TIMEOUT_MS, env);

export const notVisible = (why: string): DesktopProcesses => ({ visible: false, why, processes: [], startedAt: null });

export function seen(processes: DesktopProcess[]): DesktopProcesses {
  const sorted = [...processes].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.pid - b.pid);
  return { visible: true, processes: sorted, startedAt: sorted[0]?.startedAt ?? null };
}

/** Remote engines run their processes elsewhere: say so instead of looking. */
function remoteEndpoint(endpoint: string | null): string | null {
  if (endpoint === null) return 'no engine endpoint is configured';
  if (endpoint.startsWith('unix://') || endpoint.startsWith('npipe://')) return null;
  return `the engine is remote (${endpoint.replace(/\/\/[^@/]*@/, '//')}): its processes are not on this machine`;
}

export async function readDesktopProcesses(
  target: DesktopProcessTarget,
  deps: ProcessDeps = {},
): Promise<DesktopProcesses> {
  const remote = remoteEndpoint(target.endpoint);
  if (remote) return notVisible(remote);
  try {
    if (target.platform === 'linux') return readLinux(target, deps);
    if (target.platform === 'darwin') return await readMac(target, deps);
    if (target.platform === 'win32') return await readWindows(target, deps);
    return notVisible(`Docker Desktop's processes are not read on ${target.platform}`);
  } catch (err) {
    return notVisible(`Docker Desktop's processes could not be read: ${errorText(err)}`);
  }
}

/** The port for a checker's configuration: its endpoint, and the user whose home it reads. */
export function desktopProcessPort(
  config: {
    endpoint: string | null;
    home?: string | undefined;
    env?: Record<string, string | undefined> | undefined;
    platform?: NodeJS.Platform;
  },
  deps: ProcessDeps = {},
): DesktopProcessPort {
  const platform = config.platform ?? process.platform;
  let uid: number | null = null;
  let userName: string | null = null;
  if (config.home) {
    if (platform === 'win32') userName = win32.basename(config.home);
    else {
      try {
        uid = statSync(config.home).uid;
      } catch {
        return () =>
          Promise.resolve(
            notVisible(`the home folder ${config.home} cannot be read, so its user's processes cannot be told apart`),
          );
      }
    }
  }
  return () =>
    readDesktopProcesses(
      { platform, endpoint: config.endpoint, uid, userName, ...(config.env ? { env: config.env } : {}) },
      deps,
    );
}

// --- Linux -----------------------------------------------------------------------------------

const LINUX_INSTALL_DIR = '/opt/docker-desktop/';
const LINUX_USER_UNIT = '/docker-desktop.service';

// Asynchronous: a check runs this while its probe containers are under way, and a scan of every
// process's open files must not hold up the answers to those calls (70 to 200 ms of reads on a
// busy machine when done synchronously).
async function readLinux(target: DesktopProcessTarget, deps: ProcessDeps): Promise<DesktopProcesses> {
  const proc = deps.procRoot ?? '/proc';
  const me = process.getuid?.() ?? 0;
  const uid = target.uid ?? me;
  if (uid !== me && me !== 0) return notVisible("another user's processes cannot be read without administrator rights");
  const socketPath = target.endpoint?.startsWith('unix://') ? target.endpoint.slice('unix://'.length) : null;
  const [unix, procStat, entries] = await Promise.all([
    socketPath ? readFile(posix.join(proc, 'net/unix'), 'utf8') : Promise.resolve(''),
    readFile(posix.join(proc, 'stat'), 'utf8'),
    readdir(proc),
  ]);
  const inodes = new Set(socketPath ? listeningSocketInodes(unix, socketPath) : []);
  const boot = bootTimeMs(procStat);
  if (boot === null) return notVisible(`${proc}/stat holds no boot time`);
  let socketServed = false;
  const one = async (entry: string): Promise<DesktopProcess | null> => {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid <= 0) return null;
    const dir = posix.join(proc, entry);
    try {
      if ((await stat(dir)).uid !== uid) return null;
      const why = await linuxDesktopMark(dir, inodes);
      if (!why) return null;
      if (why === 'socket') socketServed = true;
      const text = await readFile(posix.join(dir, 'stat'), 'utf8');
      const started = linuxStartMs(text, boot);
      return started === null ? null : { name: linuxCommName(text), pid, startedAt: new Date(started).toISOString() };
    } catch {
      return null; // gone meanwhile, or not ours to read
    }
  };
  const found = (await Promise.all(entries.map(one))).filter((p): p is DesktopProcess => p !== null);
  found.sort((x, y) => x.pid - y.pid);
  if (inodes.size > 0 && !socketServed) {
    // Something listens on the engine's socket, but no process of this user: a rootful engine,
    // another namespace, or another user's Desktop. Its start cannot be told.
    return notVisible(`no process of this user serves the engine's socket ${socketPath}`);
  }
  return seen(found);
}

/** Why a process counts as Docker Desktop's: it serves the engine socket, runs in its user unit, or from its install folder. */
async function linuxDesktopMark(dir: string, inodes: Set<number>): Promise<'socket' | 'unit' | 'install' | null> {
  if (inodes.size > 0) {
    const fds = await readdir(posix.join(dir, 'fd'));
    const links = await Promise.all(fds.map((fd) => readlink(posix.join(dir, 'fd', fd)).catch(() => '')));
    if (
      links.some((link) => {
        const inode = socketInodeOfLink(link);
        return inode !== null && inodes.has(inode);
      })
    )
      return 'socket';
  }
  const cgroup = await readFile(posix.join(dir, 'cgroup'), 'utf8').catch(() => ''); // none: not in a unit
  if (cgroup.split('\n').some((l) => l.trimEnd().endsWith(LINUX_USER_UNIT))) return 'unit';
  const exe = await readlink(posix.join(dir, 'exe')).catch(() => ''); // a kernel thread, or not ours
  return exe.startsWith(LINUX_INSTALL_DIR) ? 'install' : null;
}

// --- macOS -----------------------------------------------------------------------------------

const MAC_NAMES = new Set(['Docker Desktop', 'Docker', 'com.docker.backend']);

async function readMac(target: DesktopProcessTarget, deps: ProcessDeps): Promise<DesktopProcesses> {
  const run = deps.run ?? defaultRun;
  const env = { PATH: '/usr/bin:/bin', LC_ALL: 'C', ...(process.env['TZ'] ? { TZ: process.env['TZ'] } : {}) };
  const r = await run('/bin/ps', ['-axww', '-o', 'pid=,uid=,lstart=,comm='], env);
  if (r.code !== 0) return notVisible(`/bin/ps failed: ${r.output || `exit ${r.code}`}`);
  const uid = target.uid ?? process.getuid?.() ?? 0;
  const found = parsePsLstart(r.output)
    .filter(
      (row) =>
        row.uid === uid && /\/Docker\.app\/Contents\//.test(row.command) && MAC_NAMES.has(posix.basename(row.command)),
    )
    .map((row) => ({
      name: posix.basename(row.command),
      pid: row.pid,
      startedAt: new Date(row.startedMs).toISOString(),
    }));
  return seen(found);
}

// --- Windows ---------------------------------------------------------------------------------

const WINDOWS_NAMES = ['Docker Desktop.exe', 'com.docker.backend.exe'];
const WINDOWS_SCRIPT =
  `Get-CimInstance Win32_Process -Filter "${WINDOWS_NAMES.map((n) => `Name='${n}'`).join(' OR ')}" | ForEach-Object { ` +
  `$o = Invoke-CimMethod -InputObject $_ -MethodName GetOwner -ErrorAction SilentlyContinue; ` +
  `[pscustomobject]@{ pid = [int]$_.ProcessId; name = $_.Name; path = $_.ExecutablePath; started = $_.CreationDate.ToUniversalTime().ToString('o'); user = $o.User; domain = $o.Domain } } | ConvertTo-Json -Compress`;

async function readWindows(target: DesktopProcessTarget, deps: ProcessDeps): Promise<DesktopProcesses> {
  const run = deps.run ?? defaultRun;
  const root = (target.env ?? process.env)['SystemRoot'] ?? 'C:\\Windows';
  if (!/^[A-Za-z]:\\[^"<>|?*]*$/.test(root)) return notVisible(`%SystemRoot% is not a local folder: ${root}`);
  const powershell = win32.join(root, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
  const r = await run(powershell, ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_SCRIPT], { SystemRoot: root });
  if (r.code !== 0) return notVisible(`the process list failed: ${r.output || `exit ${r.code}`}`);
  const rows = parseWindowsProcesses(r.output);
  const user = (target.userName ?? (target.env ?? process.env)['USERNAME'] ?? '').toLowerCase();
  if (rows.some((row) => row.owner === null))
    return notVisible(
      'the owner of a Docker Desktop process cannot be read (another user, or no administrator rights)',
    );
  const mine = rows.filter((row) => (row.owner ?? '').split('\\').pop()?.toLowerCase() === user);
  return seen(mine.map((row) => ({ name: row.name, pid: row.pid, startedAt: new Date(row.startedMs).toISOString() })));
}
