// Reading one settings file into a JSON tree, turning every way it can be wrong into a
// SettingsProblem with the file and, where there is one, the line and column.

import { open } from 'node:fs/promises';
import type { SettingsProblem } from '../model';
import { openErrorOf, openFlags, type FileOwner } from '../store/owned-file';
import { JsonSyntaxError, parseJson, type JsonNode } from './json-parse';

/** Real settings files are a few KiB; anything past this is not a settings file we should parse. */
export const MAX_SETTINGS_BYTES = 4 * 1024 * 1024;

/** Past this many problems in one file, the rest are counted, not listed (a hostile file could list millions). */
export const MAX_PROBLEMS_PER_FILE = 50;

/**
 * Collects a file's problems, keeping the first MAX_PROBLEMS_PER_FILE and only counting the rest,
 * so memory stays bounded whatever the file holds.
 */
export class ProblemList {
  readonly items: SettingsProblem[];
  private overflow = 0;
  private overflowError = false;

  constructor(
    private readonly file: string,
    initial: SettingsProblem[] = [],
  ) {
    this.items = [...initial];
  }

  push(problem: SettingsProblem): void {
    if (this.items.length < MAX_PROBLEMS_PER_FILE - 1) this.items.push(problem);
    else {
      this.overflow++;
      this.overflowError ||= problem.severity === 'error';
    }
  }

  /** The problems, with one closing line counting those not listed. */
  done(): SettingsProblem[] {
    if (!this.overflow) return this.items;
    return [
      ...this.items,
      {
        file: this.file,
        kind: 'wrong-type',
        severity: this.overflowError ? 'error' : 'warning',
        message: `...and ${this.overflow} more problems in this file.`,
      },
    ];
  }
}

export type SettingsRole = 'admin' | 'user';

export interface ParsedSettings {
  path: string;
  found: boolean;
  /** The parsed tree, or null when missing or unusable. */
  root: JsonNode | null;
  /** The decoded text (for positions of later type problems). */
  text: string;
  problems: SettingsProblem[];
}

const BLOCKS_NOTE = 'Docker Desktop will not start until this file is fixed.';

/** Parses already-read bytes. Pure: used by the reader and directly by tests and fuzzing. */
export function parseSettingsBytes(bytes: Uint8Array, path: string, role: SettingsRole): ParsedSettings {
  const problems: SettingsProblem[] = [];
  const base = { path, found: true, root: null, text: '' };
  const blocks = role === 'admin';

  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    problems.push({
      file: path,
      kind: 'encoding',
      severity: 'error',
      message: `The file is UTF-16 encoded; settings files must be UTF-8.${blocks ? ' ' + BLOCKS_NOTE : ''}`,
      line: 1,
      column: 1,
      ...(blocks ? { blocksDockerDesktop: true } : {}),
    });
    return { ...base, problems };
  }

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    problems.push({
      file: path,
      kind: 'encoding',
      severity: 'error',
      message: `The file is not valid UTF-8 (first bad byte at offset ${offset}).${blocks ? ' ' + BLOCKS_NOTE : ''}`,
      ...(blocks ? { blocksDockerDesktop: true } : {}),
    });
    return { ...base, problems };
  }

  // Docker's docs ask for admin-settings.json in "UTF-8 without BOM", and Desktop's backend refuses
  // to start on a BOM in its sibling registry.json (docker/for-win#14950, #14700): a BOM in the
  // admin file blocks it. The user's file is Desktop's own: a BOM there is only worth a warning.
  // The rest is parsed without it, so every other finding is still reported.
  let body = text;
  if (body.charCodeAt(0) === 0xfeff) {
    body = body.slice(1);
    problems.push({
      file: path,
      kind: 'encoding',
      severity: blocks ? 'error' : 'warning',
      message: blocks
        ? `The file starts with a UTF-8 byte order mark (BOM): Docker asks for "UTF-8 without BOM", and Docker Desktop fails to start on a BOM in its settings files. Save it as UTF-8 without BOM ("eci-tray policy set-eci" does). ${BLOCKS_NOTE}`
        : 'The file starts with a byte order mark (BOM); some JSON readers, including Go programs, reject it. Save it as UTF-8 without BOM.',
      line: 1,
      column: 1,
      ...(blocks ? { blocksDockerDesktop: true } : {}),
    });
  }

  try {
    return { path, found: true, root: parseJson(body), text: body, problems };
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    problems.push({
      file: path,
      kind: 'invalid-json',
      severity: 'error',
      message: `Invalid JSON: ${err.reason} (line ${err.position.line}, column ${err.position.column}).${blocks ? ' ' + BLOCKS_NOTE : ''}`,
      line: err.position.line,
      column: err.position.column,
      ...(blocks ? { blocksDockerDesktop: true } : {}),
    });
    return { path, found: true, root: null, text: body, problems };
  }
}

