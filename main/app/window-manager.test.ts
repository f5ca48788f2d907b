import { describe, expect, it } from 'vitest';
import { IPC_EVENT } from '../ipc/contract';
import { FakeBrowserWindow } from './testing/fake-electron';
import { appPageMatcher } from './web-security';
import { WindowManager } from './window-manager';

function manager() {
  const created: FakeBrowserWindow[] = [];
  const windows = new WindowManager({
    create: (o) => {
      const w = new FakeBrowserWindow(o);
      created.push(w);
      return w;
    },
    rendererDir: '/opt/eci/dist/renderer',
    preloadPath: '/opt/eci/dist/preload/preload.js',
    isAppPage: appPageMatcher('file:///opt/eci/dist/renderer'),
  });
  return { windows, created };
}

describe('WindowManager', () => {
  it('creates a window on demand, with the secure preferences and the page, shown when ready', () => {
    const { windows, created } = manager();
    windows.open('details');
    expect(created).toHaveLength(1);
    const w = created[0]!;
    expect(w.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: '/opt/eci/dist/preload/preload.js',
    });
    expect(w.options.show).toBe(false);
    expect(w.loaded).toBe('/opt/eci/dist/renderer/details/index.html');
    w.fire('ready-to-show');
    expect(w.shown).toBe(1);
    expect(w.webContents.openHandler?.({ url: 'https://x' })).toEqual({ action: 'deny' });
  });

  it('one window per kind: opening again focuses it; closing destroys it', () => {
    const { windows, created } = manager();
    windows.open('cleanup');
    windows.open('cleanup');
    expect(created).toHaveLength(1);
    expect(created[0]!.focused).toBe(1);
    created[0]!.close();
    expect(windows.openCount).toBe(0);
    windows.open('cleanup');
    expect(created).toHaveLength(2);
  });

  it('trusts only its own open windows showing its own pages', () => {
    const { windows, created } = manager();
    windows.open('walkthrough');
    const w = created[0]!;
    const url = 'file:///opt/eci/dist/renderer/walkthrough/index.html';
    expect(windows.isTrustedSender({ sender: { id: w.webContents.id }, senderFrame: { url } })).toBe(true);
    expect(
      windows.isTrustedSender({ sender: { id: w.webContents.id }, senderFrame: { url: 'https://evil.example/' } }),
    ).toBe(false);
    expect(windows.isTrustedSender({ sender: { id: w.webContents.id }, senderFrame: null })).toBe(false);
    expect(windows.isTrustedSender({ sender: { id: 9999 }, senderFrame: { url } })).toBe(false);
    w.close();
    expect(windows.isTrustedSender({ sender: { id: w.webContents.id }, senderFrame: { url } })).toBe(false);
  });

  it('broadcasts events to the open windows only', () => {
    const { windows, created } = manager();
    windows.open('details');
    windows.open('cleanup');
    created[1]!.close();
    windows.broadcast('relaunch:progress', { step: 'starting', message: 'x', elapsedMs: 1 });
    expect(created[0]!.webContents.sent).toEqual([
      [IPC_EVENT, 'relaunch:progress', { step: 'starting', message: 'x', elapsedMs: 1 }],
    ]);
    expect(created[1]!.webContents.sent).toEqual([]);
  });
});
