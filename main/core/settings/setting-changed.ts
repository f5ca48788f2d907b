// When the file asking for the ECI setting last changed: its mtime, or the monitor's own record
// of a change it saw, whichever is later (an installer may keep a file's old mtime). For two
// disagreeing values (the user's and an unlocked admin one) it is the admin file that asks.

import { statSync } from 'node:fs';
import type { DesiredState } from '../model';

export function settingChangedAtMs(
  desired: DesiredState,
  seenAtMs: number | null,
  mtimeOf: (path: string) => number | null = fileMtimeMs,
): number | null {
  const file = desired.contested && desired.contested.eci !== desired.eci ? desired.contested.file : desired.file;
  const mtime = file ? mtimeOf(file) : null;
  if (mtime === null) return seenAtMs;
  return seenAtMs === null ? mtime : Math.max(mtime, seenAtMs);
}

function fileMtimeMs(path: string): number | null {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}
