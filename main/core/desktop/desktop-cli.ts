// Decides, on this machine, how a relaunch will run: the located docker CLI with its `desktop`
// plugin, the plugin run directly, or the OS fallback; on Windows, where Docker Desktop.exe is
// (found before it is quit, so a custom install folder still starts again). Says which is used.

import { dirname, posix, win32 } from 'node:path';
import { DESKTOP_CLI_PLUGIN_VERSION } from '../verify/identity';
import { locateDockerExecutables, resolveTool, isFile, type DockerExecutables } from './docker-executables';
import {
  chooseWindowsDesktopExe,
  relaunchPlan,
  windowsFindDesktopCommand,
  type Command,
  type DesktopCli,
  type RelaunchPlan,
} from './relaunch-plan';
import { runCommand, type CommandResult } from './run-command';

export type Runner = (c: Command, timeoutMs: number, env: NodeJS.ProcessEnv) => Promise<CommandResult>;

export interface PreparedRelaunch {
  plan: RelaunchPlan;
  /** In words: which program runs the relaunch, and where it was found. */
  via: string;
  /** The environment to run the plan's commands with (the docker CLI's folder on PATH). */
  env: NodeJS.ProcessEnv;
}

/** The folder of the docker CLI goes first on PATH, so the plugin (or anything it runs) finds it. */
export function envWithDockerOnPath(
  env: NodeJS.ProcessEnv,
  dockerPath: string | null,
  platform: NodeJS.Platform = process.platform,
): NodeJS.ProcessEnv {
  if (!dockerPath) return env;
  const key = Object.keys(env).find((k) => k.toLowerCase() === 'path') ?? 'PATH';
  const sep = platform === 'win32' ? ';' : ':';
  const dir = (platform === 'win32' ? win32 : posix).dirname(dockerPath);
  const current = env[key] ?? '';
  if (current.split(sep).includes(dir)) return env;
  return { ...env, [key]: current ? `${dir}${sep}${current}` : dir };
}

/** Which program runs `desktop <command>`: the docker CLI when it has the plugin, else the plugin itself. */
export async function findDesktopCli(
  found: DockerExecutables,
  env: NodeJS.ProcessEnv,
  run: Runner = runCommand,
): Promise<DesktopCli | null> {
  const plugin = found.desktopPlugin;
  if (found.docker) {
    const r = await run({ file: found.docker.path, args: ['desktop', 'version'] }, 15_000, env);
    if (r.code === 0) {
      const where =
        plugin && found.pluginOnDockerSearchPath
          ? `its desktop plugin ${plugin.path}`
          : 'its desktop plugin (found by the docker CLI)';
      return {
        file: found.docker.path,
        description: `${found.docker.path} (docker CLI, found ${found.docker.from}) with ${where}`,
      };
    }
  }
  if (plugin) {
    const r = await run({ file: plugin.path, args: ['desktop', 'version'] }, 15_000, env);
    if (r.code === 0)
      return {
        file: plugin.path,
        description: `the desktop plugin ${plugin.path} (found ${plugin.from}), run directly`,
      };
  }
  return null;
}

export async function prepareRelaunch(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  run: Runner = runCommand,
): Promise<PreparedRelaunch> {
  let windowsDesktopExe: string | null = null;
  let windowsFrom = '';
  if (platform === 'win32') {
    const lookup = await run(windowsFindDesktopCommand(env), 20_000, env);
    const choice = chooseWindowsDesktopExe(lookup.code === 0 ? lookup.output : '', env);
    windowsDesktopExe = choice.path;
    windowsFrom = choice.from;
  }
  const found = locateDockerExecutables(
    env,
    windowsDesktopExe && windowsFrom !== 'default install folder' ? dirname(windowsDesktopExe) : null,
  );
  const childEnv = envWithDockerOnPath(env, found.docker?.path ?? null, platform);
  const desktopCli = await findDesktopCli(found, childEnv, run);
  const systemctl =
    platform === 'linux'
      ? resolveTool('systemctl', ['/usr/bin/systemctl', '/bin/systemctl'], {
          platform,
          env,
          exists: isFile,
          privileged: process.getuid?.() === 0,
        })
      : null;
  const plan = relaunchPlan({ platform, desktopCli, env, windowsDesktopExe, systemctl });
  let via: string;
  if (desktopCli) via = `Using ${desktopCli.description}`;
  else {
    const noCli = found.docker
      ? `${found.docker.path} has no desktop plugin (Docker Desktop ${DESKTOP_CLI_PLUGIN_VERSION} or newer)`
      : `no docker CLI found (looked on PATH and at ${found.searched.join(', ')})`;
    via = `${noCli}; using ${plan.method}${windowsDesktopExe ? ` with ${windowsDesktopExe} (from the ${windowsFrom})` : ''}`;
  }
  return { plan, via, env: childEnv };
}
