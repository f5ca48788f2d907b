import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AdminEciPolicy, DesiredState } from '../model';
import { interpretAdminSettings, isImagePattern } from './admin-settings';
import { desiredState, reportedDesired } from './desired-state';
import { loadSettings } from './load-settings';
import { MAX_SETTINGS_BYTES, parseSettingsBytes, readSettingsFile } from './settings-file';
import { defaultAdminSettingsPath, defaultUserSettingsPaths } from './settings-paths';
import { interpretUserSettings } from './user-settings';

const utf8 = (s: string) => new TextEncoder().encode(s);
const admin = (text: string | Uint8Array) =>
  interpretAdminSettings(
    parseSettingsBytes(typeof text === 'string' ? utf8(text) : text, '/etc/admin-settings.json', 'admin'),
  );
const user = (text: string) =>
  interpretUserSettings(parseSettingsBytes(utf8(text), '/home/u/settings-store.json', 'user'));

describe('admin-settings.json', () => {
  const cases: Array<[string, string, Partial<AdminEciPolicy> | null]> = [
    ['locked on', '{"enhancedContainerIsolation":{"value":true,"locked":true}}', { value: true, locked: true }],
    ['unlocked off', '{"enhancedContainerIsolation":{"value":false,"locked":false}}', { value: false, locked: false }],
    ['locked missing means unlocked', '{"enhancedContainerIsolation":{"value":true}}', { value: true, locked: false }],
    ['keys any case', '{"EnhancedContainerIsolation":{"Value":true,"LOCKED":true}}', { value: true, locked: true }],
    ['no ECI section', '{"configurationFileVersion":2}', null],
    ['value missing', '{"enhancedContainerIsolation":{"locked":true}}', { value: null, locked: true }],
    [
      'socket allow list',
      '{"enhancedContainerIsolation":{"value":true,"locked":true,"dockerSocketMount":{"imageList":{"images":["docker.io/testcontainers/ryuk:*","*"],"allowDerivedImages":true},"commandList":{"type":"deny","commands":["push"]}}}}',
      {
        socketMountImages: ['docker.io/testcontainers/ryuk:*', '*'],
        allowDerivedImages: true,
        commandList: { type: 'deny', commands: ['push'] },
      },
    ],
    [
      'last duplicate wins',
      '{"enhancedContainerIsolation":{"value":false},"enhancedContainerIsolation":{"value":true,"locked":true}}',
      { value: true, locked: true },
    ],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    const r = admin(text);
    if (expected === null) expect(r.policy).toBeNull();
    else expect(r.policy).toMatchObject(expected);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  const wrong: Array<[string, string, string, number, number]> = [
    [
      'value as string',
      '{"enhancedContainerIsolation": {"value": "true", "locked": true}}',
      'value" must be true or false, found a string',
      1,
      42,
    ],
    [
      'locked as number',
      '{\n "enhancedContainerIsolation": {\n  "value": true,\n  "locked": 1\n }\n}',
      'locked" must be true or false, found a number',
      4,
      13,
    ],
    ['section as bool', '{"enhancedContainerIsolation": true}', 'must be an object', 1, 32],
    ['top level array', '[1]', 'top level', 1, 1],
    [
      'images not array',
      '{"enhancedContainerIsolation":{"value":true,"dockerSocketMount":{"imageList":{"images":"alpine"}}}}',
      'must be an array',
      1,
      88,
    ],
    [
      'command list type',
      '{"enhancedContainerIsolation":{"value":true,"dockerSocketMount":{"commandList":{"type":"maybe","commands":[]}}}}',
      '"allow" or "deny"',
      1,
      88,
    ],
  ];
  it.each(wrong)('reports %s with its location', (_name, text, message, line, column) => {
    const r = admin(text);
    const problem = r.problems.find((p) => p.kind === 'wrong-type');
    expect(problem?.message).toContain(message);
    expect(problem).toMatchObject({ file: '/etc/admin-settings.json', severity: 'error', line, column });
  });

  it('invalid JSON says where and that Docker Desktop will not start', () => {
    const r = admin('{\n  "enhancedContainerIsolation": {\n    "value": true,\n  }\n}');
    expect(r.policy).toBeNull();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ kind: 'invalid-json', line: 4, column: 3, blocksDockerDesktop: true });
    expect(r.problems[0]!.message).toMatch(/Trailing comma.*line 4, column 3.*Docker Desktop will not start/);
  });

  it('a BOM in admin-settings.json blocks Docker Desktop (docker/for-win#14950); the rest is still read', () => {
    const r = admin(
      new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{"enhancedContainerIsolation":{"value":true,"locked":true}}')]),
    );
    expect(r.policy).toMatchObject({ value: true, locked: true });
    expect(r.problems).toEqual([
      expect.objectContaining({ kind: 'encoding', severity: 'error', blocksDockerDesktop: true, line: 1, column: 1 }),
    ]);
    expect(r.problems[0]!.message).toMatch(/UTF-8 without BOM.*Docker Desktop will not start/);
  });

  it("a BOM in the user's settings file (Desktop's own) is only a warning", () => {
    const parsed = parseSettingsBytes(
      new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{"EnhancedContainerIsolation":true}')]),
      '/u/settings-store.json',
      'user',
    );
    expect(parsed.problems).toEqual([expect.objectContaining({ kind: 'encoding', severity: 'warning' })]);
    expect(parsed.problems[0]!.blocksDockerDesktop).toBeUndefined();
  });

  it('UTF-16 is refused with a clear reason', () => {
    const r = admin(new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]));
    expect(r.policy).toBeNull();
    expect(r.problems[0]).toMatchObject({ kind: 'encoding', severity: 'error', blocksDockerDesktop: true });
    expect(r.problems[0]!.message).toContain('UTF-16');
  });

  it('invalid UTF-8 says at which byte', () => {
    const r = admin(new Uint8Array([...utf8('{"a":"'), 0xc3, 0x28, ...utf8('"}')]));
    expect(r.problems[0]!.message).toContain('offset 6');
  });

  it('flags strings that are not image patterns', () => {
    expect(isImagePattern('docker.io/library/alpine:3.20')).toBe(true);
    expect(isImagePattern('myregistry:5000/team/app:*')).toBe(true);
    expect(isImagePattern('alpine@sha256:' + 'a'.repeat(64))).toBe(true);
    expect(isImagePattern('*')).toBe(true);
    expect(isImagePattern('testcontainers/*:*')).toBe(true);
    expect(isImagePattern('your-registry.com/ci-tools/*:*')).toBe(true);
    expect(isImagePattern('not an image')).toBe(false);
    expect(isImagePattern('')).toBe(false);
  });
});

