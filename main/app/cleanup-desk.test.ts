// The cleanup desk's channels with the typed Electron fake behind the confirmation port: a running
// cleanup is never offered as interrupted, a journal changed outside ECI Tray is refused, and a
// plan is applied only by its id, after the user's yes. No engine: the endpoint is a socket
// nobody serves.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanupLockPath, processStartTime } from '../core/cleanup/cleanup-lock';
import { Journal } from '../core/cleanup/journal';
import { fixturePlan } from '../core/cleanup/testing/fixtures';
import { CleanupDesk } from './cleanup-desk';
import { confirmWithDialog } from './confirm-dialog';
import { noEngineVerification } from './testing/desk-fixtures';
import { FakeDialog } from './testing/fake-electron';

let dir: string;
let children: ChildProcess[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eci-cleanup-desk-'));
});
afterEach(() => {
  for (const c of children) c.kill();
  children = [];
  rmSync(dir, { recursive: true, force: true });
});

function desk(dialog: FakeDialog) {
  const logs: string[] = [];
  const removed: string[] = [];
  const verification = noEngineVerification(dir);
  const d = new CleanupDesk(
    join(dir, 'state'),
    { confirm: (r) => confirmWithDialog(dialog, r), emit: () => undefined, log: (m) => void logs.push(m) },
    verification,
    (_result, plan) => void removed.push(plan.id),
  );
  return { handlers: d.handlers(), logs, removed, verification };
}

describe('interrupted cleanups', () => {
  it('a cleanup that is running (lock held by a live process, e.g. the CLI) is not offered as interrupted', async () => {
    const { handlers } = desk(new FakeDialog(0));
    const state = join(dir, 'state');
    const journal = Journal.create(state, fixturePlan());
    const interrupted = handlers['cleanup:interrupted'];
    expect(await interrupted(undefined)).toMatchObject({ planId: journal.plan.id, notice: null });

    const cli = spawn('sleep', ['300'], { stdio: 'ignore' });
    children.push(cli);
    writeFileSync(
      cleanupLockPath(state),
      JSON.stringify({ pid: cli.pid, start: processStartTime(cli.pid!), since: new Date().toISOString() }),
    );
    expect(await interrupted(undefined)).toBeNull();

    // The holder died: the cleanup is interrupted after all.
    cli.kill();
    await new Promise((r) => cli.once('exit', r));
    expect(await interrupted(undefined)).toMatchObject({ planId: journal.plan.id });
  });

  it('a journal changed outside ECI Tray is not offered, and resuming says why', async () => {
    const { handlers, logs, removed } = desk(new FakeDialog(1));
    const journal = Journal.create(join(dir, 'state'), fixturePlan());
    writeFileSync(
      journal.path,
      readFileSync(journal.path, 'utf8').replace('"strategy":"remove"', '"strategy":"recreate"'),
    );
    expect(await handlers['cleanup:interrupted'](undefined)).toBeNull();
    await expect(handlers['cleanup:resume'](undefined)).rejects.toThrow(
      /cannot be resumed: the cleanup journal .* does not match its signature/,
    );
    expect(logs.some((l) => l.includes('cleanup journal refused'))).toBe(true);
    expect(removed).toEqual([]);
  });
});

describe('discarding an interrupted cleanup', () => {
  it('after a yes the journal is set aside (kept, renamed) and no longer offered; a no changes nothing', async () => {
    const state = join(dir, 'state');
    const journal = Journal.create(state, fixturePlan());
    journal.append({ type: 'item', index: 0, spec: null });
    const before = readFileSync(journal.path, 'utf8');
    const no = new FakeDialog(0);
    expect(await desk(no).handlers['cleanup:discard']({ planId: journal.plan.id })).toEqual({ confirmed: false });
    expect(no.asked[0]).toMatchObject({ title: 'Discard the interrupted cleanup?' });
    expect(no.asked[0]!.detail).toContain('No container, image or volume is removed or put back');
    // The item under way is named: it stays as it is, half done.
    expect(no.asked[0]!.detail).toContain(`${journal.plan.items[0]!.name} was midway`);
    expect(readFileSync(journal.path, 'utf8')).toBe(before);

    const { handlers, logs, verification } = desk(new FakeDialog(1));
    expect(await handlers['cleanup:discard']({ planId: journal.plan.id })).toEqual({ discarded: true });
    expect(existsSync(journal.path)).toBe(false);
    expect(readFileSync(`${journal.path}.discarded`, 'utf8')).toBe(before);
    expect(await handlers['cleanup:interrupted'](undefined)).toBeNull();
    expect(logs.some((l) => l.includes(`${journal.plan.id} discarded`))).toBe(true);
    // Nothing asked the engine anything: no container is touched.
    expect(verification.checksAsked).toBe(0);
  });

  it('another plan id, or none interrupted, is refused before any dialog', async () => {
    const dialog = new FakeDialog(1);
    const { handlers } = desk(dialog);
    const planId = fixturePlan().id;
    await expect(handlers['cleanup:discard']({ planId })).rejects.toThrow('There is no interrupted cleanup to resume.');
    const journal = Journal.create(join(dir, 'state'), fixturePlan());
    const other = planId.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    await expect(handlers['cleanup:discard']({ planId: other })).rejects.toThrow('no longer there');
    expect(dialog.asked).toEqual([]);
    expect(readdirSync(join(dir, 'state', 'cleanup')).filter((f) => f.endsWith('.discarded'))).toEqual([]);
    expect(existsSync(journal.path)).toBe(true);
  });
});

describe('plans and the engine', () => {
  it('a plan id the desk did not make is refused before any dialog', async () => {
    const dialog = new FakeDialog(1);
    const { handlers, verification } = desk(dialog);
    await expect(handlers['cleanup:apply']({ planId: fixturePlan().id })).rejects.toThrow(
      'This plan is no longer available: make a new plan.',
    );
    expect(dialog.asked).toEqual([]);
    expect(verification.checksAsked).toBe(0);
  });

  it('the audit says to start Docker Desktop when no engine answers', async () => {
    await expect(desk(new FakeDialog(0)).handlers['containers:audit'](undefined)).rejects.toThrow(
      'No Docker engine answers: start Docker Desktop, then try again.',
    );
  });
});
