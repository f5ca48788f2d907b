// Where the docker CLI and its `desktop` plugin are. A tray app started by the OS (Finder, a login
// item, the Start menu) gets a minimal PATH, so PATH is searched first and then the places Docker
// Desktop and package managers install to. Plugins are looked for in the docker CLI's own order.
// Pure: the file system arrives as an `exists` predicate; locateDockerExecutables() is the wrapper.

import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, posix, win32 } from 'node:path';

export interface LocateInputs {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
  /** Whether a regular file exists at this absolute path. */
  exists: (path: string) => boolean;
  /** `cliPluginsExtraDirs` from the docker CLI's config.json. */
  extraPluginDirs?: string[];
  /** Windows: Docker Desktop's install folder when known (registry AppPath), for a custom location. */
  desktopInstallDir?: string | null;
}

export interface Located {
  path: string;
  /** Where it was found, in words that follow "found": "on PATH", "in Docker Desktop's app bundle", ... */
  from: string;
}

export interface DockerExecutables {
  docker: Located | null;
  /** The `docker-desktop` plugin, where the docker CLI (or we, in Docker Desktop's folders) find it. */
  desktopPlugin: Located | null;
  /** Whether the docker CLI itself would find that plugin (it is in one of its plugin folders). */
  pluginOnDockerSearchPath: boolean;
  /** The standard places looked at after PATH (for "not found" messages). */
  searched: string[];
}

function pathOps(platform: NodeJS.Platform) {
  return platform === 'win32' ? win32 : posix;
}

/** Windows environment names are case-insensitive; an injected env may spell them either way. */
export function envValue(env: Record<string, string | undefined>, name: string): string | undefined {
  if (env[name] !== undefined) return env[name];
  const key = Object.keys(env).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : env[key];
}

/** Absolute PATH entries only: an empty or relative entry means the working folder, never searched. */
export function pathEntries(platform: NodeJS.Platform, env: Record<string, string | undefined>): string[] {
  const raw = envValue(env, 'PATH') ?? '';
  const p = pathOps(platform);
  return raw
    .split(platform === 'win32' ? ';' : ':')
    .map((d) => d.trim().replace(/^"(.*)"$/, '$1'))
    .filter((d) => d !== '' && p.isAbsolute(d) && !(platform === 'win32' && !/^[a-z]:\\|^\\\\/i.test(d)));
}

function programFiles(env: Record<string, string | undefined>): string {
  return envValue(env, 'ProgramFiles') || 'C:\\Program Files';
}

/** The standard places for the docker CLI on each OS, after PATH. */
export function standardDockerPaths(inputs: LocateInputs): Located[] {
  const { platform, home, env } = inputs;
  switch (platform) {
    case 'darwin':
      return [
        { path: '/usr/local/bin/docker', from: "in Docker Desktop's system CLI location" },
        { path: posix.join(home, '.docker/bin/docker'), from: "in Docker Desktop's user CLI location" },
        { path: '/opt/homebrew/bin/docker', from: "in Homebrew's folder" },
        { path: '/Applications/Docker.app/Contents/Resources/bin/docker', from: "in Docker Desktop's app bundle" },
        {
          path: posix.join(home, 'Applications/Docker.app/Contents/Resources/bin/docker'),
          from: "in Docker Desktop's app bundle (~/Applications)",
        },
      ];
    case 'win32': {
      const dirs: Located[] = [];
      if (inputs.desktopInstallDir)
        dirs.push({
          path: win32.join(inputs.desktopInstallDir, 'resources', 'bin', 'docker.exe'),
          from: "in Docker Desktop's install folder (registry AppPath)",
        });
      dirs.push({
        path: win32.join(programFiles(env), 'Docker', 'Docker', 'resources', 'bin', 'docker.exe'),
        from: "in Docker Desktop's default install folder",
      });
      const local = envValue(env, 'LOCALAPPDATA');
      if (local)
        dirs.push({
          path: win32.join(local, 'Programs', 'DockerDesktop', 'resources', 'bin', 'docker.exe'),
          from: "in Docker Desktop's per-user install folder",
        });
      return dirs;
    }
    default:
      return [
        { path: '/usr/bin/docker', from: 'in /usr/bin' },
        { path: '/usr/local/bin/docker', from: 'in /usr/local/bin' },
      ];
  }
}

/**
 * The docker CLI's plugin folders, in its order: the config folder's cli-plugins (DOCKER_CONFIG,
 * else ~/.docker), config.json's cliPluginsExtraDirs, then the system folders.
 */
