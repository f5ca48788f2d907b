// electron-builder.yml, validated offline with app-builder-lib's own schema check (building
// packages downloads Electron, which this machine cannot), plus the choices the product needs.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');

// The first validation compiles electron-builder's JSON schema: seconds on a busy machine.
describe('electron-builder.yml', { timeout: 60_000 }, () => {
  it('passes electron-builder validation', async () => {
    const config = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('rejects a broken configuration (the check is real)', async () => {
    await expect(validateConfiguration({ mac: { target: 42 } } as never, new DebugLogger(false))).rejects.toThrow(
      /configuration/i,
    );
  });

  it('builds what the product needs', async () => {
    const c = (await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null)) as Record<string, any>;
    expect(c['appId']).toBe('io.ecitray.app');
    expect(c['npmRebuild']).toBe(false);
    expect(c['mac'].extendInfo.LSUIElement).toBe(true);
    expect(c['mac'].target).toEqual(['dmg', 'zip', 'pkg']);
    expect(c['win'].target).toEqual(['nsis', 'msi']);
    expect(c['linux'].target).toEqual(['AppImage', 'deb']);
    expect(c['deb'].depends).toContain('libnotify-bin');
    expect(c['asarUnpack']).toContain('node_modules/node-notifier/vendor/**');
    expect(c['files'][0].filter).toEqual(
      expect.arrayContaining(['dist/app/**', 'dist/preload/**', 'dist/renderer/**', 'assets/**']),
    );
  });

  // The fleet scripts run only a per-machine install as root or SYSTEM (docs/FLEET.md).
  it('offers per-machine packages for fleets: an MSI for all users, a pkg only into /Applications', async () => {
    const c = (await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null)) as Record<string, any>;
    expect(c['msi']).toMatchObject({ perMachine: true });
    expect(c['pkg']).toMatchObject({
      installLocation: '/Applications',
      allowCurrentUserHome: false,
      allowAnywhere: false,
      isRelocatable: false,
    });
  });

  it('flips the Electron fuses that close the ways to run other code as the app', async () => {
    const c = (await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null)) as Record<string, any>;
    expect(c['electronFuses']).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('a misspelled fuse is refused by the validation (the fuse block is checked, not ignored)', async () => {
    const config = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
    const broken = {
      ...config,
      electronFuses: { ...(config as Record<string, any>)['electronFuses'], runAsNodeX: false },
    };
    await expect(validateConfiguration(broken as never, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('signs macOS builds with the hardened runtime and only the JIT entitlement Electron needs', async () => {
    const c = (await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null)) as Record<string, any>;
    expect(c['mac']).toMatchObject({
      hardenedRuntime: true,
      notarize: true,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
    });
    const plist = readFileSync(join(ROOT, c['mac'].entitlements), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<(true|false)\/>/g)].map((m) => [m[1], m[2]]);
    expect(keys).toEqual([['com.apple.security.cs.allow-jit', 'true']]);
    // No certificate or password in the configuration: signing material comes from the environment.
    expect(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')).not.toMatch(
      /^\s*(cscLink|cscKeyPassword|certificatePassword|certificateFile|identity)\s*:/m,
    );
  });

  // dockerode is bundled into dist/ at build time; only node-notifier ships as a module.
  it('the app has no native modules to rebuild', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; optional?: boolean; hasInstallScript?: boolean }>;
    };
    const nativeRuntime = Object.entries(lock.packages).filter(
      ([name, p]) => name && !p.dev && !p.optional && p.hasInstallScript,
    );
    expect(nativeRuntime.map(([n]) => n)).toEqual([]);
  });
});
