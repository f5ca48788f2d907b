// Where Docker Desktop keeps its settings files, per OS (DESIGN.md "Facts"). Pure.

import { posix, win32 } from 'node:path';

export interface PathContext {
  platform: NodeJS.Platform;
  home: string;
  env: Record<string, string | undefined>;
}

export function defaultAdminSettingsPath(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return '/Library/Application Support/com.docker.docker/admin-settings.json';
    case 'win32':
      return 'C:\\ProgramData\\DockerDesktop\\admin-settings.json';
    default:
      return '/usr/share/docker-desktop/admin-settings.json';
  }
}

/**
 * Candidate user settings files, most authoritative first: settings-store.json (Desktop 4.35+)
 * before the older settings.json, in every folder the docs name for the OS.
 */
export function defaultUserSettingsPaths({ platform, home, env }: PathContext): string[] {
  const files = ['settings-store.json', 'settings.json'];
  let dirs: string[];
  let join: (...p: string[]) => string;
  switch (platform) {
    case 'darwin':
      join = posix.join;
      dirs = [
        join(home, 'Library/Group Containers/group.com.docker'),
        join(home, 'Library/Application Support/Docker'),
      ];
      break;
    case 'win32':
      join = win32.join;
      dirs = [join(env['APPDATA'] ?? win32.join(home, 'AppData', 'Roaming'), 'Docker')];
      break;
    default:
      join = posix.join;
      dirs = [join(home, '.docker/desktop')];
  }
  return files.flatMap((f) => dirs.map((d) => join(d, f)));
}
