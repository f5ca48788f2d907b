import { lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTrace, TRACE_FORMAT, type Trace } from './trace-format';
import { TraceFileError, writeTraceFile } from './trace-file';

const minimal: Trace = {
  format: TRACE_FORMAT,
  version: 1,
  recordedAt: '2026-12-03T07:00:00.000Z',
  machine: { platform: 'darwin', release: '24.1.0', arch: 'arm64', node: 'v20.0.0', eciTray: '0.1.0' },
  probeImage: 'redacted-1',
  settings: { files: [], desired: { eci: true, source: 'admin-locked', locked: true }, problems: [] },
  processes: { list: null, why: 'not visible' },
  calls: [{ at: 0, method: 'GET', path: '/_ping', query: [], status: 200, ms: 3, body: { $text: 'OK' } }],
  outcome: { check: 'protected', watch: [] },
  watchedMs: 10,
};

describe('parseTrace', () => {
  it('reads a well-formed trace', () => {
    expect(parseTrace(JSON.stringify(minimal)).calls).toHaveLength(1);
  });
  it.each([
    ['not JSON', '{', /^not a trace: /],
    ['another format', JSON.stringify({ ...minimal, format: 'har' }), /format is not "eci-tray-trace"/],
    ['another version', JSON.stringify({ ...minimal, version: 2 }), /trace version 2 is not 1/],
    ['calls not a list', JSON.stringify({ ...minimal, calls: {} }), /calls is not a list/],
    [
      'a call without a path',
      JSON.stringify({ ...minimal, calls: [{ at: 0, method: 'GET', query: [], status: 200, ms: 1 }] }),
      /calls\[0\] has no method and path/,
    ],
    [
      'a relative path',
      JSON.stringify({ ...minimal, calls: [{ at: 0, method: 'GET', path: 'x', query: [], status: 200, ms: 1 }] }),
      /calls\[0\] has no method and path/,
    ],
    [
      'a status as text',
      JSON.stringify({ ...minimal, calls: [{ at: 0, method: 'GET', path: '/x', query: [], status: '200', ms: 1 }] }),
      /calls\[0\].status/,
    ],
    [
      'no timing',
      JSON.stringify({ ...minimal, calls: [{ method: 'GET', path: '/x', query: [], status: 200 }] }),
      /calls\[0\] has no at and ms/,
    ],
    ['no probe image', JSON.stringify({ ...minimal, probeImage: '' }), /probeImage is missing/],
    [
      'an unknown verdict',
      JSON.stringify({ ...minimal, outcome: { check: 'fine', watch: [] } }),
      /outcome.check is not a verdict/,
    ],
    ['null', 'null', /format is not/],
  ])('%s: one clear error', (_, text, message) => {
    expect(() => parseTrace(text)).toThrow(message);
  });
});

describe('writeTraceFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eci-trace-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the whole trace, readable by this user only, replacing an earlier one', () => {
    const out = join(dir, 'a.json');
    writeFileSync(out, 'old');
    writeTraceFile(out, minimal);
    expect(parseTrace(readFileSync(out, 'utf8'))).toEqual(minimal);
    if (process.platform !== 'win32') expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('refuses a symbolic link at the path (even a dangling one) and writes nothing through it', () => {
    const target = join(dir, 'target');
    writeFileSync(target, 'keep');
    const link = join(dir, 'link.json');
    symlinkSync(target, link);
    expect(() => writeTraceFile(link, minimal)).toThrow(TraceFileError);
    expect(readFileSync(target, 'utf8')).toBe('keep');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const dangling = join(dir, 'dangling.json');
    symlinkSync(join(dir, 'nowhere'), dangling);
    expect(() => writeTraceFile(dangling, minimal)).toThrow(/symbolic link/);
  });

  it('refuses a folder at the path', () => {
    expect(() => writeTraceFile(dir, minimal)).toThrow(/not a regular file/);
  });
});
