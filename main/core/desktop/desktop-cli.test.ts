import { describe, expect, it } from 'vitest';
import { envWithDockerOnPath, findDesktopCli, type Runner } from './desktop-cli';
import type { DockerExecutables } from './docker-executables';

const located = (over: Partial<DockerExecutables>): DockerExecutables => ({
  docker: null,
  desktopPlugin: null,
  pluginOnDockerSearchPath: false,
  searched: [],
  ...over,
});
/** A runner where only the given programs answer `desktop version`. */
const answering = (...ok: string[]): Runner & { calls: string[] } => {
  const calls: string[] = [];
  const run: Runner = async (c) => {
    calls.push([c.file, ...c.args].join(' '));
    return ok.includes(c.file)
      ? { code: 0, output: 'Docker Desktop 4.37.1', missing: false }
      : { code: 1, output: "docker: 'desktop' is not a docker command.", missing: false };
  };
  return Object.assign(run, { calls });
};

describe('findDesktopCli', () => {
  const docker = { path: '/usr/local/bin/docker', from: "in Docker Desktop's system CLI location" };
  const plugin = {
    path: '/home/dev/.docker/cli-plugins/docker-desktop',
    from: "in the docker CLI's plugin folder /home/dev/.docker/cli-plugins",
  };
  const bundled = {
    path: '/Applications/Docker.app/Contents/Resources/cli-plugins/docker-desktop',
    from: "in Docker Desktop's plugin folder /Applications/Docker.app/Contents/Resources/cli-plugins",
  };

  it.each([
    [
      'the docker CLI with its plugin',
      located({ docker, desktopPlugin: plugin, pluginOnDockerSearchPath: true }),
      ['/usr/local/bin/docker'],
      '/usr/local/bin/docker',
      /\/usr\/local\/bin\/docker \(docker CLI, found in Docker Desktop's system CLI location\) with its desktop plugin \/home\/dev\/\.docker\/cli-plugins\/docker-desktop/,
    ],
    [
      'the docker CLI finds a plugin we did not (cliPluginsExtraDirs, a symlink)',
      located({ docker }),
      ['/usr/local/bin/docker'],
      '/usr/local/bin/docker',
      /found by the docker CLI/,
    ],
    [
      'the docker CLI lacks it, the app bundle has it: run the plugin directly',
      located({ docker, desktopPlugin: bundled }),
      [bundled.path],
      bundled.path,
      /run directly/,
    ],
    [
      'no docker CLI, plugin present',
      located({ desktopPlugin: plugin }),
      [plugin.path],
      plugin.path,
      /the desktop plugin \/home\/dev/,
    ],
    ['neither answers', located({ docker, desktopPlugin: plugin }), [], null, null],
    ['nothing installed', located({}), [], null, null],
  ] as const)('%s', async (_name, found, ok, file, description) => {
    const cli = await findDesktopCli(found, {}, answering(...ok));
    expect(cli?.file ?? null).toBe(file);
    if (description) expect(cli?.description).toMatch(description);
  });

  it('asks `desktop version` of the docker CLI before trying the plugin', async () => {
    const run = answering(plugin.path);
    await findDesktopCli(located({ docker, desktopPlugin: plugin }), {}, run);
    expect(run.calls).toEqual(['/usr/local/bin/docker desktop version', `${plugin.path} desktop version`]);
  });
});

describe('envWithDockerOnPath', () => {
  it.each([
    [
      'prepends the folder',
      { PATH: '/usr/bin:/bin' },
      '/usr/local/bin/docker',
      'linux',
      { PATH: '/usr/local/bin:/usr/bin:/bin' },
    ],
    [
      'already there: unchanged',
      { PATH: '/usr/local/bin:/bin' },
      '/usr/local/bin/docker',
      'linux',
      { PATH: '/usr/local/bin:/bin' },
    ],
    ['no PATH at all', {}, '/usr/local/bin/docker', 'linux', { PATH: '/usr/local/bin' }],
    ['no docker: unchanged', { PATH: '/bin' }, null, 'linux', { PATH: '/bin' }],
    [
      'Windows: its own separator and the Path spelling',
      { Path: 'C:\\Windows\\System32' },
      'C:\\Program Files\\Docker\\Docker\\resources\\bin\\docker.exe',
      'win32',
      { Path: 'C:\\Program Files\\Docker\\Docker\\resources\\bin;C:\\Windows\\System32' },
    ],
  ] as const)('%s', (_name, env, docker, platform, expected) => {
    expect(envWithDockerOnPath({ ...env }, docker, platform)).toEqual(expected);
  });
});