describe('user settings', () => {
  const cases: Array<[string, string, boolean | null, number]> = [
    ['settings-store.json PascalCase', '{"EnhancedContainerIsolation": true}', true, 0],
    ['settings.json camelCase', '{"enhancedContainerIsolation": false}', false, 0],
    ['absent', '{"AutoStart": true}', null, 0],
    ['wrong type', '{"EnhancedContainerIsolation": "yes"}', null, 1],
    ['not an object', '"x"', null, 1],
    ['invalid JSON', '{"EnhancedContainerIsolation": true', null, 1],
  ];
  it.each(cases)('%s', (_name, text, eci, problems) => {
    const r = user(text);
    expect(r.eci).toBe(eci);
    expect(r.problems).toHaveLength(problems);
    for (const p of r.problems) expect(p.blocksDockerDesktop).toBeUndefined();
  });
});

describe('desired state', () => {
  const policy = (value: boolean | null, locked: boolean): AdminEciPolicy => ({
    value,
    locked,
    socketMountImages: [],
    allowDerivedImages: null,
    commandList: null,
  });
  const A = '/admin.json';
  const U = '/settings-store.json';
  const cases: Array<[string, AdminEciPolicy | null, boolean | null, DesiredState]> = [
    ['nothing set: default off', null, null, { eci: false, source: 'default' }],
    ['locked admin on beats user off', policy(true, true), false, { eci: true, source: 'admin-locked', file: A }],
    ['locked admin off beats user on', policy(false, true), true, { eci: false, source: 'admin-locked', file: A }],
    // Documented precedence, with the other candidate carried: the files cannot prove the user set it.
    [
      'unlocked admin is overridden by a user value',
      policy(true, false),
      false,
      { eci: false, source: 'user', file: U, contested: { eci: true, source: 'admin-unlocked', file: A } },
    ],
    [
      'unlocked admin applies when the user never set it',
      policy(true, false),
      null,
      { eci: true, source: 'admin-unlocked', file: A },
    ],
    ['user only', null, true, { eci: true, source: 'user', file: U }],
    ['locked admin without a value: user decides', policy(null, true), true, { eci: true, source: 'user', file: U }],
  ];
  it.each(cases)('%s', (_name, adminPolicy, userEci, expected) => {
    expect(desiredState({ admin: { file: A, policy: adminPolicy }, user: { file: U, eci: userEci } })).toEqual(
      expected,
    );
  });

  it('reports "not found locally" when ECI is on with no local source', () => {
    expect(reportedDesired({ eci: false, source: 'default' }, true)).toEqual({
      eci: null,
      source: 'not-found-locally',
    });
    expect(reportedDesired({ eci: false, source: 'default' }, false)).toEqual({ eci: false, source: 'default' });
    expect(reportedDesired({ eci: true, source: 'user', file: U }, true)).toEqual({
      eci: true,
      source: 'user',
      file: U,
    });
  });
});

