// --for-user / --for-console-user: whose Docker Desktop to check when the check runs as root or
// SYSTEM (an MDM script). Finds the user and their home through the OS's own tools (run through
// an injected runner), and gives the environment that makes the check read that user's docker
// configuration, Desktop socket and settings files instead of the caller's.

import { win32 } from 'node:path';
import {
  linuxSeatUser,
  parseLoginctlSessions,
  parseLoginctlShow,
  parseMacConsoleOwner,
  parseQueryUser,
  validUserName,
  windowsConsoleUser,
} from './console-user';
import { parseDsclHome, parseDsclUid, parsePasswdEntry, parseProfileList, windowsProfileOf } from './user-home';

export interface ToolResult {
  code: number | null;
  stdout: string;
  /** The program is not installed. */
  missing: boolean;
}

export type ToolRunner = (file: string, args: string[]) => Promise<ToolResult>;

export interface TargetUser {
  name: string;
  home: string;
  /** Their numeric user id (macOS, Linux): root reads only files they own. Null on Windows. */
  uid: number | null;
  /** How it was chosen: named with --for-user, or found at the console. */
  how: 'named' | 'console';
}

/** Who to check, or that nobody is logged in (its own result, not an error). */
export type TargetLookup = { kind: 'user'; user: TargetUser } | { kind: 'no-user'; reason: string };

/** The user cannot be found (unknown name, a tool that fails): a clear error, never a guess. */
export class TargetUserError extends Error {
  override name = 'TargetUserError';
}

export interface LookupDeps {
  platform: NodeJS.Platform;
  run: ToolRunner;
  env: Record<string, string | undefined>;
  /** Whether a file exists (which of a tool's standard places holds it); default: the first place. */
  exists?: (path: string) => boolean;
}

/**
 * The OS tools, by absolute path: run as root or SYSTEM, nothing is looked up through PATH or the
 * working folder. Linux tools are in /usr/bin, or /bin on a system whose /bin is not merged.
 */
export function toolPath(name: 'loginctl' | 'getent' | 'query' | 'reg', deps: LookupDeps): string {
  if (name === 'query' || name === 'reg') {
    const root = Object.entries(deps.env).find(([k]) => k.toLowerCase() === 'systemroot')?.[1] || 'C:\\Windows';
    return win32.join(root, 'System32', `${name}.exe`);
  }
  const places = [`/usr/bin/${name}`, `/bin/${name}`];
  return places.find((p) => deps.exists?.(p)) ?? places[0]!;
}

export async function consoleUserName(deps: LookupDeps): Promise<string | null> {
  const { platform, run } = deps;
  if (platform === 'darwin') {
    const r = await run('/usr/bin/stat', ['-f', '%Su', '/dev/console']);
    if (r.code !== 0)
      throw new TargetUserError(
        `cannot tell who owns /dev/console: ${r.stdout.trim() || `stat exited with ${r.code}`}`,
      );
    return parseMacConsoleOwner(r.stdout);
  }
  if (platform === 'win32') {
    const r = await run(toolPath('query', deps), ['user']);
    if (r.missing) throw new TargetUserError('cannot list the sessions: query.exe (quser) is not available');
    // With no session at all, quser prints "No User exists for *" on stderr and exits 1.
    if (r.code !== 0 && !/\d/.test(r.stdout)) return null;
    return windowsConsoleUser(parseQueryUser(r.stdout));
  }
  const loginctl = toolPath('loginctl', deps);
  const list = await run(loginctl, ['list-sessions', '--no-legend', '--no-pager']);
  if (list.missing)
    throw new TargetUserError(
      'cannot find the logged-in user: loginctl (systemd-logind) is not installed; use --for-user NAME',
    );
  if (list.code !== 0)
    throw new TargetUserError(
      `cannot find the logged-in user: loginctl failed: ${list.stdout.trim() || `exit ${list.code}`}; use --for-user NAME`,
    );
  const ids = parseLoginctlSessions(list.stdout);
  if (ids.length === 0) return null;
  const show = await run(loginctl, [
    'show-session',
    ...ids,
    '-p',
    'Id',
    '-p',
    'Name',
    '-p',
    'Seat',
    '-p',
    'Active',
    '-p',
    'State',
    '-p',
    'Remote',
    '-p',
    'Class',
    '--no-pager',
  ]);
  if (show.code !== 0)
    throw new TargetUserError(
      `cannot read the sessions: loginctl show-session failed: ${show.stdout.trim() || `exit ${show.code}`}`,
    );
  return linuxSeatUser(parseLoginctlShow(show.stdout));
}

