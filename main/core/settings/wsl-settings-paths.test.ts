import { describe, expect, it } from 'vitest';
import { wslNotes } from '../verify/wsl-notes';
import { settingsPaths } from './load-settings';
import { detectWsl, wslSettingsLocations, type WslInputs } from './settings-paths';

/** An injected file system: the files that exist; folders are derived from them. */
function fsOf(files: string[], extraDirs: Record<string, string[]> = {}): Pick<WslInputs, 'exists' | 'listDir'> {
  const set = new Set(files);
  return {
    exists: (p) => set.has(p),
    listDir: (dir) => {
      const names = new Set(extraDirs[dir] ?? []);
      for (const f of files) if (f.startsWith(`${dir}/`)) names.add(f.slice(dir.length + 1).split('/')[0]!);
      return [...names];
    },
  };
}

const ADMIN = '/mnt/c/ProgramData/DockerDesktop/admin-settings.json';
const store = (user: string, drive = 'c') => `/mnt/${drive}/Users/${user}/AppData/Roaming/Docker/settings-store.json`;

describe('detectWsl', () => {
  it.each([
    [{ WSL_DISTRO_NAME: 'Ubuntu' }, null, { distro: 'Ubuntu' }],
    [{}, 'Linux version 5.15.153.1-microsoft-standard-WSL2 (root@1c602f52c2e4)', { distro: null }],
    [{}, 'Linux version 4.4.0-19041-Microsoft (Microsoft@Microsoft.com)', { distro: null }],
    [{}, 'Linux version 6.1.0-13-amd64 (debian-kernel@lists.debian.org)', null],
    [{}, null, null],
  ] as const)('%j %s', (env, version, expected) => expect(detectWsl(env, version)).toEqual(expected));
});

describe('wslSettingsLocations', () => {
  const base = { env: { WSL_DISTRO_NAME: 'Ubuntu', USER: 'dev' }, procVersion: null };
  it.each([
    [
      'admin and user found by scanning /mnt/c/Users',
      fsOf([ADMIN, store('Dev')], { '/mnt/c/Users': ['Public', 'Default'] }),
      {},
      ADMIN,
      store('Dev'),
      [
        /admin read from \/mnt\/c\/ProgramData/,
        /user read from \/mnt\/c\/Users\/Dev \(the Windows profile holding Docker Desktop settings\)/,
      ],
    ],
    [
      'the Windows user from WSLENV (USERPROFILE/p)',
      fsOf([store('alice')]),
      { USERPROFILE: '/mnt/c/Users/alice' },
      ADMIN,
      store('alice'),
      [/admin not found at \/mnt\/c\/ProgramData/, /user read from \/mnt\/c\/Users\/alice \(from WSLENV\)/],
    ],
    [
      'the Windows user from WSLENV (APPDATA/p)',
      fsOf([], { '/mnt': ['c'] }),
      { APPDATA: '/mnt/c/Users/bob/AppData/Roaming' },
      ADMIN,
      store('bob'),
      [/user not found under \/mnt\/c\/Users/],
    ],
    [
      'several users: the one named like the Linux user',
      fsOf([store('alice'), store('dev')]),
      {},
      ADMIN,
      store('dev'),
      [/Several Windows users have Docker Desktop settings \(alice, dev\); read dev's/],
    ],
    [
      'several users, none named like the Linux user: the first, said so',
      fsOf([store('alice'), store('bob')]),
      {},
      ADMIN,
      store('alice'),
      [/read alice's\. Pass --user-settings/],
    ],
    [
      'the old settings.json counts too',
      fsOf(['/mnt/c/Users/carol/AppData/Roaming/Docker/settings.json']),
      {},
      ADMIN,
      store('carol'),
      [/user read from \/mnt\/c\/Users\/carol/],
    ],
    [
      'admin file on another drive',
      fsOf(['/mnt/d/ProgramData/DockerDesktop/admin-settings.json'], { '/mnt': ['c', 'wsl', 'wslg'] }),
      {},
      '/mnt/d/ProgramData/DockerDesktop/admin-settings.json',
      store('dev'),
      [/admin read from \/mnt\/d/],
    ],
    [
      'no settings anywhere: expected paths, said so',
      fsOf([], { '/mnt': ['c'], '/mnt/c/Users': ['dev', 'Public'] }),
      {},
      ADMIN,
      store('dev'),
      [/admin not found at/, /user not found under \/mnt\/c\/Users/],
    ],
    [
      'no Windows drive mounted',
      fsOf([], { '/mnt': ['wsl', 'wslg'] }),
      {},
      ADMIN,
      store('dev'),
      [/no Windows drive is mounted under \/mnt in this distro, so they were not read/],
    ],
  ] as const)('%s', (_name, fs, env, admin, firstUser, notes) => {
    const ctx = wslSettingsLocations({ ...base, ...fs, env: { ...base.env, ...env } });
    expect(ctx?.distro).toBe('Ubuntu');
    expect(ctx?.admin).toBe(admin);
    expect(ctx?.user[0]).toBe(firstUser);
    expect(ctx?.user[1]).toBe(firstUser.replace('settings-store.json', 'settings.json'));
    const text = ctx?.notes.join('\n') ?? '';
    for (const n of notes) expect(text).toMatch(n);
  });

  it('is null outside WSL', () => {
    expect(wslSettingsLocations({ env: {}, procVersion: 'Linux version 6.1.0-13-amd64', ...fsOf([ADMIN]) })).toBeNull();
  });

  it('settingsPaths reads the Windows-side files in WSL; explicit flags still win', () => {
    const wsl = wslSettingsLocations({ ...base, ...fsOf([ADMIN, store('dev')]) });
    const ctx = { platform: 'linux' as const, home: '/home/dev', env: {}, wsl };
    expect(settingsPaths({}, ctx)).toEqual({
      admin: ADMIN,
      user: [store('dev'), store('dev').replace('settings-store.json', 'settings.json')],
    });
    expect(settingsPaths({ adminSettings: '/a.json', userSettings: '/u.json' }, ctx)).toEqual({
      admin: '/a.json',
      user: ['/u.json'],
    });
    expect(settingsPaths({}, { ...ctx, wsl: null })).toEqual({
      admin: '/usr/share/docker-desktop/admin-settings.json',
      user: ['/home/dev/.docker/desktop/settings-store.json', '/home/dev/.docker/desktop/settings.json'],
    });
  });
});

describe('wslNotes', () => {
  it.each([
    [
      'Desktop through the WSL integration',
      { desktop: true, reachable: true },
      [
        /inside the WSL distro "Ubuntu": the engine is Docker Desktop's, reached through its WSL integration, so the probe containers verify ECI/,
        /default build driver on WSL 2/,
      ],
    ],
    [
      'another engine in the distro',
      { desktop: false, reachable: true },
      [/this engine is not Docker Desktop's\. Turn on Docker Desktop's WSL integration/],
    ],
    [
      'no engine',
      { desktop: false, reachable: false },
      [/reached through its WSL integration \(Settings > Resources > WSL integration\)/],
    ],
  ] as const)('%s', (_name, engine, expected) => {
    const notes = wslNotes({ distro: 'Ubuntu', notes: ['where the files are'] }, engine).join('\n');
    for (const e of expected) expect(notes).toMatch(e);
    expect(notes).toContain('where the files are');
  });

  it('says nothing outside WSL', () => expect(wslNotes(null, { desktop: true, reachable: true })).toEqual([]));
});
