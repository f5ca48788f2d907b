import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EciChecker } from '../verify/check';
import { processStartTime } from '../store/lock-file';
import { RELAUNCH_LOCK_FILE, RelaunchService } from './relaunch-service';

const dirs: string[] = [];
const children: ChildProcess[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'eci-relaunch-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** No engine answers: the warning says nothing runs; nothing else of the checker is reached here. */
const checker = {
  engine: () => {
    throw new Error('no engine');
  },
} as unknown as EciChecker;

/** The lock as another process (the app, another CLI) leaves it while its relaunch runs. */
function heldByAnotherProcess(state: string, alive: boolean): Promise<void> {
  const child = spawn(alive ? 'sleep' : 'true', alive ? ['300'] : [], { stdio: 'ignore' });
  children.push(child);
  const write = () =>
    writeFileSync(
      join(state, RELAUNCH_LOCK_FILE),
      JSON.stringify({ pid: child.pid, start: processStartTime(child.pid!), since: new Date().toISOString() }),
    );
  if (alive) {
    write();
    return Promise.resolve();
  }
  // Written while it ran, then it ended (a crashed relaunch).
  write();
  return new Promise((r) => child.once('exit', () => r()));
}

describe.skipIf(process.platform === 'win32')('one relaunch at a time across processes', () => {
  it('another process relaunching: busy, nobody is asked', async () => {
    const state = fresh();
    await heldByAnotherProcess(state, true);
    let asked = 0;
    const run = await new RelaunchService(async () => (asked++, true), {}, state).run(checker);
    expect(run).toEqual({ kind: 'busy' });
    expect(asked).toBe(0);
  });

  it('a relaunch that crashed leaves no lock in the way; ours is released when it ends', async () => {
    const state = fresh();
    await heldByAnotherProcess(state, false);
    let asked = 0;
    const run = await new RelaunchService(async () => (asked++, false), {}, state).run(checker);
    expect(run).toEqual({ kind: 'declined' });
    expect(asked).toBe(1);
    expect(existsSync(join(state, RELAUNCH_LOCK_FILE))).toBe(false);
  });

  it('while one is being confirmed, a second service on the same state folder is busy', async () => {
    const state = fresh();
    let answer!: (yes: boolean) => void;
    const first = new RelaunchService(() => new Promise<boolean>((r) => (answer = r)), {}, state).run(checker);
    // The first has the lock once its dialog is up.
    for (let i = 0; i < 2000 && !answer; i++) await new Promise((r) => setTimeout(r, 5));
    expect(existsSync(join(state, RELAUNCH_LOCK_FILE))).toBe(true);
    expect(await new RelaunchService(async () => true, {}, state).run(checker)).toEqual({ kind: 'busy' });
    answer(false);
    expect(await first).toEqual({ kind: 'declined' });
    expect(existsSync(join(state, RELAUNCH_LOCK_FILE))).toBe(false);
  });
});
