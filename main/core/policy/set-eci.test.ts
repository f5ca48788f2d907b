// `policy set-eci` round trips on real files: every unrelated key and line kept, the file's own
// indentation (2 spaces, 4 spaces, tabs) and line ending (CRLF) kept, owner/mode kept, a backup
// identical to the original, and refusals that leave the file as it was.

import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setEci } from './set-eci';
import { validatePolicyBytes } from './validate-policy';

const FIXTURES = join(__dirname, '..', '..', '..', 'e2e', 'fixtures', 'policy');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eci-policy-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function place(fixture: string, mode = 0o640): { path: string; original: Buffer } {
  const original = readFileSync(join(FIXTURES, fixture));
  const path = join(dir, 'admin-settings.json');
  writeFileSync(path, original);
  chmodSync(path, mode);
  return { path, original };
}

/** `sub` appears in `all` in order (not necessarily contiguous). */
function isSubsequence(sub: string[], all: string[]): boolean {
  let i = 0;
  for (const line of all) if (line === sub[i]) i++;
  return i === sub.length;
}

/** The lines before and after the (multi-line or one-line) ECI section: the edit must not touch them. */
function outsideEciSection(all: string[]): string[] {
  const start = all.findIndex((l) => l.includes('"enhancedContainerIsolation"'));
  if (start < 0) return all;
  const indent = (/^[ \t]*/.exec(all[start] as string) as RegExpExecArray)[0];
  let end = start;
  if (!/[}],?\s*$/.test(all[start] as string))
    while (end < all.length && !/^[}],?$/.test((all[end] as string).slice(indent.length))) end++;
  return [...all.slice(0, start), ...all.slice(end + 1)];
}

const withoutEci = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'enhancedContainerIsolation'));

