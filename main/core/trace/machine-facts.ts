// The machine facts a trace carries besides the engine calls: the OS and versions, and the
// settings files' times, sizes and byte order marks (never their paths or content).

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import { dirname, join } from 'node:path';
import type { DesktopProcesses } from '../desktop/desktop-processes';
import type { SettingsFileFact, SettingsRole, Trace } from './trace-format';

export function machineFacts(eciTray: string): Trace['machine'] {
  return { platform: platform(), release: release(), arch: arch(), node: process.version, eciTray };
}

/** Docker Desktop reads registry.json beside admin-settings.json (a BOM in it stops Desktop). */
export function registryJsonPath(adminSettingsPath: string): string {
  return join(dirname(adminSettingsPath), 'registry.json');
}

/** What a trace says of one settings file: whether it is there, when it changed, its size, a BOM. */
export function settingsFileFact(role: SettingsRole, path: string): SettingsFileFact {
  try {
    const st = statSync(path);
    if (!st.isFile()) return { role, present: false, modifiedAt: null, bytes: null, bom: false };
    return { role, present: true, modifiedAt: st.mtime.toISOString(), bytes: st.size, bom: startsWithBom(path) };
  } catch {
    return { role, present: false, modifiedAt: null, bytes: null, bom: false };
  }
}

function startsWithBom(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(3);
    const n = readSync(fd, head, 0, 3, 0);
    return n === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Docker Desktop's processes as a trace keeps them: names and start times, no pid, no path. */
export function processFacts(seen: DesktopProcesses): Trace['processes'] {
  if (!seen.visible)
    return { list: null, why: plainWords(seen.why ?? '') ?? "Docker Desktop's processes could not be seen" };
  return {
    list: seen.processes.map((p) => ({
      name: /^[\w .()-]{1,64}$/.test(p.name) ? p.name : 'other',
      startedAt: p.startedAt,
    })),
  };
}

/** A reason kept only when it names no path or user (no slash, backslash, quote or @). */
function plainWords(text: string): string | null {
  return /^[\w\s.,:;'()-]{1,200}$/.test(text) && !/[/\\"@~]/.test(text) ? text : null;
}
