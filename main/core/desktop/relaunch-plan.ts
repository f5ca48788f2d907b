// How to quit Docker Desktop fully and start it again on each OS (DESIGN.md "Facts"). Pure.
// The `docker desktop` CLI plugin (Desktop 4.37+) is preferred wherever it is present.

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

export const WINDOWS_DESKTOP_EXE = 'C:\\Program Files\\Docker\\Docker\\Docker Desktop.exe';

export function relaunchPlan(platform: NodeJS.Platform, hasDesktopCli: boolean): RelaunchPlan {
  if (hasDesktopCli) {
    return {
      method: 'docker-desktop-cli',
      stop: [{ file: 'docker', args: ['desktop', 'stop'] }],
      start: [{ file: 'docker', args: ['desktop', 'start'] }],
    };
  }
  switch (platform) {
    case 'darwin':
      return {
        method: 'macos-app',
        stop: [{ file: 'osascript', args: ['-e', 'quit app "Docker"'] }],
        start: [{ file: 'open', args: ['-a', 'Docker'] }],
      };
    case 'win32':
      return {
        method: 'windows-processes',
        stop: [
          { file: 'taskkill', args: ['/IM', 'Docker Desktop.exe', '/F'], mayFail: true },
          { file: 'taskkill', args: ['/IM', 'com.docker.backend.exe', '/F'], mayFail: true },
        ],
        start: [{ file: 'powershell.exe', args: ['-NoProfile', '-Command', `Start-Process -FilePath '${WINDOWS_DESKTOP_EXE}'`] }],
      };
    default:
      return {
        method: 'linux-systemd',
        stop: [{ file: 'systemctl', args: ['--user', 'stop', 'docker-desktop'] }],
        start: [{ file: 'systemctl', args: ['--user', 'start', 'docker-desktop'] }],
      };
  }
}

export function describeCommand(c: Command): string {
  return [c.file, ...c.args.map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a))].join(' ');
}
