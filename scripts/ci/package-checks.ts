// What the packaging job checks in each built package (scripts/ci/check-packages.ts runs them on
// the CI workflow's machines, where Electron and electron-builder's tools can be downloaded):
// the fuses read back from the built binary against electron-builder.yml's `electronFuses`, where
// each OS's unpacked app and per-machine package are, and which verdicts are true on a machine
// without Docker Desktop.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FuseState } from '@electron/fuses/dist/constants';

/** electron-builder's `electronFuses` names (camelCase) for each fuse of the wire. */
const FUSE_NAMES: Record<string, FuseV1Options> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

/** Each fuse the configuration sets that the binary does not have as set (empty: all as configured). */
export async function fuseMismatches(binary: string, configured: Record<string, boolean>): Promise<string[]> {
  const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, FuseState>;
  const out: string[] = [];
  for (const [name, want] of Object.entries(configured)) {
    const index = FUSE_NAMES[name];
    if (index === undefined) {
      out.push(`${name}: not a fuse this check knows`);
      continue;
    }
    const have = wire[index];
    const expected = want ? FuseState.ENABLE : FuseState.DISABLE;
    if (have !== expected)
      out.push(
        `${name}: configured ${want ? 'on' : 'off'}, the binary has it ${have === FuseState.ENABLE ? 'on' : have === FuseState.DISABLE ? 'off' : have === FuseState.REMOVED ? 'removed' : 'missing'}`,
      );
  }
  return out;
}

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
  if (!found) throw new Error(`no unpacked app in ${outDir} (looked for ${candidates.join(', ') || 'mac*/ECI Tray.app'})`);
  return found;
}

/** The per-machine package a fleet deploys (docs/FLEET.md), by its file name's ending. */
export function fleetPackage(outDir: string, platform: NodeJS.Platform): string {
  const ending = platform === 'darwin' ? '.pkg' : platform === 'win32' ? '.msi' : '.deb';
  const found = readdirIfAny(outDir).filter((f) => f.endsWith(ending));
  if (found.length !== 1) throw new Error(`expected one ${ending} in ${outDir}, found ${found.length ? found.join(', ') : 'none'}`);
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
export const VERDICTS_WITHOUT_DESKTOP = ['engine-unreachable', 'not-docker-desktop', 'desktop-not-running', 'no-user-logged-in'];
