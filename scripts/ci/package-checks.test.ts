// The packaging job's fuse check, run here on a stand-in binary: a file that carries Electron's
// fuse sentinel and wire exactly as an Electron binary does (what @electron/fuses reads and
// flips), flipped with @electron/fuses itself to the configuration in electron-builder.yml.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetPackage, fuseMismatches, unpackedApp } from './package-checks';

const ROOT = join(__dirname, '..', '..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
let dir = '';
let configured: Record<string, boolean> = {};

/** Bytes around a version-1 wire of 8 fuses, all as Electron ships them (the defaults: '1' on for the first four, '0' off for the rest). */
function fakeBinary(path: string): void {
  writeFileSync(path, Buffer.concat([Buffer.from('ELF...code...'), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('11110000'), Buffer.from('...more code')]));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eci-fuses-'));
  const c = (await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null)) as { electronFuses?: Record<string, boolean> };
  configured = c.electronFuses ?? {};
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fuses read back from the built binary', () => {
  it('the configuration sets the fuses the app relies on', () => {
    expect(configured).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true });
  });

  it('a binary as electron-builder flips it: no mismatch', async () => {
    const bin = join(dir, 'flipped');
    fakeBinary(bin);
    await flipFuses(bin, {
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: configured['runAsNode'],
      [FuseV1Options.EnableCookieEncryption]: configured['enableCookieEncryption'],
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: configured['enableNodeOptionsEnvironmentVariable'],
      [FuseV1Options.EnableNodeCliInspectArguments]: configured['enableNodeCliInspectArguments'],
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: configured['enableEmbeddedAsarIntegrityValidation'],
      [FuseV1Options.OnlyLoadAppFromAsar]: configured['onlyLoadAppFromAsar'],
    });
    expect(await fuseMismatches(bin, configured)).toEqual([]);
  });

  it('a binary left as Electron ships it: each fuse not flipped is named', async () => {
    const bin = join(dir, 'stock');
    fakeBinary(bin);
    expect(await fuseMismatches(bin, configured)).toEqual(
      expect.arrayContaining([
        'runAsNode: configured off, the binary has it on',
        'enableNodeOptionsEnvironmentVariable: configured off, the binary has it on',
        'onlyLoadAppFromAsar: configured on, the binary has it off',
      ]),
    );
  });

  it('a file with no fuse wire is an error, not a pass', async () => {
    const bin = join(dir, 'not-electron');
    writeFileSync(bin, 'no sentinel here');
    await expect(fuseMismatches(bin, configured)).rejects.toThrow();
  });
});

describe('where the packages are', () => {
  it('finds the unpacked app and the one per-machine package per OS, and says what is missing', () => {
    const out = join(dir, 'out');
    mkdirSync(join(out, 'linux-unpacked'), { recursive: true });
    writeFileSync(join(out, 'linux-unpacked', 'eci-tray'), '');
    writeFileSync(join(out, 'eci-tray_0.1.0_amd64.deb'), '');
    expect(unpackedApp(out, 'linux')).toBe(join(out, 'linux-unpacked', 'eci-tray'));
    expect(fleetPackage(out, 'linux')).toBe(join(out, 'eci-tray_0.1.0_amd64.deb'));
    expect(() => unpackedApp(out, 'win32')).toThrow(`no unpacked app in ${out}`);
    expect(() => fleetPackage(out, 'darwin')).toThrow(`expected one .pkg in ${out}, found none`);
  });
});
