// Reads the Electron fuses back from a built binary and compares them with electron-builder.yml's
// `electronFuses`: the configuration says what should be flipped, this says what was. Run by the
// packaging job on what it built: `tsx scripts/check-fuses.ts PATH` where PATH is the app's
// executable (Linux, Windows) or its .app bundle (macOS). Exit 0 when every configured fuse reads
// as configured, 1 with one line per difference, 2 when the binary or configuration is unusable.

import { join } from 'node:path';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { FuseState } from '@electron/fuses/dist/constants';
import { getConfig } from 'app-builder-lib/out/util/config/config';

/** electron-builder's names for the fuses (electronFuses keys) and their place on the wire. */
export const FUSE_OPTION: Record<string, FuseV1Options> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

const STATE_WORD: Record<number, string> = {
  [FuseState.ENABLE]: 'on',
  [FuseState.DISABLE]: 'off',
  [FuseState.REMOVED]: 'removed',
  [FuseState.INHERIT]: 'inherit',
};

/** The differences between the configured fuses and the wire read from a binary; empty when none. */
export function fuseProblems(expected: Record<string, boolean>, wire: Record<string, unknown>): string[] {
  if (wire['version'] !== FuseVersion.V1) return [`unknown fuse wire version ${String(wire['version'])}`];
  const problems: string[] = [];
  for (const [name, want] of Object.entries(expected)) {
    const option = FUSE_OPTION[name];
    if (option === undefined) {
      problems.push(`${name}: not a fuse this check knows`);
      continue;
    }
    const state = wire[option] as FuseState | undefined;
    const wanted = want ? FuseState.ENABLE : FuseState.DISABLE;
    if (state === undefined) problems.push(`${name}: not on this binary's fuse wire (expected ${want ? 'on' : 'off'})`);
    else if (state !== wanted)
      problems.push(`${name}: ${STATE_WORD[state] ?? `state ${state}`}, expected ${want ? 'on' : 'off'}`);
  }
  return problems;
}

/** The configured fuses of electron-builder.yml in `root`. */
export async function configuredFuses(root: string): Promise<Record<string, boolean>> {
  const config = (await getConfig(root, join(root, 'electron-builder.yml'), null)) as {
    electronFuses?: Record<string, boolean> | null;
  };
  if (!config.electronFuses || Object.keys(config.electronFuses).length === 0)
    throw new Error('electron-builder.yml configures no electronFuses');
  return config.electronFuses;
}

export async function checkFuses(binary: string, root: string): Promise<string[]> {
  return fuseProblems(
    await configuredFuses(root),
    (await getCurrentFuseWire(binary)) as unknown as Record<string, unknown>,
  );
}

async function main(argv: string[]): Promise<number> {
  if (argv.length !== 1) {
    process.stderr.write('usage: tsx scripts/check-fuses.ts PATH-TO-BUILT-APP (executable, or .app on macOS)\n');
    return 2;
  }
  let problems: string[];
  try {
    problems = await checkFuses(argv[0]!, join(__dirname, '..'));
  } catch (err) {
    process.stderr.write(`check-fuses: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  for (const p of problems) process.stderr.write(`check-fuses: ${argv[0]}: ${p}\n`);
  if (!problems.length) process.stdout.write(`check-fuses: ${argv[0]}: every configured fuse reads as configured\n`);
  return problems.length ? 1 : 0;
}

if (require.main === module) void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
