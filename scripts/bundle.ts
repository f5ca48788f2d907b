// Bundles the entry points with esbuild. The CLI is one file: a cold `eci-tray check` spends most
// of its start-up resolving and loading hundreds of small modules otherwise; a small launcher (the
// bin) runs it with a V8 code cache made here (scripts/cli-code-cache.ts). dockerode's SSH
// transport and BuildKit session support (ssh2, gRPC, protobuf) are never used by ECI Tray, so
// they are replaced by stubs that fail loudly if anything ever reaches them.

import { build, type Plugin } from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeCliCodeCache } from './cli-code-cache';

const ROOT = join(__dirname, '..');
const UNUSED = /^(ssh2|@grpc\/grpc-js|@grpc\/proto-loader|protobufjs)$/;

export const stubUnused: Plugin = {
  name: 'stub-unused',
  setup(b) {
    b.onResolve({ filter: UNUSED }, (args) => ({ path: args.path, namespace: 'unused' }));
    b.onLoad({ filter: /.*/, namespace: 'unused' }, (args) => ({
      loader: 'js',
      contents: `module.exports = new Proxy({}, { get(_, key) {
        if (key === '__esModule') return false;
        return function () { throw new Error(${JSON.stringify(args.path)} + ' is not included in ECI Tray'); };
      } });`,
    }));
  },
};

/**
 * jsonc-parser's "main" is a UMD build whose inner require('./impl/...') calls esbuild cannot follow
 * (the bundle then fails at run time with "Cannot find module './impl/format'"): bundle its ES build.
 */
const ALIAS = { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' };

async function main(): Promise<void> {
  const bin = join(ROOT, 'dist', 'bin');
  await build({
    entryPoints: [join(ROOT, 'main', 'cli.ts')],
    outfile: join(bin, 'eci-tray-cli.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    // node-notifier finds its helper binaries next to its own files: it stays a real module.
    external: ['node-notifier'],
    alias: ALIAS,
    plugins: [stubUnused],
    logLevel: 'warning',
  });
  const launcher = join(bin, 'eci-tray.js');
  await build({
    entryPoints: [join(ROOT, 'main', 'cli-launcher.ts')],
    outfile: launcher,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  chmodSync(launcher, 0o755);
  makeCliCodeCache(launcher);

  // The Electron main process, with `electron` left to the runtime.
  await build({
    entryPoints: [join(ROOT, 'main', 'app', 'main.ts')],
    outfile: join(ROOT, 'dist', 'app', 'main.js'),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['electron', 'node-notifier'],
    alias: ALIAS,
    plugins: [stubUnused],
    logLevel: 'warning',
  });

  // The preload: one CommonJS file (sandboxed preloads cannot load modules).
  await build({
    entryPoints: [join(ROOT, 'main', 'app', 'preload.ts')],
    outfile: join(ROOT, 'dist', 'preload', 'preload.js'),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['electron'],
    logLevel: 'warning',
  });

  await bundleRenderer();
}

/**
 * Each window page is a folder renderer/<page>/ with index.html and page.ts. The script is
 * bundled as a classic IIFE (ES modules do not load over file:// in Chromium); the HTML and the
 * shared stylesheet are copied next to it. Nothing is loaded from the network.
 */
async function bundleRenderer(): Promise<void> {
  const src = join(ROOT, 'renderer');
  if (!existsSync(src)) return;
  const out = join(ROOT, 'dist', 'renderer');
  for (const page of readdirSync(src, { withFileTypes: true })) {
    if (!page.isDirectory() || !existsSync(join(src, page.name, 'page.ts'))) continue;
    mkdirSync(join(out, page.name), { recursive: true });
    await build({
      entryPoints: [join(src, page.name, 'page.ts')],
      outfile: join(out, page.name, 'page.js'),
      bundle: true,
      platform: 'browser',
      target: 'chrome120',
      format: 'iife',
      minify: true,
      logLevel: 'warning',
    });
    for (const file of readdirSync(join(src, page.name)))
      if (/\.(html|css|svg|png)$/.test(file)) copyFileSync(join(src, page.name, file), join(out, page.name, file));
  }
  const common = join(src, 'common');
  if (existsSync(common)) {
    mkdirSync(join(out, 'common'), { recursive: true });
    for (const file of readdirSync(common))
      if (/\.(css|svg|png)$/.test(file)) copyFileSync(join(common, file), join(out, 'common', file));
    // The tray's glyphs (colour, not the macOS template ones): the top of each page shows the same icon.
    const tray = join(ROOT, 'assets', 'tray');
    for (const file of readdirSync(tray))
      if (/^tray[A-Za-z]+@2x\.png$/.test(file) && !file.includes('Template'))
        copyFileSync(join(tray, file), join(out, 'common', file));
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bundle: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
