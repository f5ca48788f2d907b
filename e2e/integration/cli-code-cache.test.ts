// The built bin (global setup runs `npm run build`): a fresh Node takes the code cache the build
// made, the bin works through a symlink as npm links it, and without its cache it still runs
// and says the same.

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from './helpers';

const BIN_DIR = join(CLI, '..');
const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'eci-cli-bin-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const node = (args: string[]): string => execFileSync(process.execPath, args, { encoding: 'utf8' });

describe('the built eci-tray bin', () => {
  it('is run by a fresh Node with the code cache the build made for it', () => {
    const cacheUse = node([
      '-e',
      `const l = require(${JSON.stringify(CLI)}); process.stdout.write(l.compileBundle(l.CLI_BUNDLE, l.CLI_CODE_CACHE).cache);`,
    ]);
    expect(cacheUse).toBe('used');
  });

  it('runs through a symlink, as npm links a bin', () => {
    const link = join(tempDir(), 'eci-tray');
    symlinkSync(CLI, link);
    expect(node([link, '--version'])).toBe(node([CLI, '--version']));
    expect(node([link, '--version'])).toMatch(/^eci-tray \d+\.\d+\.\d+/);
  });

  it('runs without its cache and says the same', () => {
    const bare = tempDir();
    for (const file of ['eci-tray.js', 'eci-tray-cli.js']) copyFileSync(join(BIN_DIR, file), join(bare, file));
    const withCache = node([CLI, 'check', '--help']);
    expect(node([join(bare, 'eci-tray.js'), 'check', '--help'])).toBe(withCache);
    expect(withCache).toContain('Usage: eci-tray check');
  });
});
