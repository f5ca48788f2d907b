import { describe, expect, it } from 'vitest';
import {
  bootTimeMs,
  linuxCommName,
  linuxStartMs,
  listeningSocketInodes,
  parsePsLstart,
  parseWindowsProcesses,
  socketInodeOfLink,
} from './desktop-process-parse';
import { readDesktopProcesses } from './desktop-processes';

const NET_UNIX = [
  'Num       RefCount Protocol Flags    Type St Inode Path',
  '0000000000000000: 00000002 00000000 00010000 0001 01 16391 /home/al/.docker/desktop/docker.sock',
  '0000000000000000: 00000003 00000000 00000000 0001 03 16392 /home/al/.docker/desktop/docker.sock',
  '0000000000000000: 00000002 00000000 00010000 0001 01 16393 /home/al/.docker/desktop/docker.sock.other',
  '0000000000000000: 00000002 00000000 00010000 0001 01 16394 /tmp/with space/docker.sock',
  'garbage',
  '0000000000000000: 00000002 00000000 00010000 0001 01',
].join('\n');

describe('Linux /proc readers', () => {
  it.each([
    ['/home/al/.docker/desktop/docker.sock', [16391]],
    ['/tmp/with space/docker.sock', [16394]],
    ['/home/al/.docker/desktop', []],
    ['', []],
  ])('listening sockets at %s', (path, inodes) => {
    expect(listeningSocketInodes(NET_UNIX, path)).toEqual(inodes);
  });

  it.each([
    ['socket:[16391]', 16391],
    ['pipe:[16391]', null],
    ['socket:[x]', null],
    ['/dev/null', null],
  ])('fd link %s', (link, inode) => expect(socketInodeOfLink(link)).toBe(inode));

  it('start time from stat field 22 and /proc/uptime, command names with ") " in them', () => {
    expect(bootTimeMs('cpu  1 2 3\nintr 5\nbtime 1764745000\nprocesses 9\n')).toBe(1_764_745_000_000);
    const rest = 'S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 12345 999 1000';
    const stat = `42 (odd) name) ${rest}`;
    expect(linuxCommName(stat)).toBe('odd) name');
    expect(linuxStartMs(stat, 0)).toBe(123_450);
    expect(linuxStartMs('42 (x) S 1', 0)).toBeNull();
    expect(linuxStartMs('no parenthesis', 0)).toBeNull();
    expect(bootTimeMs('')).toBeNull();
    expect(bootTimeMs('btime x')).toBeNull();
  });
});

describe('macOS ps -o pid=,uid=,lstart=,comm=', () => {
  it('reads local start times and paths with spaces; skips what does not parse', () => {
    const rows = parsePsLstart(
      [
        '  501   501 Thu Dec  3 07:23:48 2026     /Applications/Docker.app/Contents/MacOS/Docker Desktop.app/Contents/MacOS/Docker Desktop',
        '  612   501 Mon Nov 30 23:01:02 2026 /Applications/Docker.app/Contents/MacOS/com.docker.backend',
        'PID UID STARTED COMMAND',
        '  700   501 Xyz Foo 31 99:99:99 2026 /bin/zsh',
      ].join('\n'),
    );
    expect(rows).toEqual([
      {
        pid: 501,
        uid: 501,
        startedMs: new Date(2026, 11, 3, 7, 23, 48).getTime(),
        command: '/Applications/Docker.app/Contents/MacOS/Docker Desktop.app/Contents/MacOS/Docker Desktop',
      },
      {
        pid: 612,
        uid: 501,
        startedMs: new Date(2026, 10, 30, 23, 1, 2).getTime(),
        command: '/Applications/Docker.app/Contents/MacOS/com.docker.backend',
      },
    ]);
  });

  it("keeps the user's app and backend inside Docker.app, oldest first", async () => {
    const output = [
      '  612   501 Mon Nov 30 23:01:02 2026 /Applications/Docker.app/Contents/MacOS/com.docker.backend',
      '  501   501 Thu Dec  3 07:23:48 2026 /Applications/Docker.app/Contents/MacOS/Docker Desktop.app/Contents/MacOS/Docker Desktop',
      '  613   502 Mon Nov 30 20:00:00 2026 /Applications/Docker.app/Contents/MacOS/com.docker.backend',
      '  614   501 Mon Nov 30 20:00:00 2026 /Applications/Docker.app/Contents/Resources/bin/docker',
      '  615   501 Mon Nov 30 20:00:00 2026 /tmp/com.docker.backend',
    ].join('\n');
    const seen = await readDesktopProcesses(
      { platform: 'darwin', endpoint: 'unix:///Users/al/.docker/run/docker.sock', uid: 501 },
      { run: () => Promise.resolve({ code: 0, output, missing: false }) },
    );
    expect(seen.processes.map((p) => [p.pid, p.name])).toEqual([
      [612, 'com.docker.backend'],
      [501, 'Docker Desktop'],
    ]);
    expect(seen.startedAt).toBe(new Date(2026, 10, 30, 23, 1, 2).toISOString());
    const failed = await readDesktopProcesses(
      { platform: 'darwin', endpoint: 'unix:///x', uid: 501 },
      { run: () => Promise.resolve({ code: 1, output: 'ps: bad', missing: false }) },
    );
    expect(failed).toMatchObject({ visible: false, why: expect.stringContaining('ps: bad') });
  });
});

