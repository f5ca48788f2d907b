// The installed app as a command: the deb's /usr/bin/eci-tray and its launcher, checked offline
// (electron-builder's config, its script templates filled the way it fills them) and by running
// the real launcher script against a stand-in app binary that prints what it was given.

import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliArgs } from './cli-invocation';

const ROOT = join(__dirname, '..', '..');
const LAUNCHER = join(ROOT, 'build', 'linux', 'eci-tray');

/** What electron-builder's FpmTarget does to a script template (macros ${name}; unknown ones fail). */
function fillTemplate(path: string, values: Record<string, string>): string {
  return readFileSync(path, 'utf8').replace(/\$\{([a-zA-Z]+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`Macro ${name} is not defined`);
    return values[name]!;
  });
}

describe('the deb installs /usr/bin/eci-tray', { timeout: 60_000 }, () => {
  let c: Record<string, any>;
  beforeAll(async () => {
    c = (await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null)) as Record<string, any>;
  });

  it('names the binary eci-tray and ships the launcher as a resource', () => {
    expect(c['linux'].executableName).toBe('eci-tray');
    expect(c['linux'].extraResources).toEqual([{ from: 'build/linux/eci-tray', to: 'bin/eci-tray' }]);
    expect(existsSync(join(ROOT, c['linux'].extraResources[0].from))).toBe(true);
  });

  it('after install, /usr/bin/eci-tray points at the launcher; after removal the link goes', () => {
    const values = { executable: 'eci-tray', sanitizedProductName: 'ECI Tray', productFilename: 'ECI Tray' };
    const install = fillTemplate(join(ROOT, c['deb'].afterInstall), values);
    const remove = fillTemplate(join(ROOT, c['deb'].afterRemove), values);
    expect(install).toContain(
      "update-alternatives --install '/usr/bin/eci-tray' 'eci-tray' '/opt/ECI Tray/resources/bin/eci-tray' 100",
    );
    expect(install).toContain("ln -sf '/opt/ECI Tray/resources/bin/eci-tray' '/usr/bin/eci-tray'");
    expect(install).toContain("chmod 0755 '/opt/ECI Tray/resources/bin/eci-tray'");
    // electron-builder's own steps are kept: the chrome-sandbox mode and the AppArmor profile.
    expect(install).toContain('chrome-sandbox');
    expect(install).toContain('apparmor_parser');
    expect(remove).toContain("update-alternatives --remove 'eci-tray' '/opt/ECI Tray/resources/bin/eci-tray'");
    for (const script of [install, remove]) expect(spawnSync('bash', ['-n'], { input: script }).status).toBe(0);
  });
});

describe('the launcher', () => {
  let dir: string;
  let bin: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'eci-tray-launcher-'));
    chmodSync(dir, 0o755);
    const app = join(dir, 'opt', 'ECI Tray');
    mkdirSync(join(app, 'resources', 'bin'), { recursive: true });
    // Stands in for the Electron binary: prints each argument on its own line.
    writeFileSync(join(app, 'eci-tray'), '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n', { mode: 0o755 });
    copyFileSync(LAUNCHER, join(app, 'resources', 'bin', 'eci-tray'));
    chmodSync(join(app, 'resources', 'bin', 'eci-tray'), 0o755);
    mkdirSync(join(dir, 'usr', 'bin'), { recursive: true });
    bin = join(dir, 'usr', 'bin', 'eci-tray');
    symlinkSync(join(app, 'resources', 'bin', 'eci-tray'), bin);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const argsSeen = (output: string) => (output === '' ? [] : output.replace(/\n$/, '').split('\n'));

  it.each([
    [
      ['check', '--json'],
      ['--no-sandbox', '--ozone-platform=headless', '--disable-gpu', 'check', '--json'],
    ],
    [
      ['check', '--for-user', 'Ann Smith', '--format', 'jamf'],
      [
        '--no-sandbox',
        '--ozone-platform=headless',
        '--disable-gpu',
        'check',
        '--for-user',
        'Ann Smith',
        '--format',
        'jamf',
      ],
    ],
    [[], []],
  ])('as root, %j reaches the app as %j, and the app reads the command back', (args, seen) => {
    const out = execFileSync(bin, args, { encoding: 'utf8' });
    expect(argsSeen(out)).toEqual(seen);
    expect(cliArgs(['/opt/ECI Tray/eci-tray', ...argsSeen(out)], false)).toEqual(args.length ? args : null);
  });

  it('as another user, the sandbox stays on', () => {
    const r = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', bin, 'check'], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(argsSeen(r.stdout)).toEqual(['--ozone-platform=headless', '--disable-gpu', 'check']);
  });
});
