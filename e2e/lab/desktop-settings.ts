// How the lab's "Docker Desktop" decides, when it starts, whether ECI is on. Deliberately written
// apart from the product's settings readers (and much simpler), so the lab is an independent
// referee: a locked admin value wins, then the user's setting, then an unlocked admin value, then off.
// An admin-settings.json that does not parse keeps Desktop from starting, as the docs say.

import { readFileSync } from 'node:fs';
import type { LabMode } from './lab-paths';

export class DesktopStartError extends Error {
  override name = 'DesktopStartError';
}

function readJsonIfPresent(path: string, what: string): Record<string, unknown> | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch (err) {
    throw new DesktopStartError(
      `Docker Desktop failed to start: ${what} ${path} is not valid JSON (${(err as Error).message})`,
    );
  }
}

function keyCI(obj: Record<string, unknown> | null, key: string): unknown {
  if (!obj) return undefined;
  const found = Object.keys(obj).filter((k) => k.toLowerCase() === key.toLowerCase());
  return found.length ? obj[found[found.length - 1] as string] : undefined;
}

export function modeAtStart(adminPath: string, userPath: string): LabMode {
  const admin = readJsonIfPresent(adminPath, 'admin settings');
  const user = readJsonIfPresent(userPath, 'settings');
  const eci = keyCI(admin, 'enhancedContainerIsolation') as Record<string, unknown> | undefined;
  const adminValue = eci && typeof eci === 'object' ? eci['value'] : undefined;
  const locked = eci && typeof eci === 'object' ? eci['locked'] === true : false;
  const userValue = keyCI(user, 'EnhancedContainerIsolation');
  if (locked && typeof adminValue === 'boolean') return adminValue ? 'on' : 'off';
  if (typeof userValue === 'boolean') return userValue ? 'on' : 'off';
  if (typeof adminValue === 'boolean') return adminValue ? 'on' : 'off';
  return 'off';
}

/**
 * The socket-mount allow list Desktop loads at start: admin-settings.json's, and the one stored in
 * settings-store.json (`ECIDockerSocketImgList`, where a Docker Home policy lands).
 */
export function socketAllowListAtStart(adminPath: string, userPath?: string): string[] {
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((i): i is string => typeof i === 'string') : []);
  let fromAdmin: string[] = [];
  let fromStore: string[] = [];
  try {
    const admin = readJsonIfPresent(adminPath, 'admin settings');
    const eci = keyCI(admin, 'enhancedContainerIsolation') as Record<string, unknown> | undefined;
    fromAdmin = strings(
      (eci?.['dockerSocketMount'] as { imageList?: { images?: unknown } } | undefined)?.imageList?.images,
    );
  } catch {
    fromAdmin = [];
  }
  try {
    if (userPath) fromStore = strings(keyCI(readJsonIfPresent(userPath, 'settings'), 'ECIDockerSocketImgList'));
  } catch {
    fromStore = [];
  }
  return [...fromAdmin, ...fromStore];
}
