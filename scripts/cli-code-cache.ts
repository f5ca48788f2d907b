// Build step: the CLI bundle's V8 code cache (main/cli/code-cache.ts says why). Made by a fresh
// Node, the one that builds (a cache fits only the V8 and flags that made it), from a run that
// touches nothing of the builder's: a check of an engine socket that does not exist, with its own
// empty home, state and docker config. Then a second fresh Node must accept it, or the build fails.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VERDICT_EXIT_CODES } from '../main/cli/exit-codes';

/** What the warm-up run may see: nothing of the builder's but PATH. */
function isolatedEnv(dir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: dir,
    USERPROFILE: dir,
    ECI_TRAY_STATE_DIR: join(dir, 'state'),
    DOCKER_CONFIG: join(dir, 'docker-config'),
  };
}

export function makeCliCodeCache(launcher: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'eci-tray-code-cache-'));
  try {
    const none = join(dir, 'none.json');
    const warmUp = ['check', '--json', '--docker-host', `unix://${join(dir, 'no-engine.sock')}`];
    const args = [...warmUp, '--admin-settings', none, '--user-settings', none];
    const node = (code: string) =>
      execFileSync(process.execPath, ['-e', code], { env: isolatedEnv(dir), encoding: 'utf8', stdio: 'pipe' });
    const l = `require(${JSON.stringify(launcher)})`;
    try {
      node(
        `const l = ${l}; l.produceCodeCache(l.CLI_BUNDLE, l.CLI_CODE_CACHE, ${JSON.stringify(args)}, require('node:fs').writeFileSync);`,
      );
    } catch (err) {
      // The warm-up check exits with its verdict's code (engine-unreachable); only a missing cache fails.
      const status = (err as { status?: number }).status;
      if (status !== VERDICT_EXIT_CODES['engine-unreachable'])
        throw new Error(`the warm-up run for the CLI's code cache exited with ${String(status)}`, { cause: err });
    }
    const use = node(`const l = ${l}; process.stdout.write(l.compileBundle(l.CLI_BUNDLE, l.CLI_CODE_CACHE).cache);`);
    if (use !== 'used') throw new Error(`a fresh Node did not take the CLI's code cache (${use})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
