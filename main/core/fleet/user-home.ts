// A user's home folder, read from each OS's account database through its own tools. Pure parsers;
// console-user-probe.ts runs the commands.

import { win32 } from 'node:path';

/** `getent passwd NAME` (Linux): `name:x:uid:gid:gecos:home:shell`; null for another user or a bad line. */
export function parsePasswdEntry(output: string, name: string): { home: string; uid: number } | null {
  for (const line of output.split('\n')) {
    const fields = line.trim().split(':');
    if (fields.length < 7 || fields[0] !== name) continue;
    const uid = Number(fields[2]);
    const home = fields[5] ?? '';
    if (!Number.isInteger(uid) || !home.startsWith('/')) return null;
    return { home, uid };
  }
  return null;
}

/** `dscl . -read /Users/NAME NFSHomeDirectory` (macOS): `NFSHomeDirectory: /Users/name`. */
export function parseDsclHome(output: string): string | null {
  // A long value is wrapped onto the next line after a bare "NFSHomeDirectory:".
  const m = /^NFSHomeDirectory:\s*\n?\s*(\/\S.*)$/m.exec(output);
  return m ? m[1]!.trim() : null;
}

/** `dscl . -read /Users/NAME UniqueID` (macOS): `UniqueID: 501`. */
export function parseDsclUid(output: string): number | null {
  const m = /^UniqueID:\s*(\d+)\s*$/m.exec(output);
  return m ? Number(m[1]) : null;
}

export interface WindowsProfile {
  sid: string;
  path: string;
}

/**
 * `reg query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList" /s /v ProfileImagePath`:
 * a key line per SID, then `ProfileImagePath  REG_EXPAND_SZ  C:\Users\name`.
 */
export function parseProfileList(output: string, env: Record<string, string | undefined> = {}): WindowsProfile[] {
  const profiles: WindowsProfile[] = [];
  let sid: string | null = null;
  for (const line of output.split(/\r?\n/)) {
    const key = /^HKEY_.*\\ProfileList\\(S-[\d-]+)$/i.exec(line.trim());
    if (key) {
      sid = key[1]!;
      continue;
    }
    const value = /^\s+ProfileImagePath\s+REG_(?:EXPAND_)?SZ\s+(.+?)\s*$/i.exec(line);
    if (value && sid) {
      profiles.push({ sid, path: expandWindowsVars(value[1]!, env) });
      sid = null;
    }
  }
  return profiles;
}

function expandWindowsVars(path: string, env: Record<string, string | undefined>): string {
  return path.replace(/%([^%]+)%/g, (whole, name: string) => {
    const key = Object.keys(env).find((k) => k.toLowerCase() === name.toLowerCase());
    return key ? (env[key] ?? whole) : name.toLowerCase() === 'systemdrive' ? 'C:' : whole;
  });
}

/**
 * The profile folder of a Windows user: only human accounts (S-1-5-21-…); the folder is named
 * after the user, or `name.DOMAIN` / `name.000` when a profile of that name already existed.
 */
export function windowsProfileOf(profiles: WindowsProfile[], name: string): string | null {
  const lower = name.toLowerCase();
  const human = profiles.filter((p) => p.sid.startsWith('S-1-5-21-'));
  const base = (p: WindowsProfile) => win32.basename(p.path).toLowerCase();
  return human.find((p) => base(p) === lower)?.path ?? human.find((p) => base(p).startsWith(`${lower}.`))?.path ?? null;
}
