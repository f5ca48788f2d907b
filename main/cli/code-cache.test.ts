// The CLI's code cache: a cache V8 takes is used, any other (made for other text, or not a cache
// at all) is refused and the bundle still runs as itself, and a missing one is no error. Each
// bundle here is a small CommonJS file that reports what it was given.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileBundle, runBundle } from './code-cache';

const BUNDLE = `#!/usr/bin/env node
"use strict";
const { basename } = require('node:path');
const helper = require('./helper.js');
function square(n) { return n * n; }
module.exports = { file: basename(__filename), dir: __dirname, helper, squared: square(7), self: this === exports };
`;

let dir: string;
let bundle: string;
let cache: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eci-code-cache-'));
  bundle = join(dir, 'cli.js');
  cache = `${bundle}.cache`;
  writeFileSync(bundle, BUNDLE);
  writeFileSync(join(dir, 'helper.js'), 'module.exports = "next to the bundle";');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What a correct run of BUNDLE returns, whatever became of the cache. */
const ranAsItself = () => ({ file: 'cli.js', dir, helper: 'next to the bundle', squared: 49, self: true });

/** Compiles and runs the bundle without a cache, then writes the code V8 made for it. */
function makeCache(): void {
  const { script } = compileBundle(bundle, null);
  runBundle(bundle, script);
  writeFileSync(cache, script.createCachedData());
}

describe('the CLI bundle with its code cache', () => {
  it('runs without a cache, as a CommonJS module next to its own files', () => {
    const compiled = compileBundle(bundle, cache);
    expect(compiled.cache).toBe('absent');
    expect(runBundle(bundle, compiled.script)).toEqual(ranAsItself());
  });

  it('uses a cache made for the same text', () => {
    makeCache();
    const compiled = compileBundle(bundle, cache);
    expect(compiled.cache).toBe('used');
    expect(runBundle(bundle, compiled.script)).toEqual(ranAsItself());
  });

  it('refuses a cache made for other text (a bundle rebuilt without its cache) and runs the new text', () => {
    makeCache();
    writeFileSync(bundle, BUNDLE.replace('square(7)', 'square(8)') + '// a longer build\n');
    const compiled = compileBundle(bundle, cache);
    expect(compiled.cache).toBe('rejected');
    expect(runBundle(bundle, compiled.script)).toEqual({ ...ranAsItself(), squared: 64 });
  });

  it('refuses bytes that are not a cache', () => {
    writeFileSync(cache, Buffer.from('not a V8 code cache at all, just some bytes'));
    const compiled = compileBundle(bundle, cache);
    expect(compiled.cache).toBe('rejected');
    expect(runBundle(bundle, compiled.script)).toEqual(ranAsItself());
  });

  it('treats a cache that cannot be read (a folder in its place) as none', () => {
    rmSync(cache, { force: true });
    mkdirSync(cache);
    const compiled = compileBundle(bundle, cache);
    expect(compiled.cache).toBe('absent');
    expect(runBundle(bundle, compiled.script)).toEqual(ranAsItself());
  });

  it('fails loudly when the bundle itself is missing', () => {
    rmSync(bundle);
    expect(() => compileBundle(bundle, cache)).toThrow(/ENOENT/);
  });
});
