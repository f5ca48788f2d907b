// How to quit Docker Desktop fully and start it again on each OS. Pure: what is installed where
// (the located docker CLI or plugin, Docker Desktop.exe, system tools) arrives as inputs.
// The `docker desktop` CLI plugin (Desktop 4.37+) is preferred wherever it is present. Every
// command names its program by absolute path where one is known: a tray app started by the OS has
// a minimal PATH, and Windows would otherwise also search the working folder.

import { win32 } from 'node:path';
import { commandLine, psQuote, shellFor, type CommandShell } from '../text/shell-quote';
import { envValue } from './docker-executables';

export interface Command {
  file: string;
  args: string[];
  /** Failing is fine (e.g. stopping a process that is not running). */
  mayFail?: boolean;
}

export type RelaunchMethod = 'docker-desktop-cli' | 'macos-app' | 'windows-processes' | 'linux-systemd';

export interface RelaunchPlan {
  method: RelaunchMethod;
  stop: Command[];
  start: Command[];
}

/**
 * The program that runs `desktop stop|start`: the docker CLI (which finds its plugin), or the
 * `docker-desktop` plugin itself, which takes the same arguments (`docker-desktop desktop stop`).
 */
export interface DesktopCli {
  file: string;
  /** Said in progress messages: which docker CLI and plugin are used, and where they were found. */
  description: string;
}

export interface PlanInputs {
  platform: NodeJS.Platform;
  desktopCli: DesktopCli | null;
  env: Record<string, string | undefined>;
  /** Windows: Docker Desktop.exe as found before quitting (running process, registry); else the default. */
  windowsDesktopExe?: string | null;
  /** Linux: systemctl by absolute path when located. */
  systemctl?: string | null;
}

/** `%SystemRoot%`, the Windows folder; system tools are run from its System32 by absolute path. */
export function windowsSystemRoot(env: Record<string, string | undefined>): string {
  return envValue(env, 'SystemRoot') || envValue(env, 'windir') || 'C:\\Windows';
}

export function windowsSystemTools(env: Record<string, string | undefined>) {
  const system32 = win32.join(windowsSystemRoot(env), 'System32');
  return {
    taskkill: win32.join(system32, 'taskkill.exe'),
    tasklist: win32.join(system32, 'tasklist.exe'),
    powershell: win32.join(system32, 'WindowsPowerShell', 'v1.0', 'powershell.exe'),
    cmd: win32.join(system32, 'cmd.exe'),
    wsl: win32.join(system32, 'wsl.exe'),
  };
}

/** Docker Desktop.exe in its default install folder (`%ProgramFiles%\Docker\Docker`). */
export function defaultWindowsDesktopExe(env: Record<string, string | undefined>): string {
  return win32.join(envValue(env, 'ProgramFiles') || 'C:\\Program Files', 'Docker', 'Docker', 'Docker Desktop.exe');
}

/**
 * PowerShell that prints where Docker Desktop.exe is, before it is quit: the running process's
 * path, then the registry's AppPath (machine-wide and per-user installs). One `source=value` per line.
 */
export const WINDOWS_FIND_DESKTOP_SCRIPT = [
  "$p = Get-Process -Name 'Docker Desktop' -ErrorAction SilentlyContinue | Select-Object -First 1 -ExpandProperty Path",
  "if ($p) { 'process=' + $p }",
  "foreach ($k in 'HKLM:\\SOFTWARE\\Docker Inc.\\Docker Desktop', 'HKCU:\\SOFTWARE\\Docker Inc.\\Docker Desktop') {",
  '  $v = (Get-ItemProperty -Path $k -Name AppPath -ErrorAction SilentlyContinue).AppPath',
  "  if ($v) { 'registry=' + $v }",
  '}',
].join('\n');

export function windowsFindDesktopCommand(env: Record<string, string | undefined>): Command {
  return {
    file: windowsSystemTools(env).powershell,
    args: ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_FIND_DESKTOP_SCRIPT],
    mayFail: true,
  };
}

export interface DesktopExeChoice {
  path: string;
  from: 'running process' | 'registry AppPath' | 'default install folder';
}

/** Reads WINDOWS_FIND_DESKTOP_SCRIPT's output. AppPath may name the folder or the exe itself. */
export function chooseWindowsDesktopExe(output: string, env: Record<string, string | undefined>): DesktopExeChoice {
  const lines = output.split(/\r?\n/).map((l) => l.trim());
  const value = (prefix: string) =>
    lines
      .find((l) => l.startsWith(`${prefix}=`))
      ?.slice(prefix.length + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  // Only absolute drive or UNC paths: anything else would be resolved against the working folder.
  const absolute = (p: string | undefined): p is string => !!p && /^([a-z]:\\|\\\\)/i.test(p);
  const running = value('process');
  if (absolute(running) && /\.exe$/i.test(running)) return { path: running, from: 'running process' };
  const registry = value('registry')?.replace(/\\+$/, '');
  if (absolute(registry)) {
    return {
      path: /\.exe$/i.test(registry) ? registry : win32.join(registry, 'Docker Desktop.exe'),
      from: 'registry AppPath',
    };
  }
  return { path: defaultWindowsDesktopExe(env), from: 'default install folder' };
}

export function relaunchPlan(inputs: PlanInputs): RelaunchPlan {
  const { platform, desktopCli, env } = inputs;
  if (desktopCli) {
    return {
      method: 'docker-desktop-cli',
      stop: [{ file: desktopCli.file, args: ['desktop', 'stop'] }],
      start: [{ file: desktopCli.file, args: ['desktop', 'start'] }],
    };
  }
  switch (platform) {
    case 'darwin':
      return {
        method: 'macos-app',
        stop: [{ file: '/usr/bin/osascript', args: ['-e', 'quit app "Docker"'] }],
        start: [{ file: '/usr/bin/open', args: ['-a', 'Docker'] }],
      };
    case 'win32': {
      const tools = windowsSystemTools(env);
      const exe = inputs.windowsDesktopExe || defaultWindowsDesktopExe(env);
      return {
        method: 'windows-processes',
        stop: [
          { file: tools.taskkill, args: ['/IM', 'Docker Desktop.exe', '/F'], mayFail: true },
          { file: tools.taskkill, args: ['/IM', 'com.docker.backend.exe', '/F'], mayFail: true },
        ],
        start: [
          {
            file: tools.powershell,
            args: ['-NoProfile', '-NonInteractive', '-Command', `Start-Process -FilePath ${psQuote(exe)}`],
          },
        ],
      };
    }
    default: {
      // Never a bare name (a PATH lookup): where it was not located, its standard place.
      const systemctl = inputs.systemctl || '/usr/bin/systemctl';
      return {
        method: 'linux-systemd',
        stop: [{ file: systemctl, args: ['--user', 'stop', 'docker-desktop'] }],
        start: [{ file: systemctl, args: ['--user', 'start', 'docker-desktop'] }],
      };
    }
  }
}

export function describeCommand(c: Command, shell: CommandShell = shellFor(process.platform)): string {
  return commandLine([c.file, ...c.args], shell) ?? JSON.stringify([c.file, ...c.args]);
}
