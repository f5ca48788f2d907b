// Reads both settings sources and derives the desired ECI state, collecting every problem.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import type { AdminEciPolicy, DesiredState, SettingsFileStatus, SettingsProblem } from '../model';
import type { FileOwner } from '../store/owned-file';
import { interpretAdminSettings } from './admin-settings';
import { desiredState } from './desired-state';
import { kubernetesEnabledFrom } from './kubernetes-setting';
import { socketAllowList } from './socket-allow-list';
import { readSettingsFile, type ParsedSettings } from './settings-file';
import {
  defaultAdminSettingsPath,
  defaultUserSettingsPaths,
  wslSettingsLocations,
  type PathContext,
} from './settings-paths';
import { interpretUserSettings, type StoredSocketMount } from './user-settings';

export interface SettingsOverrides {
  adminSettings?: string;
  userSettings?: string;
}

export interface SettingsSnapshot {
  adminPolicy: AdminEciPolicy | null;
  userEci: boolean | null;
  /** Socket mount exceptions stored in settings-store.json (a Docker Home policy shows here). */
  storedSocketMount?: StoredSocketMount | null;
  /** Images allowed to mount the Docker socket: admin-settings.json's and settings-store.json's. */
  socketMountAllowList?: string[];
  desired: DesiredState;
  files: SettingsFileStatus[];
  problems: SettingsProblem[];
  /** Inside a WSL distro: its name and where the Windows-side settings files were (not) found. */
  wsl?: { distro: string | null; notes: string[] } | null;
  /** Kubernetes on or off in Desktop's settings, null when they do not say (kubernetes-setting.ts). */
  kubernetesEnabled?: boolean | null;
}

/** This machine's settings locations; `home` and `env` name another user's (--for-user). */
export function hostPathContext(
  home = homedir(),
  env: Record<string, string | undefined> = process.env,
  owner: FileOwner | null = null,
): PathContext {
  const ctx: PathContext = { platform: process.platform, home, env, owner };
  if (process.platform === 'linux')
    ctx.wsl = wslSettingsLocations({
      env,
      procVersion: readTextOrNull('/proc/version'),
      exists: isFile,
      listDir: listDirOrEmpty,
    });
  return ctx;
}

function readTextOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function listDirOrEmpty(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

/** The files this configuration reads: the admin file and the user candidates, in order. */
export function settingsPaths(
  overrides: SettingsOverrides,
  ctx: PathContext = hostPathContext(),
): { admin: string; user: string[] } {
  return {
    admin: overrides.adminSettings ?? ctx.wsl?.admin ?? defaultAdminSettingsPath(ctx.platform),
    user: overrides.userSettings ? [overrides.userSettings] : (ctx.wsl?.user ?? defaultUserSettingsPaths(ctx)),
  };
}

export async function loadSettings(
  overrides: SettingsOverrides,
  ctx: PathContext = hostPathContext(),
): Promise<SettingsSnapshot> {
  const paths = settingsPaths(overrides, ctx);
  const [adminParsed, userParsed] = await Promise.all([
    readSettingsFile(paths.admin, 'admin'),
    readFirstFound(paths.user, overrides.userSettings ? null : (ctx.owner ?? null)),
  ]);
  const admin = interpretAdminSettings(adminParsed);
  const user = interpretUserSettings(userParsed);
  return {
    adminPolicy: admin.policy,
    userEci: user.eci,
    storedSocketMount: user.socketMount,
    socketMountAllowList: socketAllowList(admin.policy?.socketMountImages ?? [], user.socketMount?.images ?? []),
    desired: desiredState({
      admin: { file: adminParsed.path, policy: admin.policy },
      user: { file: userParsed.path, eci: user.eci },
    }),
    files: [
      { role: 'admin', path: adminParsed.path, found: adminParsed.found },
      { role: 'user', path: userParsed.path, found: userParsed.found },
    ],
    problems: [...admin.problems, ...user.problems],
    kubernetesEnabled: kubernetesEnabledFrom(adminParsed.root, userParsed.root),
    // Where the Windows-side files were found only matters when they were not given explicitly.
    wsl: ctx.wsl
      ? { distro: ctx.wsl.distro, notes: overrides.adminSettings && overrides.userSettings ? [] : ctx.wsl.notes }
      : null,
  };
}

/** The first candidate that exists; when none does, the first candidate reported as missing. */
async function readFirstFound(candidates: string[], owner: FileOwner | null): Promise<ParsedSettings> {
  let first: ParsedSettings | undefined;
  for (const path of candidates) {
    const parsed = await readSettingsFile(path, 'user', owner);
    if (parsed.found) return parsed;
    first ??= parsed;
  }
  return first ?? { path: '', found: false, root: null, text: '', problems: [] };
}
