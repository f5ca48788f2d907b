// The admin file's edit lock on real files: a live holder makes set-eci wait and then give up with
// who holds it; a holder that is gone (or a lock file left half-written long ago) is taken over;
// the lock never outlives the edit.

import { mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { processStartTime } from '../cleanup/cleanup-lock';
import { lockPathFor } from './edit-lock';
import { setEci } from './set-eci';

let dir: string;
let file: string;
const ORIGINAL = '{\n  "configurationFileVersion": 2\n}\n';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eci-policy-lock-'));
  file = join(dir, 'admin-settings.json');
  writeFileSync(file, ORIGINAL);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const edit = { on: true, locked: true, allowImages: [] };

describe('one set-eci at a time per admin file', () => {
  it('a live holder (this very process, as another edit would be): busy after the wait, naming it; nothing written', () => {
    writeFileSync(
      lockPathFor(file),
      JSON.stringify({ pid: process.pid, start: processStartTime(process.pid), since: '2026-12-01T00:00:00.000Z' }),
    );
    const started = Date.now();
    const r = setEci({ path: file, create: false, edit, lockWaitMs: 300 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(r).toEqual({
      status: 'busy',
      path: file,
      reason: `another edit of this file is running (process ${process.pid}, since 2026-12-01T00:00:00.000Z)`,
    });
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
  });

  it.each([
    [
      'a holder that is gone (a pid no process has)',
      JSON.stringify({ pid: 2 ** 22 + 12345, start: 'x', since: '2026-12-01T00:00:00.000Z' }),
      false,
    ],
    [
      'a pid reused by another process (start time differs)',
      JSON.stringify({ pid: process.pid, start: 'not-this-start', since: '2026-12-01T00:00:00.000Z' }),
      false,
    ],
    ['a half-written lock file from long ago', '{"pid": 4', true],
  ])('%s: taken over, the edit is made, no lock left', (_name, content, old) => {
    writeFileSync(lockPathFor(file), content);
    if (old) utimesSync(lockPathFor(file), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const r = setEci({ path: file, create: false, edit, lockWaitMs: 300 });
    expect(r.status).toBe('written');
    expect(JSON.parse(readFileSync(file, 'utf8')).enhancedContainerIsolation).toEqual({ value: true, locked: true });
    expect(readdirSync(dir).filter((f) => !f.endsWith('.bak'))).toEqual(['admin-settings.json']);
  });

  it('a half-written lock file written just now is someone taking it: busy', () => {
    writeFileSync(lockPathFor(file), '');
    expect(setEci({ path: file, create: false, edit, lockWaitMs: 200 }).status).toBe('busy');
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
  });
});
