// The walkthrough desk's channels: skipping the re-create step is kept in the preferences even
// while a cleanup holds the lock, and re-creating is refused unless a fresh verification shows
// ECI in effect. No engine: the endpoint is a socket nobody serves.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanupLockPath, processStartTime } from '../core/cleanup/cleanup-lock';
import { CleanupService } from '../core/cleanup/cleanup-service';
import { PreferencesStore } from '../core/preferences/preferences';
import type { MonitorState } from '../core/monitor/monitor-state';
import { confirmWithDialog } from './confirm-dialog';
import { noEngineEnv, noEngineVerification, state } from './testing/desk-fixtures';
import { FakeDialog } from './testing/fake-electron';
import { WalkthroughDesk } from './walkthrough-desk';

let dir: string;
let children: ChildProcess[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eci-walkthrough-desk-'));
});
afterEach(() => {
  for (const c of children) c.kill();
  children = [];
  rmSync(dir, { recursive: true, force: true });
});

function desk(current: MonitorState | null = null, dialog = new FakeDialog(1)) {
  const stateDir = join(dir, 'state');
  mkdirSync(stateDir, { recursive: true });
  const prefs = PreferencesStore.load(join(dir, 'preferences.json'));
  const verification = noEngineVerification(dir, current);
  const d = new WalkthroughDesk({
    stateDir,
    prefs,
    cleanup: new CleanupService(stateDir, () => undefined),
    env: noEngineEnv(dir),
    ports: { confirm: (r) => confirmWithDialog(dialog, r), emit: () => undefined, log: () => undefined },
    verification,
  });
  return { handlers: d.handlers(), prefs, verification, dialog };
}

describe('WalkthroughDesk', () => {
  it('skipping the re-create step is kept, even while a cleanup (e.g. the CLI) holds the lock', async () => {
    const { handlers, prefs } = desk();
    const cli = spawn('sleep', ['300'], { stdio: 'ignore' });
    children.push(cli);
    writeFileSync(
      cleanupLockPath(join(dir, 'state')),
      JSON.stringify({ pid: cli.pid, start: processStartTime(cli.pid!), since: new Date().toISOString() }),
    );
    await expect(handlers['walkthrough:skip-recreate']({ skip: true })).resolves.toBeDefined();
    expect(prefs.get().walkthrough.skipRecreate).toBe(true);
    await handlers['walkthrough:skip-recreate']({ skip: false });
    expect(prefs.get().walkthrough.skipRecreate).toBe(false);
  });

  it.each([
    ['no verification', null],
    ['ECI off', state('off', '2026-12-01T12:00:00.000Z')],
  ])('re-creating is refused with %s, before any dialog', async (_name, fresh) => {
    const { handlers, verification, dialog } = desk(fresh);
    await expect(handlers['walkthrough:recreate'](undefined)).rejects.toThrow(
      'ECI is not verified in effect: re-created containers would run without it.',
    );
    expect(verification.checksAsked).toBe(1);
    expect(dialog.asked).toEqual([]);
  });
});
