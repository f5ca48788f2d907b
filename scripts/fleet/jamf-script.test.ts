// fleet/jamf/eci-verdict.sh runs the app as root: it must run only an install that ordinary users
// cannot change. The real script runs here against fake install trees with real owners and modes
// (a second user from useradd); only its two machine constants are pointed at the tree: the
// applications folder and codesign (a fake that says unsigned, valid or broken).

import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertRootOnlyPath, installBundle, jamfScriptFor, type Codesign } from '../../e2e/support/jamf-sandbox';
import { addUser, removeUser, sweepStaleUsers, type TestUser } from '../../e2e/support/local-users';

const PREFIX = 'ecijs';

let base: string;
let apps: string;
let eve: TestUser;
let userHomes: string;

/** A bundle whose executable records that it ran, then prints `output`. */
function installApp(name = 'ECI Tray.app', output = '<result>protected</result>'): { bundle: string; exe: string } {
  return installBundle(apps, name, `echo "$@" >> '${join(base, 'ran')}'\necho '${output}'`);
}

function run(codesign: Codesign = 'unsigned', env: Record<string, string> = {}) {
  const r = spawnSync('/bin/sh', [jamfScriptFor(base, apps, codesign)], {
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', ...env },
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ran: existsSync(join(base, 'ran')) };
}

describe('fleet/jamf/eci-verdict.sh runs only an app users cannot change', () => {
  beforeAll(() => {
    sweepStaleUsers(PREFIX);
    userHomes = mkdtempSync(join(tmpdir(), 'eci-tray-jamf-users-'));
    eve = addUser(userHomes, PREFIX, 'e');
    // Under root's home: every folder above the tree is root's and not writable by others (/tmp is).
    base = mkdtempSync(join(homedir(), '.eci-tray-jamf-'));
    assertRootOnlyPath(base);
  });
  afterAll(() => {
    if (eve) removeUser(eve);
    for (const dir of [base, userHomes]) if (dir) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    apps = join(base, 'Applications');
    rmSync(apps, { recursive: true, force: true });
    rmSync(join(base, 'ran'), { force: true });
    mkdirSync(apps, { mode: 0o775 });
    chmodSync(apps, 0o775); // as on macOS: root:admin, group-writable
    chownSync(apps, 0, 80);
  });

  it('runs a root-owned bundle and stores its verdict', () => {
    installApp();
    const r = run();
    expect(r.stdout).toBe('<result>protected</result>\n');
    expect(r.ran).toBe(true);
    expect(readFileSync(join(base, 'ran'), 'utf8')).toBe('check --for-console-user --format jamf --timeout 120\n');
  });

  it('no app: not-installed', () => {
    expect(run()).toMatchObject({ stdout: '<result>not-installed</result>\n', ran: false });
  });

  it('an app that prints no result: error', () => {
    installApp('ECI Tray.app', 'Segmentation fault');
    expect(run()).toMatchObject({ stdout: '<result>error</result>\n', ran: true });
  });

  const refusals: [string, () => void, RegExp][] = [
    ['the executable owned by a user', () => chownSync(installApp().exe, eve.uid, eve.gid), /owned by root/],
    ['the executable writable by everyone', () => chmodSync(installApp().exe, 0o757), /writable by others/],
    [
      'a framework owned by a user',
      () => chownSync(join(installApp().bundle, 'Contents/Frameworks/Electron Framework'), eve.uid, eve.gid),
      /Electron Framework/,
    ],
    [
      "a folder in the bundle writable by the user's group",
      () => {
        const dir = join(installApp().bundle, 'Contents/MacOS');
        chownSync(dir, 0, eve.gid);
        chmodSync(dir, 0o775);
      },
      /MacOS/,
    ],
    [
      'the executable a symbolic link to a file of the user',
      () => {
        const { exe } = installApp();
        const theirs = join(eve.home, 'evil');
        writeFileSync(theirs, '#!/bin/sh\necho "<result>protected</result>"\n', { mode: 0o755 });
        chownSync(theirs, eve.uid, eve.gid);
        rmSync(exe);
        symlinkSync(theirs, exe);
      },
      /symbolic link/,
    ],
    [
      'the bundle a symbolic link to a folder of the user',
      () => {
        const { bundle } = installApp('Real.app');
        const theirs = join(eve.home, 'ECI Tray.app');
        execFileSync('cp', ['-a', bundle, theirs]);
        execFileSync('chown', ['-R', `${eve.uid}:${eve.gid}`, theirs]);
        symlinkSync(theirs, join(apps, 'ECI Tray.app'));
      },
      /symbolic link/,
    ],
    [
      'the applications folder writable by everyone',
      () => (installApp(), chmodSync(apps, 0o777)),
      /Applications is writable by every user/,
    ],
    [
      'the applications folder owned by a user',
      () => (installApp(), chownSync(apps, eve.uid, eve.gid)),
      /Applications is owned by uid/,
    ],
    ['a broken code signature', () => installApp(), /signature is not valid/],
  ];
  for (const [what, arrange, why] of refusals) {
    it(`refuses ${what}: not-installed, and the app never runs`, () => {
      arrange();
      const r = run(what.includes('signature') ? 'broken' : 'unsigned');
      expect(r.stdout).toBe('<result>not-installed</result>\n');
      expect(r.stderr).toMatch(why);
      expect(r.ran).toBe(false);
      expect(r.code).toBe(0);
    });
  }

  it('a validly signed bundle runs', () => {
    installApp();
    expect(run('valid')).toMatchObject({ stdout: '<result>protected</result>\n', ran: true });
  });

  it('ECI_TRAY_APP: another bundle under the applications folder runs; anywhere else, or with .., it does not', () => {
    mkdirSync(join(apps, 'Utilities'), { mode: 0o755 });
    installApp('Utilities/ECI Tray.app');
    expect(run('unsigned', { ECI_TRAY_APP: join(apps, 'Utilities/ECI Tray.app') })).toMatchObject({
      stdout: '<result>protected</result>\n',
      ran: true,
    });
    rmSync(join(base, 'ran'));

    const theirs = join(eve.home, 'ECI Tray.app');
    for (const elsewhere of [
      theirs,
      join(apps, '..', 'elsewhere', 'ECI Tray.app'),
      join(apps, 'Utilities/ECI Tray.app/Contents/MacOS/ECI Tray'),
    ]) {
      const r = run('unsigned', { ECI_TRAY_APP: elsewhere });
      expect(r.stdout).toBe('<result>not-installed</result>\n');
      expect(r.stderr).toMatch(/bundle under|\.\./);
      expect(r.ran).toBe(false);
    }
  });
});
