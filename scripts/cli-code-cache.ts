// Build step: the CLI bundle's V8 code cache (main/cli/code-cache.ts says why). Made by a fresh
// Node, the one that builds (a cache fits only the V8 and flags that made it), from a run that
// touches nothing of the builder's: a check of an engine socket that does not exist, with its own
// empty home, state and docker config. Then a second fresh Node must accept it, or the build fails.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VERDICT_EXIT_CODES } from '../main/cli/exit-codes';

/** What the warm-up run may see: nothing of the builder's but PATH (and, on Windows, what Node needs to start). */
function isolatedEnv(dir: string): NodeJS.ProcessEnv {
  const keep = ['PATH', 'SystemRoot', 'TEMP', 'TMP', 'TMPDIR'].filter((k) => process.env[k] !== undefined);
  return {
    ...Object.fromEntries(keep.map((k) => [k, process.env[k]])),
    HOME: dir,
    USERPROFILE: dir,
    ECI_TRAY_STATE_DIR: join(dir, 'state'),
    DOCKER_CONFIG: join(dir, 'docker-config'),
  };
}

/** An engine endpoint where no engine is: a socket in the temporary folder, or a pipe on Windows. */
const noEngine = (dir: string): string =>
  process.platform === 'win32'
    ? `npipe:////./pipe/eci-tray-build-${process.pid}`
    : `unix://${join(dir, 'no-engine.sock')}`;

export function makeCliCodeCache(launcher: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'eci-tray-code-cache-'));
  try {
    const none = join(dir, 'none.json');
    const warmUp = ['check', '--json', '--docker-host', noEngine(dir)];
    const args = [...warmUp, '--admin-settings', none, '--user-settings', none];
    const node = (code: string) =>
      execFileSync(process.execPath, ['-e', code], { env: isolatedEnv(dir), encoding: 'utf8', stdio: 'pipe' });
    const l = `require(${JSON.stringify(launcher)})`;
    try {
      node(
        `const l = ${l}; l.produceCodeCache(l.CLI_BUNDLE, l.CLI_CODE_CACHE, ${JSON.stringify(args)}, require('node:fs').writeFileSync);`,
      );
    } catch (err) {
      // The warm-up check exits with its verdict's code (engine-unreachable here); a usage or an
      // internal error means it did not run as meant.
      const status = (err as { status?: number }).status;
      if (status === undefined || !Object.values(VERDICT_EXIT_CODES).includes(status))
        throw new Error(`the warm-up run for the CLI's code cache exited with ${String(status)}`, { cause: err });
    }
    const use = node(`const l = ${l}; process.stdout.write(l.compileBundle(l.CLI_BUNDLE, l.CLI_CODE_CACHE).cache);`);
    if (use !== 'used') throw new Error(`a fresh Node did not take the CLI's code cache (${use})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
