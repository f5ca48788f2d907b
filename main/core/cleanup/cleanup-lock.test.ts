import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  acquireCleanupLock,
  cleanupLockHolder,
  cleanupLockPath,
  CleanupLockedError,
  holderAlive,
  processStartTime,
} from './cleanup-lock';

const dirs: string[] = [];
const children: ChildProcess[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'eci-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A live process that is not us (a sleeping shell). */
function liveProcess(): ChildProcess {
  const child = spawn('sleep', ['300'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn('true', [], { stdio: 'ignore' });
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

const writeLock = (state: string, holder: object) => writeFileSync(cleanupLockPath(state), JSON.stringify(holder));

describe.skipIf(process.platform === 'win32')('the cleanup lock', () => {
  it('reads a process start time that differs from a later process', async () => {
    const a = liveProcess();
    const start = processStartTime(a.pid!);
    expect(start).toMatch(/\S/);
    expect(processStartTime(a.pid!)).toBe(start);
    expect(processStartTime(await deadPid())).toBeNull();
  });

  it('is exclusive: a second acquire (even in the same process) is refused naming the holder; release frees it', () => {
    const state = fresh();
    const release = acquireCleanupLock(state);
    expect(cleanupLockHolder(state)).toMatchObject({ pid: process.pid });
    expect(() => acquireCleanupLock(state)).toThrow(CleanupLockedError);
    expect(() => acquireCleanupLock(state)).toThrow(`another cleanup is running (process ${process.pid}`);
    release();
    expect(existsSync(cleanupLockPath(state))).toBe(false);
    expect(cleanupLockHolder(state)).toBeNull();
    acquireCleanupLock(state)();
  });

  it('refuses a lock held by another live process', () => {
    const state = fresh();
    const holder = liveProcess();
    writeLock(state, { pid: holder.pid, start: processStartTime(holder.pid!), since: '2026-01-01T00:00:00.000Z' });
    expect(() => acquireCleanupLock(state)).toThrow(`process ${holder.pid}`);
    expect(cleanupLockHolder(state)).toMatchObject({ pid: holder.pid });
  });

  it('takes over a stale lock whose holder died', async () => {
    const state = fresh();
    writeLock(state, { pid: await deadPid(), start: '12345', since: '2026-01-01T00:00:00.000Z' });
    expect(cleanupLockHolder(state)).toBeNull();
    const release = acquireCleanupLock(state);
    expect(JSON.parse(readFileSync(cleanupLockPath(state), 'utf8'))).toMatchObject({ pid: process.pid });
    release();
  });

  it('takes over a lock whose pid was reused by another program (same pid, other start time)', () => {
    const state = fresh();
    const other = liveProcess();
    const reused = { pid: other.pid!, start: `${processStartTime(other.pid!)}0`, since: '2026-01-01T00:00:00.000Z' };
    expect(holderAlive(reused)).toBe(false);
    writeLock(state, reused);
    acquireCleanupLock(state)();
  });

  it("a release after a takeover does not remove the new holder's lock", async () => {
    const state = fresh();
    const release = acquireCleanupLock(state);
    // Someone decided our lock was stale and took it (simulated): our release must leave theirs.
    const holder = liveProcess();
    writeLock(state, { pid: holder.pid, start: processStartTime(holder.pid!), since: 'now' });
    release();
    expect(cleanupLockHolder(state)).toMatchObject({ pid: holder.pid });
  });

  it('when several processes find the same stale lock at once, exactly one takes it', async () => {
    const state = fresh();
    writeLock(state, { pid: await deadPid(), start: '1', since: '2026-01-01T00:00:00.000Z' });
    const contenders = Array.from({ length: 4 }, () => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(__dirname, 'testing', 'lock-contender.ts'), state],
        { stdio: ['pipe', 'pipe', 'inherit'] },
      );
      children.push(child);
      return new Promise<string>((resolve) => {
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(out.trim());
        });
      });
    });
    const results = await Promise.all(contenders);
    expect(results.filter((r) => r === 'won')).toHaveLength(1);
    const winner = children.find((_, i) => results[i] === 'won')!;
    expect(results.filter((r) => r !== 'won')).toEqual(Array(3).fill(`refused ${winner.pid}`));
    for (const c of children) c.stdin?.end();
    await Promise.all(children.filter((c) => c.exitCode === null).map((c) => new Promise((r) => c.once('exit', r))));
    expect(cleanupLockHolder(state)).toBeNull();
  }, 60_000);
});
