// Reads both settings sources and derives the desired ECI state, collecting every problem.

import { homedir } from 'node:os';
import type { AdminEciPolicy, DesiredState, SettingsFileStatus, SettingsProblem } from '../model';
import { interpretAdminSettings } from './admin-settings';
import { desiredState } from './desired-state';
import { readSettingsFile, type ParsedSettings } from './settings-file';
import { defaultAdminSettingsPath, defaultUserSettingsPaths, type PathContext } from './settings-paths';
import { interpretUserSettings } from './user-settings';

export interface SettingsOverrides {
  adminSettings?: string;
  userSettings?: string;
}

export interface SettingsSnapshot {
  adminPolicy: AdminEciPolicy | null;
  userEci: boolean | null;
  desired: DesiredState;
  files: SettingsFileStatus[];
  problems: SettingsProblem[];
}

export function hostPathContext(): PathContext {
  return { platform: process.platform, home: homedir(), env: process.env };
}

/** The files this configuration reads: the admin file and the user candidates, in order. */
export function settingsPaths(overrides: SettingsOverrides, ctx: PathContext = hostPathContext()): { admin: string; user: string[] } {
  return {
    admin: overrides.adminSettings ?? defaultAdminSettingsPath(ctx.platform),
    user: overrides.userSettings ? [overrides.userSettings] : defaultUserSettingsPaths(ctx),
  };
}

export async function loadSettings(overrides: SettingsOverrides, ctx: PathContext = hostPathContext()): Promise<SettingsSnapshot> {
  const paths = settingsPaths(overrides, ctx);
  const [adminParsed, userParsed] = await Promise.all([readSettingsFile(paths.admin, 'admin'), readFirstFound(paths.user)]);
  const admin = interpretAdminSettings(adminParsed);
  const user = interpretUserSettings(userParsed);
  return {
    adminPolicy: admin.policy,
    userEci: user.eci,
    desired: desiredState({
      admin: { file: adminParsed.path, policy: admin.policy },
      user: { file: userParsed.path, eci: user.eci },
    }),
    files: [
      { role: 'admin', path: adminParsed.path, found: adminParsed.found },
      { role: 'user', path: userParsed.path, found: userParsed.found },
    ],
    problems: [...admin.problems, ...user.problems],
  };
}

/** The first candidate that exists; when none does, the first candidate reported as missing. */
async function readFirstFound(candidates: string[]): Promise<ParsedSettings> {
  let first: ParsedSettings | undefined;
  for (const path of candidates) {
    const parsed = await readSettingsFile(path, 'user');
    if (parsed.found) return parsed;
    first ??= parsed;
  }
  return first ?? { path: '', found: false, root: null, text: '', problems: [] };
}