describe('default paths', () => {
  it.each([
    ['darwin', '/Library/Application Support/com.docker.docker/admin-settings.json'],
    ['win32', 'C:\\ProgramData\\DockerDesktop\\admin-settings.json'],
    ['linux', '/usr/share/docker-desktop/admin-settings.json'],
  ] as const)('admin on %s', (platform, path) => expect(defaultAdminSettingsPath(platform)).toBe(path));

  it('user settings: settings-store.json first, every documented folder', () => {
    expect(defaultUserSettingsPaths({ platform: 'darwin', home: '/Users/a', env: {} })).toEqual([
      '/Users/a/Library/Group Containers/group.com.docker/settings-store.json',
      '/Users/a/Library/Application Support/Docker/settings-store.json',
      '/Users/a/Library/Group Containers/group.com.docker/settings.json',
      '/Users/a/Library/Application Support/Docker/settings.json',
    ]);
    expect(
      defaultUserSettingsPaths({
        platform: 'win32',
        home: 'C:\\Users\\a',
        env: { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' },
      }),
    ).toEqual([
      'C:\\Users\\a\\AppData\\Roaming\\Docker\\settings-store.json',
      'C:\\Users\\a\\AppData\\Roaming\\Docker\\settings.json',
    ]);
    expect(defaultUserSettingsPaths({ platform: 'linux', home: '/home/a', env: {} })).toEqual([
      '/home/a/.docker/desktop/settings-store.json',
      '/home/a/.docker/desktop/settings.json',
    ]);
  });
});

describe('reading files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eci-settings-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a missing file is "not configured", not a problem', async () => {
    const r = await readSettingsFile(join(dir, 'nope.json'), 'admin');
    expect(r).toMatchObject({ found: false, problems: [] });
  });

  it('a directory is reported as not a file', async () => {
    mkdirSync(join(dir, 'adir'));
    const r = await readSettingsFile(join(dir, 'adir'), 'admin');
    expect(r.problems[0]).toMatchObject({ kind: 'not-a-file', file: join(dir, 'adir') });
  });

  it('a symlink loop is reported as unreadable', async () => {
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    const r = await readSettingsFile(join(dir, 'loop-a'), 'user');
    expect(r.problems[0]).toMatchObject({ kind: 'unreadable' });
    expect(r.problems[0]!.message).toContain('symlink loop');
  });

  it('a file over the size limit is not read', async () => {
    const path = join(dir, 'huge.json');
    writeFileSync(path, Buffer.alloc(MAX_SETTINGS_BYTES + 10, 0x20));
    const r = await readSettingsFile(path, 'admin');
    expect(r.problems[0]).toMatchObject({ kind: 'too-large' });
  });

  it('an unreadable file is reported', async () => {
    const path = join(dir, 'secret.json');
    writeFileSync(path, '{}');
    chmodSync(path, 0);
    let result: unknown;
    if (process.getuid?.() !== 0) {
      result = await readSettingsFile(path, 'admin');
    } else {
      // Root reads every file; drop the capabilities that let it, so mode 000 means "no".
      const script = `require(${JSON.stringify(join(__dirname, 'settings-file.ts'))})
        .readSettingsFile(${JSON.stringify(path)}, 'admin').then((r) => process.stdout.write(JSON.stringify(r)));`;
      const out = execFileSync(
        'setpriv',
        ['--bounding-set', '-dac_override,-dac_read_search', process.execPath, '--import', 'tsx', '-e', script],
        { encoding: 'utf8' },
      );
      result = JSON.parse(out);
    }
    expect((result as { problems: unknown[] }).problems[0]).toMatchObject({
      kind: 'unreadable',
      message: expect.stringContaining('Permission denied'),
    });
  });

  it('loadSettings takes the first user file that exists and reports both files', async () => {
    const adminPath = join(dir, 'admin-settings.json');
    const userPath = join(dir, 'settings-store.json');
    writeFileSync(adminPath, '{"enhancedContainerIsolation":{"value":true,"locked":false}}');
    writeFileSync(userPath, '{"EnhancedContainerIsolation":false}');
    const s = await loadSettings({ adminSettings: adminPath, userSettings: userPath });
    expect(s.desired).toEqual({
      eci: false,
      source: 'user',
      file: userPath,
      contested: { eci: true, source: 'admin-unlocked', file: adminPath },
    });
    expect(s.files).toEqual([
      { role: 'admin', path: adminPath, found: true },
      { role: 'user', path: userPath, found: true },
    ]);
    const fallback = await loadSettings({ adminSettings: adminPath }, { platform: 'linux', home: dir, env: {} });
    expect(fallback.files[1]).toEqual({
      role: 'user',
      path: join(dir, '.docker/desktop/settings-store.json'),
      found: false,
    });
    mkdirSync(join(dir, '.docker/desktop'), { recursive: true });
    writeFileSync(join(dir, '.docker/desktop/settings.json'), '{"enhancedContainerIsolation":true}');
    const old = await loadSettings({ adminSettings: adminPath }, { platform: 'linux', home: dir, env: {} });
    expect(old.desired).toEqual({ eci: true, source: 'user', file: join(dir, '.docker/desktop/settings.json') });
  });
});

describe('a file with very many problems', () => {
  it('lists the first ones and sums up the rest', () => {
    const images = Array.from({ length: 5000 }, () => 1);
    const r = admin(
      JSON.stringify({ enhancedContainerIsolation: { value: true, dockerSocketMount: { imageList: { images } } } }),
    );
    expect(r.problems).toHaveLength(50);
    expect(r.problems[48]).toMatchObject({ kind: 'wrong-type', line: 1 });
    expect(r.problems[49]).toMatchObject({ severity: 'error', message: '...and 4951 more problems in this file.' });
  });
});
