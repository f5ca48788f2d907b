// The CLI bundle, compiled with V8's code cache. A cold `eci-tray check` spent about a tenth of
// its time compiling the bundle's JavaScript; V8 can instead load the code it made for that text
// on an earlier run (Node's vm.Script `cachedData`, https://nodejs.org/docs/latest-v20.x/api/vm.html#new-vmscriptcode-options).
// The cache is made once, at build time, next to the bundle (scripts/bundle.ts), and never written
// at run time: the CLI may run as root, and a cache is code, so it comes only from where the
// bundle itself comes from. V8 refuses a cache made for other text, another V8 or other flags
// (`cachedDataRejected`): the bundle is then compiled as usual, only slower.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/** What became of the cache: V8 took it, refused it, or there was none to read. */
export type CacheUse = 'used' | 'rejected' | 'absent';

export interface CompiledBundle {
  script: Script;
  cache: CacheUse;
}

/** The text V8 compiles: the bundle wrapped as Node's CommonJS loader wraps a module (without its `#!` line). */
function wrapped(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${source.replace(/^#!.*/, '')}\n})`;
}

/** The cache file's bytes, or undefined when there is none to read (a missing cache is not an error). */
function readCache(cachePath: string): Buffer | undefined {
  try {
    return readFileSync(cachePath);
  } catch {
    return undefined;
  }
}

/** Compiles the bundle, with its cache when there is one and V8 accepts it (null: compile without). */
export function compileBundle(bundlePath: string, cachePath: string | null): CompiledBundle {
  const source = readFileSync(bundlePath, 'utf8');
  const cachedData = cachePath === null ? undefined : readCache(cachePath);
  const script = new Script(wrapped(source), { filename: bundlePath, ...(cachedData ? { cachedData } : {}) });
  const cache: CacheUse =
    cachedData === undefined ? 'absent' : script.cachedDataRejected === true ? 'rejected' : 'used';
  return { script, cache };
}

type ModuleBody = (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
) => void;

/** Runs a compiled bundle as the CommonJS module at `bundlePath` would run; returns its exports. */
export function runBundle(bundlePath: string, script: Script): unknown {
  const body = script.runInThisContext() as ModuleBody;
  const module = { exports: {} as unknown };
  body.call(module.exports, module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  return module.exports;
}

/**
 * Build time only: runs the bundle with `argv` (a run that touches nothing, such as a check of an
 * engine that is not there) and, as the process exits, writes the code V8 made for it, so the
 * cache holds the functions a check compiles too, not only the top level.
 */
export function produceCodeCache(
  bundlePath: string,
  cachePath: string,
  argv: string[],
  write: (path: string, data: Buffer) => void,
): void {
  const { script } = compileBundle(bundlePath, null);
  process.argv = [process.argv[0] ?? process.execPath, bundlePath, ...argv];
  process.once('exit', () => write(cachePath, script.createCachedData()));
  runBundle(bundlePath, script);
}