/**
 * Reads and parses a settings file. A missing file is "not configured", never a problem. Opened
 * without blocking (a FIFO is refused, not waited on) and checked on the opened descriptor; with
 * an `owner` (another user's file, read as root) a symbolic link or a file not theirs is refused.
 */
export async function readSettingsFile(
  path: string,
  role: SettingsRole,
  owner: FileOwner | null = null,
): Promise<ParsedSettings> {
  const missing: ParsedSettings = { path, found: false, root: null, text: '', problems: [] };
  const unreadable = (kind: SettingsProblem['kind'], message: string): ParsedSettings => ({
    path,
    found: true,
    root: null,
    text: '',
    problems: [{ file: path, kind, severity: 'error', message }],
  });

  let handle;
  try {
    handle = await open(path, openFlags(owner));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return missing;
    if (code === 'EISDIR') return unreadable('not-a-file', 'This path is a directory, not a settings file.');
    const opened = openErrorOf(path, err, owner);
    return unreadable(
      'unreadable',
      opened.kind === 'refused' && code === 'ELOOP' && owner ? opened.reason : describeFsError(err),
    );
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return unreadable('not-a-file', 'This path is a directory, not a settings file.');
    if (!info.isFile()) return unreadable('not-a-file', 'This path is not a regular file.');
    if (owner && info.uid !== owner.uid)
      return unreadable('unreadable', `This file belongs to uid ${info.uid}, not to ${owner.name}: not read as root.`);
    if (info.size > MAX_SETTINGS_BYTES) return tooLarge(path, info.size);
    // Read at most one byte past the limit: the file may have grown since stat.
    const buffer = Buffer.alloc(Math.min(info.size, MAX_SETTINGS_BYTES) + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, total);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total === buffer.length) {
        if (total > MAX_SETTINGS_BYTES) return tooLarge(path, total);
        break;
      }
    }
    return parseSettingsBytes(buffer.subarray(0, total), path, role);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EISDIR')
      return unreadable('not-a-file', 'This path is a directory, not a settings file.');
    return unreadable('unreadable', describeFsError(err));
  } finally {
    await handle.close();
  }
}

function tooLarge(path: string, size: number): ParsedSettings {
  const mib = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return {
    path,
    found: true,
    root: null,
    text: '',
    problems: [
      {
        file: path,
        kind: 'too-large',
        severity: 'error',
        message: `The file is ${mib(size)} MiB, larger than the ${mib(MAX_SETTINGS_BYTES)} MiB a settings file can be; it was not read.`,
      },
    ],
  };
}

export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'EACCES':
    case 'EPERM':
      return 'Permission denied: the file cannot be read by this user.';
    case 'ELOOP':
      return 'Too many levels of symbolic links (a symlink loop).';
    case 'EISDIR':
      return 'This path is a directory, not a settings file.';
    case 'EIO':
      return 'I/O error while reading the file.';
    default:
      return `Cannot read the file: ${e.message ?? String(err)}`;
  }
}

/** Offset of the first byte that breaks UTF-8 (linear scan; used only to say where). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += len;
  }
  return i;
}

/** Line starts per parsed file: a file can hold thousands of wrong entries, each located. */
const lineStartsOf = new WeakMap<ParsedSettings, number[]>();

/** Line and column of a node inside a parsed file (for type problems); same answer as positionAt. */
export function locate(parsed: ParsedSettings, offset: number): { line: number; column: number } {
  const text = parsed.text;
  let starts = lineStartsOf.get(parsed);
  if (!starts) {
    starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
    }
    lineStartsOf.set(parsed, starts);
  }
  const end = Math.max(0, Math.min(offset, text.length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= end) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: end - (starts[lo] as number) + 1 };
}
