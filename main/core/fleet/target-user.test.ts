import { describe, expect, it } from 'vitest';
import { lookupTarget, targetEnv, toolPath, TargetUserError, type LookupDeps, type ToolResult } from './target-user';

/** A runner that answers from a table of `file args...` -> result, and records the calls. */
function tools(
  platform: NodeJS.Platform,
  answers: Record<string, Partial<ToolResult>>,
): LookupDeps & { calls: string[] } {
  const calls: string[] = [];
  return {
    platform,
    env: {},
    calls,
    run: async (file, args) => {
      const key = [file, ...args].join(' ');
      calls.push(key);
      const a = answers[key];
      if (!a) return { code: null, stdout: '', missing: true };
      return { code: 0, stdout: '', missing: false, ...a };
    },
  };
}

const LOGINCTL_SHOW =
  '/usr/bin/loginctl show-session 2 -p Id -p Name -p Seat -p Active -p State -p Remote -p Class --no-pager';

describe('finding the user to check', () => {
  it.each<[string, NodeJS.Platform, Record<string, Partial<ToolResult>>, unknown]>([
    [
      'macOS console owner',
      'darwin',
      {
        '/usr/bin/stat -f %Su /dev/console': { stdout: 'jdoe\n' },
        '/usr/bin/dscl . -read /Users/jdoe NFSHomeDirectory UniqueID': {
          stdout: 'NFSHomeDirectory: /Users/jdoe\nUniqueID: 501\n',
        },
      },
      { kind: 'user', user: { name: 'jdoe', home: '/Users/jdoe', uid: 501, how: 'console' } },
    ],
    [
      'macOS at the login window',
      'darwin',
      { '/usr/bin/stat -f %Su /dev/console': { stdout: 'root\n' } },
      { kind: 'no-user', reason: expect.stringContaining('Nobody is logged in') },
    ],
    [
      'Windows console session',
      'win32',
      {
        'C:\\Windows\\System32\\query.exe user': {
          stdout:
            ' USERNAME  SESSIONNAME  ID  STATE  IDLE TIME  LOGON TIME\n anna  console  1  Active  none  12/1/2026 9:00 AM\n',
        },
        'C:\\Windows\\System32\\reg.exe query HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList /s /v ProfileImagePath':
          {
            stdout:
              'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\S-1-5-21-9-1001\r\n    ProfileImagePath    REG_EXPAND_SZ    C:\\Users\\anna\r\n',
          },
      },
      { kind: 'user', user: { name: 'anna', home: 'C:\\Users\\anna', uid: null, how: 'console' } },
    ],
    [
      'Windows with no session ("No User exists for *", exit 1)',
      'win32',
      { 'C:\\Windows\\System32\\query.exe user': { code: 1, stdout: '' } },
      { kind: 'no-user', reason: expect.any(String) },
    ],
    [
      'Linux seat session',
      'linux',
      {
        '/usr/bin/loginctl list-sessions --no-legend --no-pager': { stdout: '2 1000 jdoe seat0 tty2\n' },
        [LOGINCTL_SHOW]: { stdout: 'Id=2\nName=jdoe\nSeat=seat0\nActive=yes\nState=active\nRemote=no\nClass=user\n' },
        '/usr/bin/getent passwd jdoe': { stdout: 'jdoe:x:1000:1000::/home/jdoe:/bin/bash\n' },
      },
      { kind: 'user', user: { name: 'jdoe', home: '/home/jdoe', uid: 1000, how: 'console' } },
    ],
    [
      'Linux with no sessions',
      'linux',
      { '/usr/bin/loginctl list-sessions --no-legend --no-pager': { stdout: '' } },
      { kind: 'no-user', reason: expect.any(String) },
    ],
    [
      'Linux with only an ssh session',
      'linux',
      {
        '/usr/bin/loginctl list-sessions --no-legend --no-pager': { stdout: '2 1000 jdoe - pts/0\n' },
        [LOGINCTL_SHOW]: { stdout: 'Id=2\nName=jdoe\nSeat=\nActive=yes\nState=active\nRemote=yes\nClass=user\n' },
      },
      { kind: 'no-user', reason: expect.any(String) },
    ],
  ])('--for-console-user: %s', async (_, platform, answers, expected) => {
    expect(await lookupTarget({ forConsoleUser: true }, tools(platform, answers))).toEqual(expected);
  });

  it("--for-user NAME looks up only that user's home", async () => {
    const deps = tools('linux', { '/usr/bin/getent passwd ann': { stdout: 'ann:x:1001:1001::/srv/ann:/bin/sh\n' } });
    expect(await lookupTarget({ forUser: 'ann' }, deps)).toEqual({
      kind: 'user',
      user: { name: 'ann', home: '/srv/ann', uid: 1001, how: 'named' },
    });
    expect(deps.calls).toEqual(['/usr/bin/getent passwd ann']);
  });

  it('neither flag: no lookup at all', async () => {
    const deps = tools('linux', {});
    expect(await lookupTarget({}, deps)).toBeNull();
    expect(deps.calls).toEqual([]);
  });

  it.each<
    [
      string,
      { forUser?: string; forConsoleUser?: boolean },
      NodeJS.Platform,
      Record<string, Partial<ToolResult>>,
      RegExp,
    ]
  >([
    [
      'an unknown user',
      { forUser: 'ghost' },
      'linux',
      { '/usr/bin/getent passwd ghost': { code: 2, stdout: '' } },
      /no local user "ghost"/,
    ],
    [
      'an unknown macOS user',
      { forUser: 'ghost' },
      'darwin',
      { '/usr/bin/dscl . -read /Users/ghost NFSHomeDirectory UniqueID': { code: 56, stdout: 'DS Error' } },
      /no local user "ghost"/,
    ],
    [
      'a macOS user without a user id',
      { forUser: 'odd' },
      'darwin',
      { '/usr/bin/dscl . -read /Users/odd NFSHomeDirectory UniqueID': { stdout: 'NFSHomeDirectory: /Users/odd\n' } },
      /no user id for "odd"/,
    ],
    ['a name that is a path', { forUser: '../etc' }, 'linux', {}, /is not a user name/],
    ['both flags', { forUser: 'ann', forConsoleUser: true }, 'linux', {}, /cannot be combined/],
    ['no logind', { forConsoleUser: true }, 'linux', {}, /loginctl .* not installed; use --for-user/],
    [
      'logind not running',
      { forConsoleUser: true },
      'linux',
      { '/usr/bin/loginctl list-sessions --no-legend --no-pager': { code: 1, stdout: 'Failed to connect to bus' } },
      /loginctl failed: Failed to connect to bus/,
    ],
    [
      'a Windows user without a profile',
      { forUser: 'bob' },
      'win32',
      {
        'C:\\Windows\\System32\\reg.exe query HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList /s /v ProfileImagePath':
          { stdout: '' },
      },
      /no profile folder/,
    ],
  ])('refuses %s with a clear reason', async (_, request, platform, answers, message) => {
    const attempt = lookupTarget(request, tools(platform, answers));
    await expect(attempt).rejects.toThrow(TargetUserError);
    await expect(attempt).rejects.toThrow(message);
  });

  // As root or SYSTEM, a tool found through PATH or the working folder may be anyone's.
  it.each<NodeJS.Platform>(['linux', 'darwin', 'win32'])('runs every tool by absolute path (%s)', async (platform) => {
    const deps = { ...tools(platform, {}), env: { SystemRoot: 'D:\\WINNT', PATH: '.' } };
    await lookupTarget({ forConsoleUser: true }, deps).catch(() => undefined);
    await lookupTarget({ forUser: 'ann' }, deps).catch(() => undefined);
    expect(deps.calls.length).toBeGreaterThanOrEqual(2);
    for (const call of deps.calls)
      expect(call).toMatch(platform === 'win32' ? /^D:\\WINNT\\System32\\(query|reg)\.exe / : /^\/(usr\/)?bin\/\w+ /);
  });

  it('takes a tool from /bin where /usr/bin has none (an unmerged /usr); Windows defaults to C:\\Windows', () => {
    const only = (path: string) => ({
      platform: 'linux' as const,
      env: {},
      run: async () => ({ code: 0, stdout: '', missing: false }),
      exists: (p: string) => p === path,
    });
    expect(toolPath('loginctl', only('/bin/loginctl'))).toBe('/bin/loginctl');
    expect(toolPath('getent', only('/usr/bin/getent'))).toBe('/usr/bin/getent');
    expect(toolPath('loginctl', only('/nowhere'))).toBe('/usr/bin/loginctl');
    expect(toolPath('reg', { ...only(''), env: {} })).toBe('C:\\Windows\\System32\\reg.exe');
  });
});

