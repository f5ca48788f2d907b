// Where the packaging job finds each OS's unpacked app and per-machine package in electron-builder's
// output, and which verdicts are true on a machine without Docker Desktop
// (scripts/ci/check-packages.ts runs on the CI workflow's machines; the fuses are read back by
// scripts/check-fuses.ts).

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The app's binary in electron-builder's unpacked output for this OS (the file the fuses live in on macOS is found by @electron/fuses from the .app). */
export function unpackedApp(outDir: string, platform: NodeJS.Platform): string {
  const candidates =
    platform === 'darwin'
      ? readdirIfAny(outDir)
          .filter((d) => d.startsWith('mac'))
          .map((d) => join(outDir, d, 'ECI Tray.app'))
      : platform === 'win32'
        ? [join(outDir, 'win-unpacked', 'ECI Tray.exe')]
        : [join(outDir, 'linux-unpacked', 'eci-tray')];
  const found = candidates.find((c) => existsSync(c));
  if (!found)
    throw new Error(`no unpacked app in ${outDir} (looked for ${candidates.join(', ') || 'mac*/ECI Tray.app'})`);
  return found;
}

/** The per-machine package a fleet deploys (docs/FLEET.md), by its file name's ending. */
export function fleetPackage(outDir: string, platform: NodeJS.Platform): string {
  const ending = platform === 'darwin' ? '.pkg' : platform === 'win32' ? '.msi' : '.deb';
  const found = readdirIfAny(outDir).filter((f) => f.endsWith(ending));
  if (found.length !== 1)
    throw new Error(`expected one ${ending} in ${outDir}, found ${found.length ? found.join(', ') : 'none'}`);
  return join(outDir, found[0]!);
}

function readdirIfAny(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** On a CI machine without Docker Desktop, the only true answers of a fleet check. */
export const VERDICTS_WITHOUT_DESKTOP = [
  'engine-unreachable',
  'not-docker-desktop',
  'desktop-not-running',
  'no-user-logged-in',
];