export async function homeOf(name: string, deps: LookupDeps): Promise<{ home: string; uid: number | null }> {
  const { platform, run } = deps;
  if (platform === 'darwin') {
    const r = await run('/usr/bin/dscl', ['.', '-read', `/Users/${name}`, 'NFSHomeDirectory', 'UniqueID']);
    const home = r.code === 0 ? parseDsclHome(r.stdout) : null;
    const uid = r.code === 0 ? parseDsclUid(r.stdout) : null;
    if (!home) throw new TargetUserError(`no local user "${name}" (dscl found no home folder for it)`);
    if (uid === null) throw new TargetUserError(`no user id for "${name}" (dscl found no UniqueID)`);
    return { home, uid };
  }
  if (platform === 'win32') {
    const r = await run(toolPath('reg', deps), [
      'query',
      'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList',
      '/s',
      '/v',
      'ProfileImagePath',
    ]);
    const home = r.code === 0 ? windowsProfileOf(parseProfileList(r.stdout, deps.env), name) : null;
    if (!home)
      throw new TargetUserError(`no profile folder for the Windows user "${name}" in the registry's ProfileList`);
    return { home, uid: null };
  }
  const r = await run(toolPath('getent', deps), ['passwd', name]);
  if (r.missing) throw new TargetUserError('cannot look up users: getent is not installed');
  const entry = r.code === 0 ? parsePasswdEntry(r.stdout, name) : null;
  if (!entry) throw new TargetUserError(`no local user "${name}" (getent passwd found none)`);
  return { home: entry.home, uid: entry.uid };
}

export async function lookupTarget(
  request: { forUser?: string; forConsoleUser?: boolean },
  deps: LookupDeps,
): Promise<TargetLookup | null> {
  if (request.forUser !== undefined && request.forConsoleUser)
    throw new TargetUserError('--for-user and --for-console-user cannot be combined');
  if (request.forUser !== undefined) {
    if (!validUserName(request.forUser))
      throw new TargetUserError(`--for-user "${request.forUser}" is not a user name`);
    return { kind: 'user', user: { name: request.forUser, ...(await homeOf(request.forUser, deps)), how: 'named' } };
  }
  if (!request.forConsoleUser) return null;
  const name = await consoleUserName(deps);
  if (name === null)
    return { kind: 'no-user', reason: 'Nobody is logged in at the console: there is no Docker Desktop to check.' };
  if (!validUserName(name)) throw new TargetUserError(`the console user "${name}" has a name this tool cannot look up`);
  return { kind: 'user', user: { name, ...(await homeOf(name, deps)), how: 'console' } };
}

/**
 * The caller's environment, made the target user's: their home (and, on Windows, profile and
 * AppData), and none of the caller's docker variables (DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG
 * and TLS: root's or SYSTEM's are not the user's). The user's docker context still applies.
 */
export function targetEnv(
  base: Record<string, string | undefined>,
  user: TargetUser,
  platform: NodeJS.Platform,
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(base))
    if (!/^DOCKER_(HOST|CONTEXT|CONFIG|CERT_PATH|TLS|TLS_VERIFY)$/i.test(k)) env[k] = v;
  if (platform === 'win32') {
    env['USERPROFILE'] = user.home;
    env['APPDATA'] = win32.join(user.home, 'AppData', 'Roaming');
    env['LOCALAPPDATA'] = win32.join(user.home, 'AppData', 'Local');
  } else {
    env['HOME'] = user.home;
    env['USER'] = user.name;
    env['LOGNAME'] = user.name;
  }
  return env;
}