export function dockerPluginDirs(inputs: LocateInputs): string[] {
  const { platform, env, home } = inputs;
  const p = pathOps(platform);
  const configDir = envValue(env, 'DOCKER_CONFIG') || p.join(home, '.docker');
  const system =
    platform === 'win32'
      ? [
          win32.join(envValue(env, 'ProgramData') || 'C:\\ProgramData', 'Docker', 'cli-plugins'),
          win32.join(programFiles(env), 'Docker', 'cli-plugins'),
        ]
      : [
          '/usr/local/lib/docker/cli-plugins',
          '/usr/local/libexec/docker/cli-plugins',
          '/usr/lib/docker/cli-plugins',
          '/usr/libexec/docker/cli-plugins',
        ];
  return [p.join(configDir, 'cli-plugins'), ...(inputs.extraPluginDirs ?? []), ...system];
}

/** Folders where Docker Desktop keeps its plugins that the docker CLI does not search by itself. */
export function desktopOwnPluginDirs(inputs: LocateInputs): string[] {
  switch (inputs.platform) {
    case 'darwin':
      return [
        '/Applications/Docker.app/Contents/Resources/cli-plugins',
        posix.join(inputs.home, 'Applications/Docker.app/Contents/Resources/cli-plugins'),
      ];
    case 'win32':
      return inputs.desktopInstallDir ? [win32.join(inputs.desktopInstallDir, 'resources', 'cli-plugins')] : [];
    default:
      return [];
  }
}

export function resolveDockerExecutables(inputs: LocateInputs): DockerExecutables {
  const { platform } = inputs;
  const p = pathOps(platform);
  const exe = platform === 'win32' ? 'docker.exe' : 'docker';
  const standard = standardDockerPaths(inputs);
  const candidates: Located[] = [
    ...pathEntries(platform, inputs.env).map((d) => ({ path: p.join(d, exe), from: 'on PATH' })),
    ...standard,
  ];
  const docker = candidates.find((c) => inputs.exists(c.path)) ?? null;

  const pluginName = platform === 'win32' ? 'docker-desktop.exe' : 'docker-desktop';
  const onSearchPath = dockerPluginDirs(inputs).map((d) => ({
    path: p.join(d, pluginName),
    from: `in the docker CLI's plugin folder ${d}`,
  }));
  const ownDirs = desktopOwnPluginDirs(inputs).map((d) => ({
    path: p.join(d, pluginName),
    from: `in Docker Desktop's plugin folder ${d}`,
  }));
  const found = onSearchPath.find((c) => inputs.exists(c.path));
  const desktopPlugin = found ?? ownDirs.find((c) => inputs.exists(c.path)) ?? null;
  return { docker, desktopPlugin, pluginOnDockerSearchPath: !!found, searched: standard.map((c) => c.path) };
}

/**
 * A tool by absolute path: PATH first, then the given standard places; null when nowhere. As root
 * (`privileged`) only the standard places: a PATH entry or the working folder may be anyone's.
 */
export function resolveTool(
  name: string,
  standard: string[],
  inputs: Pick<LocateInputs, 'platform' | 'env' | 'exists'> & { privileged?: boolean },
): string | null {
  const p = pathOps(inputs.platform);
  const onPath = inputs.privileged ? [] : pathEntries(inputs.platform, inputs.env).map((d) => p.join(d, name));
  return [...onPath, ...standard].find((c) => inputs.exists(c)) ?? null;
}

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `cliPluginsExtraDirs` from the docker CLI's config.json (absent or unreadable: none). */
export function readExtraPluginDirs(configDir: string): string[] {
  try {
    const config = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as {
      cliPluginsExtraDirs?: unknown;
    };
    return Array.isArray(config.cliPluginsExtraDirs)
      ? config.cliPluginsExtraDirs.filter((d): d is string => typeof d === 'string' && d !== '')
      : [];
  } catch {
    return [];
  }
}

/** The wrapper: the real file system, this process's platform and home. */
export function locateDockerExecutables(
  env: Record<string, string | undefined> = process.env,
  desktopInstallDir: string | null = null,
): DockerExecutables {
  const home = homedir();
  const platform = process.platform;
  const configDir = envValue(env, 'DOCKER_CONFIG') || pathOps(platform).join(home, '.docker');
  return resolveDockerExecutables({
    platform,
    env,
    home,
    exists: isFile,
    extraPluginDirs: readExtraPluginDirs(configDir),
    desktopInstallDir,
  });
}
