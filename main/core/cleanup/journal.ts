// The cleanup journal: one JSON line per event, each step written (and flushed to disk) before it
// runs and again when it is done. An interrupted cleanup (crash, engine restart, Ctrl-C) can be
// shown and resumed from it without repeating what was finished.

import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CleanupPlan, StepAction } from './plan';
import type { RecreateSpec } from './recreate-spec';

export type ItemOutcome = 'done' | 'skipped' | 'failed';

export type JournalRecord =
  | { type: 'plan'; at: string; plan: CleanupPlan }
  | { type: 'item'; at: string; index: number; spec: RecreateSpec | null }
  | { type: 'step'; at: string; index: number; step: number; action: StepAction; status: 'started' | 'done' | 'failed'; detail?: string; newId?: string }
  | { type: 'item-end'; at: string; index: number; outcome: ItemOutcome; reason?: string; newId?: string }
  | { type: 'end'; at: string };

type Unstamped<R> = R extends JournalRecord ? Omit<R, 'at'> : never;

export function journalDir(stateDir: string): string {
  return join(stateDir, 'cleanup');
}

export function journalPath(stateDir: string, planId: string): string {
  return join(journalDir(stateDir), `${planId}.journal.jsonl`);
}

export class Journal {
  private constructor(
    readonly path: string,
    readonly records: JournalRecord[],
  ) {}

  /** Reads a journal; a line cut short by a crash at the very end is ignored. */
  static read(path: string): Journal {
    const lines = readFileSync(path, 'utf8').split('\n');
    const records: JournalRecord[] = [];
    for (const [i, line] of lines.entries()) {
      if (!line.trim()) continue;
      try {
        records.push(JSON.parse(line) as JournalRecord);
      } catch {
        if (i < lines.length - 2) throw new Error(`the cleanup journal ${path} is damaged at line ${i + 1}`);
      }
    }
    if (records[0]?.type !== 'plan') throw new Error(`${path} is not a cleanup journal (it does not start with its plan)`);
    return new Journal(path, records);
  }

  static create(stateDir: string, plan: CleanupPlan): Journal {
    mkdirSync(journalDir(stateDir), { recursive: true });
    const journal = new Journal(journalPath(stateDir, plan.id), []);
    journal.append({ type: 'plan', plan });
    return journal;
  }

  get plan(): CleanupPlan {
    return (this.records[0] as Extract<JournalRecord, { type: 'plan' }>).plan;
  }

  get finished(): boolean {
    return this.records.some((r) => r.type === 'end');
  }

  /** Appends a record and flushes it to disk before returning. */
  append(record: Unstamped<JournalRecord>): void {
    const stamped = { ...record, at: new Date().toISOString() } as JournalRecord;
    const fd = openSync(this.path, 'a');
    try {
      writeSync(fd, JSON.stringify(stamped) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.records.push(stamped);
  }

  itemEnd(index: number): Extract<JournalRecord, { type: 'item-end' }> | undefined {
    return this.records.find((r): r is Extract<JournalRecord, { type: 'item-end' }> => r.type === 'item-end' && r.index === index);
  }

  itemStart(index: number): Extract<JournalRecord, { type: 'item' }> | undefined {
    return this.records.find((r): r is Extract<JournalRecord, { type: 'item' }> => r.type === 'item' && r.index === index);
  }

  stepDone(index: number, step: number): Extract<JournalRecord, { type: 'step' }> | undefined {
    return this.records.find((r): r is Extract<JournalRecord, { type: 'step' }> => r.type === 'step' && r.index === index && r.step === step && r.status === 'done');
  }

  /** One line per item: what is finished and what remains. */
  summary(): Array<{ name: string; status: 'not started' | 'in progress' | ItemOutcome; stepsDone: number; steps: number; reason?: string }> {
    return this.plan.items.map((item, index) => {
      const end = this.itemEnd(index);
      const stepsDone = item.steps.filter((_, j) => this.stepDone(index, j)).length;
      if (end) return { name: item.name, status: end.outcome, stepsDone, steps: item.steps.length, ...(end.reason ? { reason: end.reason } : {}) };
      return { name: item.name, status: this.itemStart(index) ? 'in progress' : 'not started', stepsDone, steps: item.steps.length };
    });
  }
}

/** The newest journal without an end record, if any. */
export function findUnfinishedJournal(stateDir: string): Journal | null {
  const dir = journalDir(stateDir);
  if (!existsSync(dir)) return null;
  const candidates = readdirSync(dir)
    .filter((f) => f.endsWith('.journal.jsonl'))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const path of candidates) {
    try {
      const j = Journal.read(path);
      if (!j.finished) return j;
    } catch {
      // A damaged journal is reported when it is opened by name; keep looking.
    }
  }
  return null;
}
