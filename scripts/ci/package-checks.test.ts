// Where the packaging job looks for what electron-builder built (the fuse check has its own test,
// scripts/check-fuses.test.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetPackage, unpackedApp } from './package-checks';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eci-packages-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