describe('round trips keep every other key and the layout', () => {
  it.each([
    ['good/eci-locked-minimal.json', /^( {2})*$/, '\n'],
    ['good/four-spaces.json', /^( {4})*$/, '\n'],
    ['good/tabs.json', /^\t*$/, '\n'],
    ['good/crlf.json', /^( {2})*$/, '\r\n'],
    ['docs/configure-json-file.example.json', /^( {2})*$/, '\n'],
  ])('%s', (fixture, indentation, eol) => {
    const { path, original } = place(fixture);
    const result = setEci({
      path,
      create: false,
      edit: { on: true, locked: true, allowImages: ['docker:cli', 'ghcr.io/acme/agent@sha256:' + 'a'.repeat(64)] },
    });
    expect(result.status).toBe('written');
    const after = readFileSync(path, 'utf8');

    const before = JSON.parse(original.toString('utf8')) as Record<string, unknown>;
    const now = JSON.parse(after) as Record<string, any>;
    expect(withoutEci(now)).toEqual(withoutEci(before));
    expect(now['enhancedContainerIsolation']).toMatchObject({ value: true, locked: true });
    expect(now['enhancedContainerIsolation'].dockerSocketMount.imageList.images).toEqual(
      expect.arrayContaining([
        ...((before['enhancedContainerIsolation'] as any)?.dockerSocketMount?.imageList?.images ?? []),
        'docker:cli',
        'ghcr.io/acme/agent@sha256:' + 'a'.repeat(64),
      ]),
    );

    // Layout: every original line outside the ECI section is still there, in order; new lines use the file's indentation and EOL.
    const lines = (t: string) => t.split(/\r\n|\n/);
    const kept = outsideEciSection(lines(original.toString('utf8')));
    expect(isSubsequence(kept, lines(after))).toBe(true);
    for (const l of lines(after)) expect((/^[ \t]*/.exec(l) as RegExpExecArray)[0]).toMatch(indentation);
    if (eol === '\r\n') expect(after.replace(/\r\n/g, '')).not.toContain('\n');
    else expect(after).not.toContain('\r');

    expect(validatePolicyBytes(Buffer.from(after), path).outcome).toBe('valid');
    expect(statSync(path).mode & 0o7777).toBe(0o640);
    if (result.status !== 'written') return;
    expect(readFileSync(result.backup as string).equals(original)).toBe(true);
    expect(statSync(result.backup as string).mode & 0o7777).toBe(0o640);
  });

  it('a second identical run writes nothing and makes no second backup', () => {
    const { path } = place('good/eci-locked-minimal.json');
    expect(setEci({ path, create: false, edit: { on: true, locked: true, allowImages: ['docker:cli'] } }).status).toBe(
      'written',
    );
    const once = readFileSync(path);
    expect(setEci({ path, create: false, edit: { on: true, locked: true, allowImages: ['docker:cli'] } }).status).toBe(
      'unchanged',
    );
    expect(readFileSync(path).equals(once)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.bak'))).toHaveLength(1);
  });

  it('without --locked the value is written unlocked; off turns it off; the change list says so', () => {
    const { path } = place('good/eci-locked-minimal.json');
    const r = setEci({ path, create: false, edit: { on: false, locked: false, allowImages: [] } });
    expect(r.status === 'written' && r.changes).toEqual([
      'enhancedContainerIsolation.value: true -> false',
      'enhancedContainerIsolation.locked: true -> false',
    ]);
    expect(JSON.parse(readFileSync(path, 'utf8')).enhancedContainerIsolation).toEqual({ value: false, locked: false });
  });

  it('a key spelled in another case is edited in place, never duplicated', () => {
    const { path } = place('broken/key-in-another-case.json');
    expect(setEci({ path, create: false, edit: { on: false, locked: true, allowImages: [] } }).status).toBe('written');
    const text = readFileSync(path, 'utf8');
    expect(text.match(/enhancedcontainerisolation/gi)).toHaveLength(1);
    expect(JSON.parse(text).EnhancedContainerIsolation).toEqual({ value: false, locked: true });
  });

  it('a BOM is removed and configurationFileVersion added, each said; the rest is kept', () => {
    const { path } = place('broken/bom.json');
    const r = setEci({ path, create: false, edit: { on: true, locked: true, allowImages: [] } });
    expect(r.status === 'written' && r.changes).toEqual([
      'removed the UTF-8 byte order mark (Docker asks for UTF-8 without BOM)',
    ]);
    expect(readFileSync(path)[0]).toBe(0x7b);
    const { path: p2 } = place('broken/no-version.json');
    const r2 = setEci({ path: p2, create: false, edit: { on: true, locked: true, allowImages: [] } });
    expect(r2.status === 'written' && r2.changes).toEqual(['configurationFileVersion: (none) -> 2']);
    expect(validatePolicyBytes(readFileSync(p2), p2).outcome).toBe('valid');
  });

  it('through a symlink: the target is edited and the link stays a link', () => {
    const { path: target } = place('good/four-spaces.json');
    const link = join(dir, 'link.json');
    symlinkSync(target, link);
    expect(setEci({ path: link, create: false, edit: { on: true, locked: true, allowImages: [] } }).status).toBe(
      'written',
    );
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8')).enhancedContainerIsolation.value).toBe(true);
  });
});

describe('refusals leave the file exactly as it was', () => {
  it.each(['broken/trailing-comma.json', 'broken/comments.json', 'broken/value-is-a-string.json', 'broken/utf16.json'])(
    '%s: not accepted by Docker Desktop, so not edited',
    (fixture) => {
      const { path, original } = place(fixture);
      const r = setEci({ path, create: false, edit: { on: true, locked: true, allowImages: [] } });
      expect(r.status).toBe('refused-invalid');
      expect(readFileSync(path).equals(original)).toBe(true);
      expect(readdirSync(dir)).toEqual(['admin-settings.json']);
    },
  );

  it('an image the validator would flag is not written', () => {
    const { path, original } = place('good/eci-locked-minimal.json');
    const r = setEci({ path, create: false, edit: { on: true, locked: true, allowImages: ['Bad/Image'] } });
    expect(r.status).toBe('refused-invalid');
    expect(readFileSync(path).equals(original)).toBe(true);
  });
});

describe('a missing file', () => {
  it('is not created without --create', () => {
    const path = join(dir, 'admin-settings.json');
    expect(setEci({ path, create: false, edit: { on: true, locked: true, allowImages: [] } }).status).toBe('missing');
    expect(existsSync(path)).toBe(false);
  });

  it('with --create: configurationFileVersion 2 and the ECI section, readable by everyone (Docker Desktop runs as the user)', () => {
    const path = join(dir, 'admin-settings.json');
    const r = setEci({ path, create: true, edit: { on: true, locked: true, allowImages: ['docker:cli'] } });
    expect(r.status === 'written' && r.created && r.backup).toBe(null);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      configurationFileVersion: 2,
      enhancedContainerIsolation: {
        value: true,
        locked: true,
        dockerSocketMount: { imageList: { images: ['docker:cli'] } },
      },
    });
    expect(statSync(path).mode & 0o777).toBe(0o644);
    expect(validatePolicyBytes(readFileSync(path), path).outcome).toBe('valid');
  });
});

describe('a write the operating system refuses', () => {
  it('an immutable file (chattr +i): rename fails with EPERM even for root; refused with the reason, original kept, no temporary file or backup left', () => {
    const { path, original } = place('good/eci-locked-minimal.json');
    execFileSync('chattr', ['+i', path]);
    try {
      const r = setEci({ path, create: false, edit: { on: false, locked: true, allowImages: [] } });
      expect(r).toMatchObject({
        status: 'refused-rights',
        reason: expect.stringContaining('Permission denied writing'),
      });
      expect(readFileSync(path).equals(original)).toBe(true);
      expect(readdirSync(dir)).toEqual(['admin-settings.json']);
    } finally {
      execFileSync('chattr', ['-i', path]);
    }
  });
});
