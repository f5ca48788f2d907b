import { describe, expect, it } from 'vitest';
import {
  dockerPluginDirs,
  pathEntries,
  resolveDockerExecutables,
  resolveTool,
  type LocateInputs,
} from './docker-executables';

const inputs = (over: Partial<LocateInputs> & { files?: string[] }): LocateInputs => {
  const files = new Set(over.files ?? []);
  return { platform: 'linux', env: {}, home: '/home/dev', exists: (p) => files.has(p), ...over };
};

describe('resolveDockerExecutables: the docker CLI', () => {
  it.each([
    // [case, platform, env, files, expected docker path, expected "from"]
    [
      'macOS, Finder PATH (/usr/bin:/bin), Desktop system CLI',
      'darwin',
      { PATH: '/usr/bin:/bin' },
      ['/usr/local/bin/docker'],
      '/usr/local/bin/docker',
      "in Docker Desktop's system CLI location",
    ],
    [
      'macOS, Desktop user CLI location',
      'darwin',
      { PATH: '/usr/bin:/bin' },
      ['/Users/dev/.docker/bin/docker'],
      '/Users/dev/.docker/bin/docker',
      "in Docker Desktop's user CLI location",
    ],
    [
      'macOS, Homebrew on Apple silicon',
      'darwin',
      { PATH: '/usr/bin' },
      ['/opt/homebrew/bin/docker'],
      '/opt/homebrew/bin/docker',
      "in Homebrew's folder",
    ],
    [
      'macOS, only the app bundle',
      'darwin',
      {},
      ['/Applications/Docker.app/Contents/Resources/bin/docker'],
      '/Applications/Docker.app/Contents/Resources/bin/docker',
      "in Docker Desktop's app bundle",
    ],
    [
      'macOS, PATH wins over standard places',
      'darwin',
      { PATH: '/Users/dev/bin:/usr/bin' },
      ['/Users/dev/bin/docker', '/usr/local/bin/docker'],
      '/Users/dev/bin/docker',
      'on PATH',
    ],
    ['Linux, minimal PATH', 'linux', { PATH: '/bin' }, ['/usr/bin/docker'], '/usr/bin/docker', 'in /usr/bin'],
    ['Linux, /usr/local/bin', 'linux', {}, ['/usr/local/bin/docker'], '/usr/local/bin/docker', 'in /usr/local/bin'],
    [
      'Linux, relative PATH entries (the working folder) are never searched',
      'linux',
      { PATH: '.::bin:/usr/bin' },
      ['docker', 'bin/docker', '/usr/bin/docker'],
      '/usr/bin/docker',
      'on PATH',
    ],
    [
      'Windows, default install',
      'win32',
      { Path: 'C:\\Windows\\System32' },
      ['C:\\Program Files\\Docker\\Docker\\resources\\bin\\docker.exe'],
      'C:\\Program Files\\Docker\\Docker\\resources\\bin\\docker.exe',
      "in Docker Desktop's default install folder",
    ],
    [
      'Windows, ProgramFiles elsewhere',
      'win32',
      { ProgramFiles: 'D:\\Apps' },
      ['D:\\Apps\\Docker\\Docker\\resources\\bin\\docker.exe'],
      'D:\\Apps\\Docker\\Docker\\resources\\bin\\docker.exe',
      "in Docker Desktop's default install folder",
    ],
    [
      'Windows, per-user install',
      'win32',
      { LOCALAPPDATA: 'C:\\Users\\dev\\AppData\\Local' },
      ['C:\\Users\\dev\\AppData\\Local\\Programs\\DockerDesktop\\resources\\bin\\docker.exe'],
      'C:\\Users\\dev\\AppData\\Local\\Programs\\DockerDesktop\\resources\\bin\\docker.exe',
      "in Docker Desktop's per-user install folder",
    ],
    [
      'Windows, PATH (case-insensitive name), relative entries skipped',
      'win32',
      { Path: '.;tools;C:\\Tools' },
      ['tools\\docker.exe', 'C:\\Tools\\docker.exe'],
      'C:\\Tools\\docker.exe',
      'on PATH',
    ],
    ['nothing installed', 'linux', { PATH: '/usr/bin' }, [], null, null],
  ] as const)('%s', (_name, platform, env, files, path, from) => {
    const found = resolveDockerExecutables(
      inputs({ platform, env, home: platform === 'darwin' ? '/Users/dev' : '/home/dev', files: [...files] }),
    );
    expect(found.docker?.path ?? null).toBe(path);
    expect(found.docker?.from ?? null).toBe(from);
  });

  it('Windows: a custom install folder from the registry is looked at first', () => {
    const found = resolveDockerExecutables(
      inputs({
        platform: 'win32',
        env: {},
        desktopInstallDir: 'E:\\Docker',
        files: [
          'E:\\Docker\\resources\\bin\\docker.exe',
          'C:\\Program Files\\Docker\\Docker\\resources\\bin\\docker.exe',
        ],
      }),
    );
    expect(found.docker).toEqual({
      path: 'E:\\Docker\\resources\\bin\\docker.exe',
      from: "in Docker Desktop's install folder (registry AppPath)",
    });
  });

  it('says where it looked when nothing is found', () => {
    expect(resolveDockerExecutables(inputs({ platform: 'darwin', home: '/Users/dev' })).searched).toContain(
      '/Applications/Docker.app/Contents/Resources/bin/docker',
    );
  });
});