describe('Windows process listing', () => {
  const json = JSON.stringify([
    {
      pid: 10,
      name: 'Docker Desktop.exe',
      path: 'C:\\Program Files\\Docker\\Docker\\Docker Desktop.exe',
      started: '2026-12-03T07:00:00.0000000Z',
      user: 'al',
      domain: 'CORP',
    },
    {
      pid: 11,
      name: 'com.docker.backend.exe',
      path: 'C:\\Program Files\\Docker\\Docker\\resources\\com.docker.backend.exe',
      started: '2026-12-01T07:00:00.0000000Z',
      user: 'al',
      domain: 'CORP',
    },
    {
      pid: 12,
      name: 'com.docker.backend.exe',
      path: null,
      started: '2026-12-02T07:00:00Z',
      user: 'bo',
      domain: 'CORP',
    },
    { pid: 'x', name: 'bad' },
  ]);

  it('parses one object, a list, nothing; refuses what is not JSON', () => {
    expect(parseWindowsProcesses('')).toEqual([]);
    expect(parseWindowsProcesses(json).map((r) => [r.pid, r.owner])).toEqual([
      [10, 'CORP\\al'],
      [11, 'CORP\\al'],
      [12, 'CORP\\bo'],
    ]);
    expect(parseWindowsProcesses(JSON.stringify({ pid: 1, name: 'a', started: '2026-12-01T00:00:00Z' }))).toEqual([
      { pid: 1, name: 'a', path: null, startedMs: Date.parse('2026-12-01T00:00:00Z'), owner: null },
    ]);
    expect(() => parseWindowsProcesses('Get-CimInstance : Access denied')).toThrow(/not JSON/);
  });

  it("keeps the target user's processes; a backend that survived a quit is the oldest; an unreadable owner means it cannot be told", async () => {
    const run = (out: string) => () => Promise.resolve({ code: 0, output: out, missing: false });
    const target = {
      platform: 'win32' as const,
      endpoint: 'npipe:////./pipe/dockerDesktopLinuxEngine',
      userName: 'AL',
      env: { SystemRoot: 'C:\\Windows' },
    };
    const seen = await readDesktopProcesses(target, { run: run(json) });
    expect(seen.processes.map((p) => p.pid)).toEqual([11, 10]);
    expect(seen.startedAt).toBe('2026-12-01T07:00:00.000Z');
    const hidden = await readDesktopProcesses(target, {
      run: run(JSON.stringify([{ pid: 1, name: 'com.docker.backend.exe', started: '2026-12-01T00:00:00Z' }])),
    });
    expect(hidden.visible).toBe(false);
    const odd = await readDesktopProcesses({ ...target, env: { SystemRoot: '\\\\server\\share' } }, { run: run(json) });
    expect(odd).toMatchObject({ visible: false, why: expect.stringContaining('SystemRoot') });
  });
});
