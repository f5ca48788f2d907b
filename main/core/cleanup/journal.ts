// The cleanup journal: one JSON line per event, each step written (and flushed to disk) before it
// runs and again when it is done. An interrupted cleanup (crash, engine restart, Ctrl-C) can be
// shown and resumed from it without repeating what was finished.
//
// On disk (0600, in the 0700 state folder) every line carries an HMAC chained to the line before
// it (keyed by the install key), so a line edited, dropped, added or moved outside ECI Tray is
// refused; each line is checked against its schema. (Lines cut from the end cannot be told from a
// run that stopped there: that journal is resumed, and every step checks its effect again.) Container environment values are never
// written in the clear: they are sealed with the install key (the new container needs them).

import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { installKey, mac, macMatches, type InstallKey } from '../store/install-key';
import { ensurePrivateDir, writeSyncedTemp } from '../store/private-files';
import { writeFully } from '../store/write-fully';
import { SchemaError } from '../schema';
import type { ItemOutcome, OriginalState } from './apply-result';
import { parseStoredRecord } from './journal-schema';
import { canonicalJson, type CleanupPlan, type StepAction } from './plan';
import type { RecreateSpec } from './recreate-spec';
import { openSpec, sealSpec, type PublicRecreateSpec } from './spec-secrets';

export type JournalRecord =
  | { type: 'plan'; at: string; plan: CleanupPlan }
  | { type: 'item'; at: string; index: number; spec: RecreateSpec | null }
  | {
      type: 'step';
      at: string;
      index: number;
      step: number;
      action: StepAction;
      status: 'started' | 'done' | 'failed';
      detail?: string;
      newId?: string;
    }
  /** The original as the cleanup stopped it: checked again before it is removed and on resume. */
  | { type: 'stopped'; at: string; index: number; startedAt: string; finishedAt: string; sizeRw: number | null }
  /** A step failed: the item is being put back as it was (re-run on resume until its item-end). */
  | { type: 'rollback'; at: string; index: number; reason: string }
  | {
      type: 'item-end';
      at: string;
      index: number;
      outcome: ItemOutcome;
      reason?: string;
      original?: OriginalState;
      newId?: string;
    }
  | { type: 'end'; at: string };

type Unstamped<R> = R extends JournalRecord ? Omit<R, 'at'> : never;

/** A journal that cannot be trusted: damaged, or changed outside ECI Tray. Nothing is done from it. */
export class JournalError extends Error {
  override name = 'JournalError';
}

/** Finished journals older than this are removed. */
export const JOURNAL_RETENTION_DAYS = 30;

export function journalDir(stateDir: string): string {
  return join(stateDir, 'cleanup');
}

export function journalPath(stateDir: string, planId: string): string {
  return join(journalDir(stateDir), `${planId}.journal.jsonl`);
}

/** The state folder a journal belongs to (its key lives there). */
function stateDirOf(path: string): string {
  return dirname(dirname(path));
}

/** The chain starts from the file's name: a journal copied under another plan's name is refused. */
function chainSeed(path: string): string {
  return `eci-tray-journal:${basename(path)}`;
}

function lineMac(key: InstallKey, previous: string, record: unknown): string {
  return mac(key, `${previous}\n${canonicalJson(record)}`);
}

/**
 * The record as written: environment values sealed, only their names in the clear; command,
 * entrypoint, healthcheck, labels and log options sealed too (spec-secrets.ts).
 */
function toStored(key: InstallKey, record: JournalRecord): Record<string, unknown> {
  if (record.type !== 'item' || !record.spec) return record as unknown as Record<string, unknown>;
  const { name, create, connect, envNames, sealedEnv, sealedConfig } = sealSpec(key, record.spec);
  return {
    ...record,
    spec: { name, create, connect },
    envNames,
    ...(sealedEnv ? { sealedEnv } : {}),
    ...(sealedConfig ? { sealedConfig } : {}),
  };
}

function fromStored(key: InstallKey, stored: Record<string, unknown>): JournalRecord {
  if (stored['type'] !== 'item' || !stored['spec']) return stored as unknown as JournalRecord;
  const { envNames, sealedEnv, sealedConfig, ...record } = stored as Record<string, unknown> & {
    envNames?: string[];
    sealedEnv?: string;
    sealedConfig?: string;
    spec: PublicRecreateSpec;
  };
  const spec = openSpec(key, {
    ...record.spec,
    envNames: envNames ?? [],
    sealedEnv: sealedEnv ?? null,
    sealedConfig: sealedConfig ?? null,
  });
  return { ...(record as unknown as Extract<JournalRecord, { type: 'item' }>), spec };
}

