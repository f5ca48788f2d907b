// Every writer under a real write limit: a child process started with `ulimit -f` (Node ignores
// SIGXFSZ, so the write is cut short, then fails with EFBIG) or writing to a tiny tmpfs mounted for
// the test (cut short, then ENOSPC). A file is written whole or the write fails, and what was there
// before is left as it was: the private files, the lock file, the cleanup journal, `policy set-eci`.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Journal, journalPath } from '../cleanup/journal';
import { fixturePlan } from '../cleanup/testing/fixtures';
import { installKey } from './install-key';
import { setEci } from '../policy/set-eci';

// Each case starts a Node child (with tsx): seconds each on a busy machine.
vi.setConfig({ testTimeout: 90_000 });

const ROOT = join(__dirname, '..', '..', '..');
const CHILD = join(__dirname, '..', 'testing', 'write-under-limit.ts');
const CLI = join(ROOT, 'main', 'cli.ts');

interface ChildResult {
  ok: boolean;
  done: number;
  name?: string;
  code?: string | null;
  message?: string;
}

/** Runs `node --import tsx <script> args` with files limited to `kb` KiB (bash's ulimit -f unit). */
function limited(
  kb: number | null,
  script: string,
  args: string[],
): { status: number | null; stdout: string; stderr: string } {
  const limit = kb === null ? '' : `ulimit -f ${kb} || exit 99; `;
  const r = spawnSync('bash', ['-c', `${limit}exec "$0" --import tsx "$@"`, process.execPath, script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    // tsx's compile cache is a file write too: keep it out of the limited process.
    env: { ...process.env, TSX_DISABLE_CACHE: '1' },
  });
  if (r.status === 99) throw new Error('ulimit -f could not be set: this test needs it');
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function child(kb: number | null, args: string[]): ChildResult {
  const r = limited(kb, CHILD, args);
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as ChildResult;
  } catch {
    throw new Error(`the writer child printed no result (exit ${r.status}): ${r.stdout}${r.stderr}`);
  }
}

const tempFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

