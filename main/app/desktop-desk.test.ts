// The Desktop desk: one relaunch at a time app-wide, whichever asks (the tray, a notification, a
// window), each after its own native dialog; and the broken settings file opened only when the
// last state names one. No engine: the endpoint is a socket nobody serves.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MonitorState } from '../core/monitor/monitor-state';
import type { AppStateView } from '../ipc/contract';
import { confirmWithDialog } from './confirm-dialog';
import { DesktopDesk } from './desktop-desk';
import type { DialogLike } from './electron-types';
import { noEngineEnv, noEngineVerification, state } from './testing/desk-fixtures';
import { FakeDialog } from './testing/fake-electron';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eci-desktop-desk-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function desk(dialog: DialogLike, current: MonitorState | null = null, openFile?: (path: string) => Promise<void>) {
  let published = 0;
  const d = new DesktopDesk({
    stateDir: dir,
    env: noEngineEnv(dir),
    ports: {
      confirm: (r) => confirmWithDialog(dialog, r),
      emit: () => undefined,
      log: () => undefined,
      ...(openFile ? { openFile } : {}),
    },
    verification: noEngineVerification(dir, current),
    view: () => ({}) as AppStateView,
    publish: () => void published++,
  });
  return { desk: d, published: () => published };
}

describe('relaunch', () => {
  it('one at a time app-wide: a second request while one is being confirmed gets "already being quit and reopened"', async () => {
    let answer!: (n: number) => void;
    const asked: unknown[] = [];
    const dialog: DialogLike = {
      showMessageBox: (o) => {
        asked.push(o);
        return new Promise((r) => (answer = (n) => r({ response: n })));
      },
    };
    const { desk: d, published } = desk(dialog);
    const first = d.relaunch();
    await expect.poll(() => asked.length).toBe(1);
    // The tray and a window ask again: refused, no second dialog.
    expect(await d.relaunch()).toEqual({
      confirmed: false,
      error: 'Docker Desktop is already being quit and reopened.',
    });
    expect(await d.handlers()['desktop:relaunch'](undefined)).toEqual({
      confirmed: false,
      error: 'Docker Desktop is already being quit and reopened.',
    });
    expect(asked).toHaveLength(1);
    answer(0);
    expect(await first).toEqual({ confirmed: false });
    // Declined: nothing was under way, so nothing to show.
    expect([d.relaunching, published()]).toEqual([false, 0]);
    // Finished: the next request is asked again.
    const next = d.relaunch();
    await expect.poll(() => asked.length).toBe(2);
    answer(0);
    expect(await next).toEqual({ confirmed: false });
  });
});

describe('the broken settings file', () => {
  const admin = '/Library/Application Support/com.docker.docker/admin-settings.json';
  const broken = (blocks: boolean): MonitorState => {
    const s = state('off', '2026-12-01T12:00:00.000Z');
    const problem = { file: admin, kind: 'invalid-json' as const, severity: 'error' as const, message: 'bad' };
    return { ...s, report: { ...s.report, settingsProblems: [{ ...problem, blocksDockerDesktop: blocks }] } };
  };

  it.each([
    ['no state', null],
    ['a problem that does not keep Desktop from starting', broken(false)],
  ])('with %s, there is nothing to open', async (_name, current) => {
    const opened: string[] = [];
    const { desk: d } = desk(new FakeDialog(0), current, async (p) => void opened.push(p));
    await expect(d.handlers()['settings:open-broken-file'](undefined)).rejects.toThrow(
      'No settings file is broken now.',
    );
    expect(opened).toEqual([]);
  });

  it('opens the file that keeps Desktop from starting, or says where it is when nothing can open it', async () => {
    const opened: string[] = [];
    const openable = desk(new FakeDialog(0), broken(true), async (p) => void opened.push(p)).desk;
    await openable.handlers()['settings:open-broken-file'](undefined);
    expect(opened).toEqual([admin]);
    await expect(
      desk(new FakeDialog(0), broken(true)).desk.handlers()['settings:open-broken-file'](undefined),
    ).rejects.toThrow(`Open ${admin} in your editor.`);
  });
});