export class Journal {
  private constructor(
    readonly path: string,
    readonly records: JournalRecord[],
    private readonly key: InstallKey,
    private lastMac: string,
    /** Bytes of whole, verified lines: a torn last line after them is cut off before the next append. */
    private validLength: number,
    private torn: boolean,
    /** Something the user should be told about this journal (a torn last line was found), or null. */
    readonly notice: string | null,
  ) {}

  /**
   * Reads and verifies a journal. A last line cut short by a crash is ignored (with a notice) and
   * cut off at the next append; any other damage or edit is refused with JournalError.
   */
  static read(path: string, key: InstallKey = installKey(stateDirOf(path))): Journal {
    let raw: string;
    try {
      raw = readFileSync(path, 'utf8');
    } catch (err) {
      throw new JournalError(`cannot read the cleanup journal ${path}: ${(err as Error).message}`);
    }
    const lines = raw.split('\n');
    const tail = lines.pop() ?? '';
    const records: JournalRecord[] = [];
    let previous = chainSeed(path);
    const refused = (n: number, why: string) =>
      new JournalError(
        `the cleanup journal ${path} ${why} at line ${n}; it is refused and nothing is done from it (it was changed outside ECI Tray, or damaged)`,
      );
    for (const [i, line] of lines.entries()) {
      let value: Record<string, unknown>;
      try {
        value = JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw refused(i + 1, 'is not valid JSON');
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw refused(i + 1, 'holds no record');
      const { mac: lineTag, ...stored } = value;
      const expected = lineMac(key, previous, stored);
      if (!macMatches(expected, lineTag)) throw refused(i + 1, 'does not match its signature');
      try {
        parseStoredRecord(stored, `line ${i + 1}`);
        records.push(fromStored(key, stored));
      } catch (err) {
        if (err instanceof SchemaError || err instanceof JournalError)
          throw refused(i + 1, `holds an invalid record (${err.message})`);
        throw refused(i + 1, `holds a record that cannot be opened (${(err as Error).message})`);
      }
      previous = expected;
    }
    if (records[0]?.type !== 'plan')
      throw new JournalError(`${path} is not a cleanup journal (it does not start with its plan)`);
    if (records.slice(1).some((r) => r.type === 'plan'))
      throw new JournalError(`the cleanup journal ${path} holds a second plan; it is refused`);
    const torn = tail.length > 0;
    const notice = torn
      ? `The last line of the cleanup journal ${path} was cut short (ECI Tray stopped while writing it); it is ignored and removed: the step it recorded is checked again.`
      : null;
    return new Journal(path, records, key, previous, Buffer.byteLength(raw) - Buffer.byteLength(tail), torn, notice);
  }

  /**
   * Starts the journal of a plan with its first line, written whole to a temporary file and then
   * linked into place: the journal exists whole or not at all (a full disk leaves none), and never
   * over one that exists.
   */
  static create(stateDir: string, plan: CleanupPlan): Journal {
    ensurePrivateDir(stateDir);
    ensurePrivateDir(journalDir(stateDir));
    pruneFinishedJournals(stateDir);
    const path = journalPath(stateDir, plan.id);
    const journal = new Journal(path, [], installKey(stateDir), chainSeed(path), 0, false, null);
    const first = journal.line({ type: 'plan', plan });
    const tmp = writeSyncedTemp(path, first.bytes);
    try {
      // Exclusive: a journal is never started twice, nor over one that exists.
      linkSync(tmp, path);
    } finally {
      rmSync(tmp, { force: true });
    }
    journal.accept(first);
    return journal;
  }

  get plan(): CleanupPlan {
    return (this.records[0] as Extract<JournalRecord, { type: 'plan' }>).plan;
  }

  get finished(): boolean {
    return this.records.some((r) => r.type === 'end');
  }

  /** A record stamped, stored and chained after the last line: the bytes of its line. */
  private line(record: Unstamped<JournalRecord>): { stamped: JournalRecord; tag: string; bytes: Buffer } {
    const stamped = { ...record, at: new Date().toISOString() } as JournalRecord;
    const stored = toStored(this.key, stamped);
    const tag = lineMac(this.key, this.lastMac, stored);
    return { stamped, tag, bytes: Buffer.from(JSON.stringify({ ...stored, mac: tag }) + '\n') };
  }

  private accept(line: { stamped: JournalRecord; tag: string; bytes: Buffer }): void {
    this.validLength += line.bytes.length;
    this.torn = false;
    this.lastMac = line.tag;
    this.records.push(line.stamped);
  }

  /**
   * Appends a record and flushes it to disk before returning. A line that cannot be written whole
   * (a full disk) is cut off again before the error is thrown: the journal ends with its last whole
   * line, so it can still be read, resumed and rolled back from.
   */
  append(record: Unstamped<JournalRecord>): void {
    const line = this.line(record);
    const fd = openSync(this.path, 'r+', 0o600);
    try {
      // A torn last line goes before the first new line (it was announced when the journal was read).
      if (this.torn) ftruncateSync(fd, this.validLength);
      try {
        writeFully(fd, line.bytes, this.path, this.validLength);
        fsyncSync(fd);
      } catch (err) {
        try {
          ftruncateSync(fd, this.validLength);
          fsyncSync(fd);
        } catch {
          // The write's error says what went wrong; a line cut short is also ignored when read.
        }
        throw err;
      }
      this.accept(line);
    } finally {
      closeSync(fd);
    }
  }

  itemEnd(index: number): Extract<JournalRecord, { type: 'item-end' }> | undefined {
    return this.records.find(
      (r): r is Extract<JournalRecord, { type: 'item-end' }> => r.type === 'item-end' && r.index === index,
    );
  }

  itemStart(index: number): Extract<JournalRecord, { type: 'item' }> | undefined {
    return this.records.find(
      (r): r is Extract<JournalRecord, { type: 'item' }> => r.type === 'item' && r.index === index,
    );
  }

  /** The original as the cleanup last recorded it stopped, or undefined before it was. */
  stopped(index: number): Extract<JournalRecord, { type: 'stopped' }> | undefined {
    return this.records.findLast(
      (r): r is Extract<JournalRecord, { type: 'stopped' }> => r.type === 'stopped' && r.index === index,
    );
  }

  /** Whether a step was started (in this run or an earlier one). */
  stepStarted(index: number, step: number): boolean {
    return this.records.some((r) => r.type === 'step' && r.index === index && r.step === step);
  }

  stepDone(index: number, step: number): Extract<JournalRecord, { type: 'step' }> | undefined {
    return this.records.find(
      (r): r is Extract<JournalRecord, { type: 'step' }> =>
        r.type === 'step' && r.index === index && r.step === step && r.status === 'done',
    );
  }

  /** One line per item: what is finished and what remains. */
  summary(): Array<{
    name: string;
    status: 'not started' | 'in progress' | ItemOutcome;
    stepsDone: number;
    steps: number;
    reason?: string;
  }> {
    return this.plan.items.map((item, index) => {
      const end = this.itemEnd(index);
      const stepsDone = item.steps.filter((_, j) => this.stepDone(index, j)).length;
      if (end)
        return {
          name: item.name,
          status: end.outcome,
          stepsDone,
          steps: item.steps.length,
          ...(end.reason ? { reason: end.reason } : {}),
        };
      return {
        name: item.name,
        status: this.itemStart(index) ? 'in progress' : 'not started',
        stepsDone,
        steps: item.steps.length,
      };
    });
  }
}

export interface JournalScan {
  /** The newest journal without an end record. */
  unfinished: Journal | null;
  /** Journals that were refused (damaged or changed outside ECI Tray), with the reason. */
  refused: Array<{ path: string; reason: string }>;
}

function journalFiles(stateDir: string): string[] {
  const dir = journalDir(stateDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.journal.jsonl'))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
}

/** Every journal, newest first: the newest unfinished one, and the ones refused on the way. */
export function scanJournals(stateDir: string): JournalScan {
  pruneFinishedJournals(stateDir);
  const refused: JournalScan['refused'] = [];
  for (const path of journalFiles(stateDir)) {
    try {
      const j = Journal.read(path);
      if (!j.finished) return { unfinished: j, refused };
    } catch (err) {
      refused.push({ path, reason: (err as Error).message });
    }
  }
  return { unfinished: null, refused };
}

/** Removes finished journals last written more than JOURNAL_RETENTION_DAYS ago; returns their paths. */
export function pruneFinishedJournals(stateDir: string, now = Date.now()): string[] {
  const removed: string[] = [];
  for (const path of journalFiles(stateDir)) {
    if (now - statSync(path).mtimeMs < JOURNAL_RETENTION_DAYS * 86_400_000) continue;
    try {
      if (!Journal.read(path).finished) continue;
    } catch {
      continue; // a refused journal is kept for the user to look at
    }
    unlinkSync(path);
    removed.push(path);
  }
  return removed;
}