describe('resolveDockerExecutables: the desktop plugin', () => {
  it.each([
    [
      'DOCKER_CONFIG cli-plugins first (the lab uses it)',
      'linux',
      { DOCKER_CONFIG: '/tmp/lab/config' },
      ['/tmp/lab/config/cli-plugins/docker-desktop', '/usr/lib/docker/cli-plugins/docker-desktop'],
      '/tmp/lab/config/cli-plugins/docker-desktop',
      true,
    ],
    [
      '~/.docker/cli-plugins',
      'linux',
      {},
      ['/home/dev/.docker/cli-plugins/docker-desktop'],
      '/home/dev/.docker/cli-plugins/docker-desktop',
      true,
    ],
    [
      'Linux system folder',
      'linux',
      {},
      ['/usr/lib/docker/cli-plugins/docker-desktop'],
      '/usr/lib/docker/cli-plugins/docker-desktop',
      true,
    ],
    [
      '/usr/local/lib before /usr/lib',
      'linux',
      {},
      ['/usr/local/lib/docker/cli-plugins/docker-desktop', '/usr/lib/docker/cli-plugins/docker-desktop'],
      '/usr/local/lib/docker/cli-plugins/docker-desktop',
      true,
    ],
    [
      'macOS app bundle: found, but not where the docker CLI looks',
      'darwin',
      {},
      ['/Applications/Docker.app/Contents/Resources/cli-plugins/docker-desktop'],
      '/Applications/Docker.app/Contents/Resources/cli-plugins/docker-desktop',
      false,
    ],
    [
      'Windows Program Files',
      'win32',
      {},
      ['C:\\Program Files\\Docker\\cli-plugins\\docker-desktop.exe'],
      'C:\\Program Files\\Docker\\cli-plugins\\docker-desktop.exe',
      true,
    ],
    [
      'Windows ProgramData (docker 28 and older)',
      'win32',
      { ProgramData: 'C:\\ProgramData' },
      ['C:\\ProgramData\\Docker\\cli-plugins\\docker-desktop.exe'],
      'C:\\ProgramData\\Docker\\cli-plugins\\docker-desktop.exe',
      true,
    ],
    ['none', 'linux', {}, [], null, false],
  ] as const)('%s', (_name, platform, env, files, path, onSearchPath) => {
    const found = resolveDockerExecutables(inputs({ platform, env, files: [...files] }));
    expect(found.desktopPlugin?.path ?? null).toBe(path);
    expect(found.pluginOnDockerSearchPath).toBe(onSearchPath);
  });

  it('follows the docker CLI order, with config.json cliPluginsExtraDirs after the config folder', () => {
    expect(dockerPluginDirs(inputs({ extraPluginDirs: ['/opt/plugins'] }))).toEqual([
      '/home/dev/.docker/cli-plugins',
      '/opt/plugins',
      '/usr/local/lib/docker/cli-plugins',
      '/usr/local/libexec/docker/cli-plugins',
      '/usr/lib/docker/cli-plugins',
      '/usr/libexec/docker/cli-plugins',
    ]);
    expect(
      dockerPluginDirs(
        inputs({
          platform: 'win32',
          home: 'C:\\Users\\dev',
          env: { ProgramData: 'C:\\ProgramData', ProgramFiles: 'C:\\Program Files' },
        }),
      ),
    ).toEqual([
      'C:\\Users\\dev\\.docker\\cli-plugins',
      'C:\\ProgramData\\Docker\\cli-plugins',
      'C:\\Program Files\\Docker\\cli-plugins',
    ]);
  });
});

describe('pathEntries and resolveTool', () => {
  it.each([
    ['linux', { PATH: '/a::./b:c:/d' }, ['/a', '/d']],
    [
      'win32',
      { PATH: 'C:\\a;;.\\b;"C:\\Program Files\\x";\\\\server\\share;\\rooted' },
      ['C:\\a', 'C:\\Program Files\\x', '\\\\server\\share'],
    ],
    ['linux', {}, []],
  ] as const)('%s %j', (platform, env, expected) => expect(pathEntries(platform, env)).toEqual(expected));

  it('finds systemctl by absolute path even with an empty PATH', () => {
    expect(
      resolveTool('systemctl', ['/usr/bin/systemctl', '/bin/systemctl'], {
        platform: 'linux',
        env: {},
        exists: (p) => p === '/bin/systemctl',
      }),
    ).toBe('/bin/systemctl');
    expect(
      resolveTool('systemctl', ['/usr/bin/systemctl'], { platform: 'linux', env: {}, exists: () => false }),
    ).toBeNull();
  });

  it('as root, never from PATH (an entry there may be anyone’s)', () => {
    const inputs = {
      platform: 'linux' as const,
      env: { PATH: '.:/home/eve/bin:/usr/bin' },
      exists: (p: string) => p === 'systemctl' || p === '/home/eve/bin/systemctl' || p === '/usr/bin/systemctl',
    };
    expect(resolveTool('systemctl', ['/usr/bin/systemctl'], inputs)).toBe('/home/eve/bin/systemctl');
    expect(resolveTool('systemctl', ['/usr/bin/systemctl'], { ...inputs, privileged: true })).toBe(
      '/usr/bin/systemctl',
    );
  });
});
