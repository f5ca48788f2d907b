// The stores an admin writes, read on this machine (Linux, as root, real files and modes), and the
// macOS and Windows readers with recorded plutil and reg.exe output.
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTHING_MANAGED } from './managed-preferences';
import { readManagedPreferences, WINDOWS_POLICY_KEY, type ManagedSourceDeps } from './managed-preferences-source';

const GOOD = JSON.stringify({ probeImage: 'registry.corp.example/alpine:3.20', showWelcome: false });
const noRun = () => {
  throw new Error('no tool may run for this platform');
};

describe('the Linux file (root-owned, writable by root only)', () => {
  // A folder only root can write, like /etc: /var/lib is root's, 0755 (a folder under /tmp is not).
  let dir = '';
  beforeAll(() => {
    if (process.getuid?.() !== 0)
      throw new Error('these tests need root (ownership of the managed file is what they check)');
    dir = mkdtempSync('/var/lib/eci-tray-managed-test-');
    chmodSync(dir, 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const deps = (linuxFile: string): ManagedSourceDeps => ({
    platform: 'linux',
    user: null,
    linuxFile,
    macDir: '/nonexistent',
    run: noRun,
    env: {},
  });
  const file = (name: string, text: string, mode = 0o644) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    chmodSync(path, mode);
    return path;
  };

  it('no file: nothing is managed', () => {
    expect(readManagedPreferences(deps(join(dir, 'absent.json')))).toEqual(NOTHING_MANAGED);
  });

  it('a root-owned file that only root can write applies', () => {
    const path = file('good.json', GOOD);
    expect(readManagedPreferences(deps(path))).toEqual({
      source: path,
      values: { probeImage: 'registry.corp.example/alpine:3.20', showWelcome: false },
      problems: [],
    });
  });

  it.each([
    ['writable by others', () => file('open.json', GOOD, 0o666), 'can be written by users other than root (mode 666)'],
    [
      'writable by its group',
      () => file('group.json', GOOD, 0o664),
      'can be written by users other than root (mode 664)',
    ],
    [
      "owned by an ordinary user (nobody's uid)",
      () => {
        const p = file('theirs.json', GOOD);
        chownSync(p, 65534, 65534);
        return p;
      },
      'is owned by uid 65534, not root',
    ],
    [
      'a symbolic link to a good file',
      () => {
        const p = join(dir, 'link.json');
        symlinkSync(file('target.json', GOOD), p);
        return p;
      },
      'is a symbolic link; ignored',
    ],
    [
      'a FIFO (nothing may hang on it)',
      () => {
        const p = join(dir, 'fifo.json');
        execFileSync('mkfifo', [p]);
        return p;
      },
      'is not a regular file; ignored',
    ],
    [
      'a folder',
      () => (mkdirSync(join(dir, 'folder.json')), join(dir, 'folder.json')),
      'is not a regular file; ignored',
    ],
    [
      'larger than 64 KiB',
      () => file('big.json', JSON.stringify({ probeImage: 'a'.repeat(70_000) })),
      'is larger than 65536 bytes; ignored',
    ],
    ['not JSON', () => file('broken.json', '{ "probeImage": '), 'is not valid JSON'],
    [
      'in a folder anyone can write (under /tmp)',
      () => {
        const d = mkdtempSync(join(tmpdir(), 'eci-managed-'));
        chmodSync(d, 0o755);
        writeFileSync(join(d, 'm.json'), GOOD);
        return join(d, 'm.json');
      },
      'can be written by users other than root',
    ],
  ])('%s: ignored, and said why', (_, make, why) => {
    const m = readManagedPreferences(deps(make()));
    expect(m.values).toEqual({});
    expect(m.problems).toHaveLength(1);
    expect(m.problems[0]).toContain(why);
  });
});

describe('the macOS profiles (recorded plutil output)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync('/var/lib/eci-tray-mac-test-');
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'dev'), { mode: 0o755 });
    writeFileSync(join(dir, 'io.ecitray.app.plist'), 'binary plist (machine)');
    writeFileSync(join(dir, 'dev', 'io.ecitray.app.plist'), 'binary plist (user)');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // `plutil -convert json -o - -- FILE` of a profile's plist prints one line of JSON.
  const PLUTIL: Record<string, string> = {
    'io.ecitray.app.plist':
      '{"probeImage":"registry.corp.example\\/alpine:3.20","SafetyIntervalMinutes":120,"autoUpdate":false}',
    'dev/io.ecitray.app.plist': '{"safetyIntervalMinutes":30}',
  };

  it('the machine profile, then the user profile over it, through /usr/bin/plutil', () => {
    const calls: string[][] = [];
    const run = (file: string, args: string[]) => {
      calls.push([file, ...args]);
      return PLUTIL[args.at(-1)!.slice(dir.length + 1)]!;
    };
    const m = readManagedPreferences({
      platform: 'darwin',
      user: 'dev',
      linuxFile: '/nonexistent',
      macDir: dir,
      run,
      env: {},
    });
    expect(m.values).toEqual({
      probeImage: 'registry.corp.example/alpine:3.20',
      safetyIntervalMinutes: 30,
      autoUpdate: false,
    });
    expect(m.problems).toEqual([]);
    expect(calls.map((c) => c[0])).toEqual(['/usr/bin/plutil', '/usr/bin/plutil']);
    expect(calls[0]).toEqual([
      '/usr/bin/plutil',
      '-convert',
      'json',
      '-o',
      '-',
      '--',
      join(dir, 'io.ecitray.app.plist'),
    ]);
  });

  it('no profile: nothing is managed, and plutil never runs', () => {
    expect(
      readManagedPreferences({
        platform: 'darwin',
        user: 'someone',
        linuxFile: '/x',
        macDir: join(dir, 'none'),
        run: noRun,
        env: {},
      }),
    ).toEqual(NOTHING_MANAGED);
  });
});

describe('Windows policy (recorded reg.exe output)', () => {
  const RECORDED =
    '\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\ECI Tray\r\n    ProbeImage    REG_SZ    corp/alpine\r\n    AutoUpdate    REG_DWORD    0x0\r\n\r\n';

  it('runs reg.exe by its absolute path under SystemRoot, never through PATH', () => {
    const calls: string[][] = [];
    const m = readManagedPreferences({
      platform: 'win32',
      user: null,
      linuxFile: '/x',
      macDir: '/x',
      run: (file, args) => (calls.push([file, ...args]), RECORDED),
      env: { SystemRoot: 'C:\\Windows', PATH: 'C:\\Users\\dev\\bin' },
    });
    expect(calls).toEqual([['C:\\Windows\\System32\\reg.exe', 'query', WINDOWS_POLICY_KEY, '/s']]);
    expect(m).toEqual({
      source: WINDOWS_POLICY_KEY,
      values: { probeImage: 'corp/alpine', autoUpdate: false },
      problems: [],
    });
  });

  it('no policy key (reg.exe exits 1): nothing is managed; another failure is said', () => {
    const failing = (status: number) => () => {
      throw Object.assign(new Error(`Command failed: reg.exe (status ${status})`), { status });
    };
    const base = {
      platform: 'win32' as const,
      user: null,
      linuxFile: '/x',
      macDir: '/x',
      env: { SystemRoot: 'C:\\Windows' },
    };
    expect(readManagedPreferences({ ...base, run: failing(1) })).toEqual(NOTHING_MANAGED);
    expect(readManagedPreferences({ ...base, run: failing(5) }).problems[0]).toContain(
      `${WINDOWS_POLICY_KEY} could not be read`,
    );
  });
});