let dir: string;
/** A 64 KiB tmpfs mounted for these tests (root only; a test that cannot mount it fails). */
let small: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eci-write-limit-'));
  small = join(dir, 'small');
  mkdirSync(small);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'eci-tray-test', small], {
    encoding: 'utf8',
  });
  if (mounted.status !== 0) throw new Error(`these tests mount a tiny tmpfs and need root: ${mounted.stderr}`);
});
afterAll(() => {
  if (small) spawnSync('umount', [small]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Fills the tmpfs until it takes no more bytes; returns a function that frees it again. */
function fillSmall(): () => void {
  const filler = join(small, 'filler');
  const r = child(null, ['fully', filler, String(1 << 20)]);
  expect(r.ok, 'the tmpfs is full').toBe(false);
  return () => rmSync(filler, { force: true });
}

describe('writeFully', () => {
  it('writes the rest after a short write, and throws with what was written when the limit is reached', () => {
    const path = join(dir, 'fully');
    expect(child(2, ['fully', path, '2048'])).toMatchObject({ ok: true });
    expect(readFileSync(path).length).toBe(2048);
    const r = child(2, ['fully', path, '5000']);
    expect(r).toMatchObject({ ok: false, name: 'ShortWriteError', code: 'EFBIG' });
    expect(r.message).toContain(`only 2048 of 5000 bytes could be written to ${path}`);
  });
});

describe('private files (preferences, activity, plan files, install key)', () => {
  it.each([
    ['a file-size limit', 2],
    ['a full disk', null],
  ] as const)('under %s: the write fails, the old file is kept as it was, no temporary file is left', (_what, kb) => {
    const where = kb === null ? small : dir;
    const path = join(where, `prefs-${kb ?? 'tmpfs'}.json`);
    writeFileSync(path, 'old content\n');
    // Bigger than both limits: 2 KiB, and the 64 KiB tmpfs.
    const r = child(kb, ['private', path, String(100_000)]);
    expect(r.ok).toBe(false);
    expect(r.code).toBe(kb === null ? 'ENOSPC' : 'EFBIG');
    expect(readFileSync(path, 'utf8')).toBe('old content\n');
    expect(tempFiles(where)).toEqual([]);
    rmSync(path);
  });
});

describe('the lock file', () => {
  it('on a full disk: taking the lock fails and leaves no empty lock file behind (which would read as "being written")', () => {
    const free = fillSmall();
    try {
      const path = join(small, 'cleanup.lock');
      const r = child(null, ['lock', path]);
      expect(r.ok).toBe(false);
      expect(r.code).toBe('ENOSPC');
      expect(existsSync(path)).toBe(false);
    } finally {
      free();
    }
  });
});

describe('the cleanup journal', () => {
  it('on a full disk a journal is not started at all (never an empty or cut-off journal, refused for ever)', () => {
    const state = join(small, 'state');
    // The state folder and its install key exist already; then the disk fills up.
    installKey(state);
    mkdirSync(join(state, 'cleanup'), { mode: 0o700 });
    const plan = fixturePlan();
    const planPath = join(dir, 'plan.json');
    writeFileSync(planPath, JSON.stringify(plan));
    const free = fillSmall();
    try {
      const r = child(null, ['journal-create', state, planPath]);
      expect(r).toMatchObject({ ok: false, code: 'ENOSPC' });
      expect(existsSync(journalPath(state, plan.id))).toBe(false);
      expect(tempFiles(join(state, 'cleanup'))).toEqual([]);
    } finally {
      free();
      rmSync(state, { recursive: true, force: true });
    }
  });

  it('a line that does not fit is cut off again: the journal ends with its last whole line, reads back, and takes more lines later', () => {
    const state = mkdtempSync(join(dir, 'state-'));
    const journal = Journal.create(state, fixturePlan());
    const r = child(4, ['journal-append', journal.path, '100']);
    expect(r).toMatchObject({ ok: false, code: 'EFBIG' });
    expect(r.done).toBeGreaterThan(0);
    const text = readFileSync(journal.path);
    expect(text.includes(0)).toBe(false);
    expect(text.at(-1)).toBe(0x0a);
    const back = Journal.read(journal.path);
    expect(back.notice).toBeNull();
    // Exactly the lines the writer was told were written: the plan and `done` rollback records.
    expect(back.records).toHaveLength(1 + r.done);
    back.append({ type: 'end' });
    expect(Journal.read(journal.path).finished).toBe(true);
  });
});

describe('policy set-eci', () => {
  const images = ['a', 'b', 'c'].map((x) => `ghcr.io/acme/agent-${x}@sha256:${x.repeat(64)}`);
  const args = (path: string) => [
    'policy',
    'set-eci',
    'on',
    '--locked',
    '--file',
    path,
    ...images.flatMap((i) => ['--allow-socket-image', i]),
  ];

  it('under a 3 KiB file-size limit: nothing is written, the admin file is byte for byte as it was, exit 34', () => {
    const folder = mkdtempSync(join(dir, 'admin-'));
    const path = join(folder, 'admin-settings.json');
    const original = readFileSync(join(ROOT, 'e2e', 'fixtures', 'policy', 'docs', 'configure-json-file.example.json'));
    // The limit is between the two sizes: the file (and its backup) fit, the edited file does not.
    const copy = join(dir, 'unlimited-admin-settings.json');
    writeFileSync(copy, original);
    expect(setEci({ path: copy, create: false, edit: { on: true, locked: true, allowImages: images } }).status).toBe(
      'written',
    );
    expect(original.length).toBeLessThan(3072);
    expect(readFileSync(copy).length).toBeGreaterThan(3072);

    writeFileSync(path, original);
    const r = limited(3, CLI, args(path));
    expect(r.status, r.stdout + r.stderr).toBe(34);
    expect(r.stderr).toMatch(
      /nothing written: the new .*admin-settings\.json could not be written whole \(only 3072 of \d+ bytes could be written/,
    );
    expect(r.stdout).not.toContain('Updated');
    expect(readFileSync(path).equals(original)).toBe(true);
    expect(readdirSync(folder)).toEqual(['admin-settings.json']);
  });
});

describe("CLI output redirected to a file (an MDM script's `> result`)", () => {
  it('under a 1 KiB file-size limit: a report that does not fit is an error (exit 1), never a cut-off file and exit 0', () => {
    const out = join(dir, 'help.txt');
    const whole = limited(null, CLI, ['cleanup', '--help']);
    expect(whole.status).toBe(0);
    expect(whole.stdout.length).toBeGreaterThan(1024);
    const r = spawnSync(
      'bash',
      [
        '-c',
        'ulimit -f 1 || exit 99; exec "$0" --import tsx "$@" > "$OUT"',
        process.execPath,
        CLI,
        'cleanup',
        '--help',
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, TSX_DISABLE_CACHE: '1', OUT: out },
      },
    );
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/only 1024 of \d+ bytes could be written to standard output/);
  });
});
