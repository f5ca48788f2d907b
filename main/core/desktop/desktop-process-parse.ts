// Pure readers of what each OS says about its processes (docs/DESKTOP-PROCESSES.md): /proc's
// files on Linux, `ps` on macOS, a PowerShell listing on Windows. Each returns start times as
// epoch milliseconds; anything malformed is skipped, never guessed.

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's start time: 100 on every architecture Docker Desktop runs on. */
export const LINUX_TICKS_PER_SECOND = 100;
const ACCEPTING = 0x10000; // __SO_ACCEPTCON: a listening socket in /proc/net/unix

/** Inodes of the listening unix sockets bound at exactly `path` (/proc/net/unix). */
export function listeningSocketInodes(procNetUnix: string, path: string): number[] {
  const inodes: number[] = [];
  for (const line of procNetUnix.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 8) continue;
    const flags = Number.parseInt(fields[3] ?? '', 16);
    const inode = Number(fields[6]);
    // The path is the rest of the line (it may hold spaces).
    const at = line.indexOf(' /');
    const bound = at >= 0 ? line.slice(at + 1) : '';
    if (bound === path && Number.isFinite(flags) && (flags & ACCEPTING) !== 0 && Number.isInteger(inode) && inode > 0)
      inodes.push(inode);
  }
  return inodes;
}

/** The socket inode a /proc/<pid>/fd link points at (`socket:[123]`), or null. */
export function socketInodeOfLink(link: string): number | null {
  const m = /^socket:\[(\d+)\]$/.exec(link);
  return m ? Number(m[1]) : null;
}

/**
 * Boot time in epoch ms from /proc/stat's `btime` (whole seconds). The same in every process (a
 * time computed from /proc/uptime jitters by milliseconds), and at most 1 s early: a start read
 * from it is never later than the real one, so "started after the change" is never claimed early.
 */
export function bootTimeMs(procStat: string): number | null {
  const m = /^btime\s+(\d+)\s*$/m.exec(procStat);
  return m ? Number(m[1]) * 1000 : null;
}

/** A process's start in epoch ms from /proc/<pid>/stat (field 22, clock ticks after boot). */
export function linuxStartMs(procStat: string, bootMs: number): number | null {
  const close = procStat.lastIndexOf(')');
  if (close < 0) return null;
  // Fields after the command: state is field 3, so field 22 is index 19.
  const ticks = Number(procStat.slice(close + 2).split(' ')[19]);
  if (!Number.isInteger(ticks) || ticks < 0) return null;
  return bootMs + Math.round((ticks * 1000) / LINUX_TICKS_PER_SECOND);
}

/** The command name in /proc/<pid>/stat (between the first "(" and the last ")"). */
export function linuxCommName(procStat: string): string {
  const open = procStat.indexOf('(');
  const close = procStat.lastIndexOf(')');
  return open >= 0 && close > open ? procStat.slice(open + 1, close) : '';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface PsRow {
  pid: number;
  uid: number;
  startedMs: number;
  command: string;
}

/**
 * `LC_ALL=C /bin/ps -axww -o pid=,uid=,lstart=,comm=` on macOS: `lstart` is five words in local
 * time ("Thu Dec  3 07:23:48 2026"), `comm` the executable's path (it may hold spaces).
 */
export function parsePsLstart(stdout: string): PsRow[] {
  const rows: PsRow[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+\w{3}\s+(\w{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})\s+(.+?)\s*$/.exec(
      line,
    );
    if (!m) continue;
    const month = MONTHS.indexOf(m[3] as string);
    if (month < 0) continue;
    const started = new Date(Number(m[8]), month, Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7])).getTime();
    if (!Number.isFinite(started)) continue;
    rows.push({ pid: Number(m[1]), uid: Number(m[2]), startedMs: started, command: m[9] as string });
  }
  return rows;
}

export interface WindowsProcessRow {
  pid: number;
  name: string;
  path: string | null;
  startedMs: number;
  /** The owner (`DOMAIN\user`), null when it could not be read (another user's process without rights). */
  owner: string | null;
}

/** The JSON the Windows listing prints (one object, a list, or nothing at all). */
export function parseWindowsProcesses(stdout: string): WindowsProcessRow[] {
  const text = stdout.trim();
  if (!text) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`the process list is not JSON: ${text.slice(0, 120)}`);
  }
  const rows: WindowsProcessRow[] = [];
  for (const item of Array.isArray(parsed) ? parsed : [parsed]) {
    if (!item || typeof item !== 'object') continue;
    const r = item as Record<string, unknown>;
    const startedMs = typeof r['started'] === 'string' ? Date.parse(r['started']) : NaN;
    if (typeof r['pid'] !== 'number' || typeof r['name'] !== 'string' || !Number.isFinite(startedMs)) continue;
    const user = typeof r['user'] === 'string' && r['user'] ? r['user'] : null;
    const domain = typeof r['domain'] === 'string' && r['domain'] ? r['domain'] : null;
    rows.push({
      pid: r['pid'],
      name: r['name'],
      path: typeof r['path'] === 'string' ? r['path'] : null,
      startedMs,
      owner: user ? (domain ? `${domain}\\${user}` : user) : null,
    });
  }
  return rows;
}