describe("the target user's environment", () => {
  const caller = {
    PATH: '/usr/bin',
    HOME: '/root',
    USER: 'root',
    DOCKER_HOST: 'unix:///var/run/docker.sock',
    DOCKER_CONTEXT: 'ci',
    DOCKER_CONFIG: '/root/.docker',
    DOCKER_TLS_VERIFY: '1',
    DOCKER_CERT_PATH: '/root/certs',
  };

  it("drops the caller's docker variables and points home at the user (POSIX)", () => {
    expect(targetEnv(caller, { name: 'jdoe', home: '/home/jdoe', uid: 1000, how: 'named' }, 'linux')).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/jdoe',
      USER: 'jdoe',
      LOGNAME: 'jdoe',
    });
  });

  it('sets the profile folders on Windows', () => {
    const env = targetEnv(
      { Path: 'C:\\Windows', APPDATA: 'C:\\Windows\\system32\\config\\systemprofile\\AppData\\Roaming' },
      { name: 'anna', home: 'C:\\Users\\anna', uid: null, how: 'console' },
      'win32',
    );
    expect(env).toMatchObject({
      USERPROFILE: 'C:\\Users\\anna',
      APPDATA: 'C:\\Users\\anna\\AppData\\Roaming',
      LOCALAPPDATA: 'C:\\Users\\anna\\AppData\\Local',
      Path: 'C:\\Windows',
    });
  });
});
