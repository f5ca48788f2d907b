// Where Docker Desktop keeps its settings files, per OS (as Docker's documentation gives them). Pure.

import { posix, win32 } from 'node:path';
import type { FileOwner } from '../store/owned-file';

export interface PathContext {
  platform: NodeJS.Platform;
  home: string;
  env: Record<string, string | undefined>;
  /** Inside a WSL distro: the Windows-side settings files (see wslSettingsLocations). */
  wsl?: WslContext | null;
  /** Another user whose home this is (--for-user as root): their files are read as theirs. */
  owner?: FileOwner | null;
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
      join = (...p) => posix.join(...p);
      dirs = [
        join(home, 'Library/Group Containers/group.com.docker'),
        join(home, 'Library/Application Support/Docker'),
      ];
      break;
    case 'win32':
      join = (...p) => win32.join(...p);
      dirs = [join(env['APPDATA'] ?? win32.join(home, 'AppData', 'Roaming'), 'Docker')];
      break;
    default:
      join = (...p) => posix.join(...p);
      dirs = [join(home, '.docker/desktop')];
  }
  return files.flatMap((f) => dirs.map((d) => join(d, f)));
}

// --- Inside a WSL distro ------------------------------------------------------------------------
// The engine is Docker Desktop's (on Windows), reached through its WSL integration; its settings
// files are on the Windows side, mounted under /mnt/<drive>. Pure: the file system is injected.

export interface WslContext {
  /** WSL_DISTRO_NAME, or null when only /proc/version told. */
  distro: string | null;
  admin: string;
  user: string[];
  /** Where the Windows-side files were (not) found, in words for the report. */
  notes: string[];
}

export interface WslInputs {
  env: Record<string, string | undefined>;
  /** The text of /proc/version, or null when unreadable. */
  procVersion: string | null;
  exists: (path: string) => boolean;
  /** Folder entries (names), [] when missing or unreadable. */
  listDir: (path: string) => string[];
}

/** Whether this Linux is a WSL distro: WSL_DISTRO_NAME, or "microsoft" in the kernel's version. */
export function detectWsl(
  env: Record<string, string | undefined>,
  procVersion: string | null,
): { distro: string | null } | null {
  const distro = env['WSL_DISTRO_NAME']?.trim();
  if (distro) return { distro };
  return procVersion && /microsoft|WSL/i.test(procVersion) ? { distro: null } : null;
}

/** Windows profiles that are not a person's. */
const NOT_A_USER = new Set(['public', 'default', 'default user', 'all users', 'defaultapppool', 'wdagutilityaccount']);

function mountedDrives(inputs: WslInputs): string[] {
  const drives = inputs
    .listDir('/mnt')
    .filter((d) => /^[a-z]$/i.test(d))
    .map((d) => d.toLowerCase());
  // C: (the usual system drive) first, then the others in order.
  return [...new Set(drives)].sort((a, b) => (a === 'c' ? -1 : b === 'c' ? 1 : a.localeCompare(b)));
}

/** A Windows folder passed through WSLENV with /p arrives as a Linux path (/mnt/c/Users/dev). */
function profileFromEnv(env: Record<string, string | undefined>): string | null {
  const appData = env['APPDATA'];
  if (appData?.startsWith('/mnt/')) return posix.dirname(posix.dirname(appData.replace(/\/+$/, '')));
  const profile = env['USERPROFILE'];
  if (profile?.startsWith('/mnt/')) return profile.replace(/\/+$/, '');
  return null;
}

const userFiles = (profile: string) =>
  ['settings-store.json', 'settings.json'].map((f) => posix.join(profile, 'AppData/Roaming/Docker', f));

export function wslSettingsLocations(inputs: WslInputs): WslContext | null {
  const wsl = detectWsl(inputs.env, inputs.procVersion);
  if (!wsl) return null;
  const notes: string[] = [];
  const drives = mountedDrives(inputs);
  if (drives.length === 0) {
    notes.push(
      "Docker Desktop's settings files are on the Windows side (C:\\ProgramData\\DockerDesktop\\admin-settings.json, %APPDATA%\\Docker\\settings-store.json) and no Windows drive is mounted under /mnt in this distro, so they were not read: pass --admin-settings and --user-settings, or run eci-tray on Windows.",
    );
    return {
      distro: wsl.distro,
      admin: '/mnt/c/ProgramData/DockerDesktop/admin-settings.json',
      user: userFiles('/mnt/c/Users/' + (inputs.env['USER'] || 'USER')),
      notes,
    };
  }

  const adminCandidates = drives.map((d) => `/mnt/${d}/ProgramData/DockerDesktop/admin-settings.json`);
  const admin = adminCandidates.find((p) => inputs.exists(p)) ?? adminCandidates[0]!;

  // The Windows user: passed through WSLENV, else the one profile holding Docker Desktop's settings.
  let profile = profileFromEnv(inputs.env);
  let how = 'from WSLENV';
  if (!profile) {
    const profiles = drives.flatMap((d) =>
      inputs
        .listDir(`/mnt/${d}/Users`)
        .filter((u) => !NOT_A_USER.has(u.toLowerCase()))
        .map((u) => `/mnt/${d}/Users/${u}`),
    );
    const withSettings = profiles.filter((p) => userFiles(p).some((f) => inputs.exists(f)));
    const linuxUser = (inputs.env['USER'] || inputs.env['LOGNAME'] || '').toLowerCase();
    const sameName = (p: string) => posix.basename(p).toLowerCase() === linuxUser;
    profile = withSettings.find(sameName) ?? withSettings[0] ?? null;
    how = 'the Windows profile holding Docker Desktop settings';
    if (withSettings.length > 1) {
      notes.push(
        `Several Windows users have Docker Desktop settings (${withSettings.map((p) => posix.basename(p)).join(', ')}); read ${posix.basename(profile!)}'s. Pass --user-settings to choose.`,
      );
    }
    if (!profile) {
      profile = profiles.find(sameName) ?? `/mnt/${drives[0]}/Users/${inputs.env['USER'] || 'USER'}`;
      how = '';
    }
  }
  const user = userFiles(profile);
  const adminFound = inputs.exists(admin);
  const userFound = user.some((f) => inputs.exists(f));
  notes.push(
    `Docker Desktop's settings files are on the Windows side: admin ${adminFound ? `read from ${admin}` : `not found at ${admin}`}; user ${userFound ? `read from ${profile}${how ? ` (${how})` : ''}` : `not found under /mnt/${drives.join(', /mnt/')}/Users (pass --user-settings with the Windows user's %APPDATA%\\Docker\\settings-store.json)`}.`,
  );
  return { distro: wsl.distro, admin, user, notes };
}
