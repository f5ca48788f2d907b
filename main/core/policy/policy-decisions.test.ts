// The pure decisions behind `eci-tray policy`, as tables: "did you mean", image pattern syntax,
// CIDR, layout detection, the rights to write, and how findings add up to an outcome.

import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from './did-you-mean';
import { DOCUMENTED_SETTINGS } from './documented-keys';
import { detectFormat } from './file-format';
import { checkImagePattern } from '../settings/image-pattern-syntax';
import { outcomeOf, type FindingLevel } from './policy-findings';
import { isCidr } from './validate-policy';
import { writeRefusal, type RightsInputs } from './write-rights';

const KEYS = Object.keys(DOCUMENTED_SETTINGS);

describe('did you mean', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['same', 'same', 0],
    ['imageLists', 'imageList', 1],
  ])('editDistance(%s, %s) = %i', (a, b, d) => expect(editDistance(a, b)).toBe(d));

  it.each([
    ['enhancedContainerIsolaton', 'enhancedContainerIsolation'],
    ['EnhancedContainerIsolation', 'enhancedContainerIsolation'],
    ['enhancedcontainerisolation', 'enhancedContainerIsolation'],
    ['analyticEnabled', 'analyticsEnabled'],
    ['disableUpdates', 'disableUpdate'],
    ['configurationFileVerison', 'configurationFileVersion'],
    ['containerProxy', 'containersProxy'],
    ['useGrpcFuse', 'useGrpcfuse'],
    ['foo', null],
    ['settingsVersion', null],
    ['eci', null],
  ])('%s -> %s', (key, expected) => expect(didYouMean(key, KEYS)).toBe(expected));
});

describe('image pattern syntax', () => {
  it.each([
    ['*', true],
    ['alpine', true],
    ['docker:cli', true],
    ['docker.io/testcontainers/ryuk:*', true],
    ['testcontainers/*:*', true],
    ['your-registry.com/ci-tools/*:*', true],
    ['registry.internal:5000/tools/cli:27.3', true],
    ['localhost/ci-agent', true],
    ['alpine@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1', true],
    ['My.Registry.example/app:1', true],
  ])('%s is documented syntax', (pattern, ok) => expect(checkImagePattern(pattern).ok).toBe(ok));

  it.each([
    ['', false, 'empty'],
    ['docker cli', false, 'white space'],
    ['MyOrg/tool', false, 'upper-case'],
    ['alpine@sha256:1234', false, '64 lower-case hex'],
    ['alpine@latest', false, 'not a digest'],
    ['alpine:*@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1', false, 'combines'],
    ['org//app', false, 'empty name component'],
    ['alpine:', false, 'not a valid tag'],
    ['alpine:-bad', false, 'not a valid tag'],
    ['a@b@c', false, 'more than one'],
    ['testcontainers/ryuk*:*', true, 'inside a name component'],
    ['alpine:3.*', true, 'mixes'],
  ])('%s is refused (undocumented wildcard: %s): %s', (pattern, undocumented, reason) => {
    const v = checkImagePattern(pattern);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.undocumented).toBe(undocumented);
      expect(v.reason).toContain(reason);
    }
  });
});

describe('CIDR', () => {
  it.each([
    ['192.168.65.0/24', true],
    ['10.0.0.0/8', true],
    ['fd00::/64', true],
    ['192.168.65.0', false],
    ['192.168.65.0/33', false],
    ['300.1.1.1/24', false],
    ['fd00::/129', false],
    ['a/b/c', false],
  ])('%s -> %s', (text, ok) => expect(isCidr(text)).toBe(ok));
});

describe('layout detection', () => {
  it.each([
    ['{\n  "a": {\n    "b": 1\n  }\n}\n', { insertSpaces: true, tabSize: 2, eol: '\n' }],
    ['{\n    "a": {\n        "b": 1\n    }\n}\n', { insertSpaces: true, tabSize: 4, eol: '\n' }],
    ['{\n\t"a": {\n\t\t"b": 1\n\t}\n}\n', { insertSpaces: false, tabSize: 4, eol: '\n' }],
    ['{\r\n  "a": 1\r\n}\r\n', { insertSpaces: true, tabSize: 2, eol: '\r\n' }],
    ['      {\n        "a": {\n          "b": 1\n        }\n      }\n', { insertSpaces: true, tabSize: 2, eol: '\n' }],
    ['{"a": 1}', { insertSpaces: true, tabSize: 2, eol: '\n' }],
  ])('%j', (text, format) => expect(detectFormat(text)).toEqual(format));
});

describe('the rights to replace the admin file', () => {
  const base: RightsInputs = {
    platform: 'linux',
    uid: 501,
    groups: [20],
    filePath: '/etc/x/admin-settings.json',
    file: { uid: 0, gid: 0, mode: 0o644 },
    dirPath: '/etc/x',
    dir: { uid: 0, gid: 0, mode: 0o755 },
  };
  it.each<[string, Partial<RightsInputs>, string | null]>([
    ['root may always', { uid: 0, groups: [0] }, null],
    ['Windows: the write itself answers', { platform: 'win32' }, null],
    ['a user, root-owned folder', {}, 'cannot create files in /etc/x'],
    [
      'a user, own folder and file',
      { dir: { uid: 501, gid: 20, mode: 0o755 }, file: { uid: 501, gid: 20, mode: 0o644 } },
      null,
    ],
    ['a user, own folder, root file read-only', { dir: { uid: 501, gid: 20, mode: 0o755 } }, 'may not write'],
    [
      'a user, group-writable folder and file owned by another',
      { dir: { uid: 0, gid: 20, mode: 0o775 }, file: { uid: 0, gid: 20, mode: 0o664 } },
      'would make it yours',
    ],
    ['a user creating in their own folder', { dir: { uid: 501, gid: 20, mode: 0o700 }, file: null }, null],
    ['a user, folder missing', { dir: null, file: null }, 'does not exist'],
    [
      'root, folder missing: never created behind the admin',
      { uid: 0, groups: [0], dir: null, file: null },
      'does not exist',
    ],
    [
      'a user, folder writable but not searchable',
      { dir: { uid: 501, gid: 20, mode: 0o600 }, file: null },
      'cannot create files',
    ],
  ])('%s', (_name, over, expected) => {
    const refusal = writeRefusal({ ...base, ...over });
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toContain(expected);
  });
});

describe('findings add up to one outcome (the worst decides)', () => {
  const f = (level: FindingLevel) => ({ level, code: 'x', message: 'x' });
  it.each<[FindingLevel[], string]>([
    [[], 'valid'],
    [['note'], 'valid'],
    [['note', 'ignored'], 'ignored-parts'],
    [['ignored', 'uncertain'], 'uncertain'],
    [['uncertain', 'rejected', 'note'], 'rejected'],
  ])('%j -> %s', (levels, outcome) => expect(outcomeOf(levels.map(f))).toBe(outcome));
});
