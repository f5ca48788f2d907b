// The windows (details, cleanup, walkthrough, preferences): created on demand, one of each, destroyed on close
// so that at rest only the main process runs. Knows which web contents are ours, for the IPC
// sender check, and broadcasts events to them.

import { join } from 'node:path';
import { IPC_EVENT, type EventChannel, type EventPayloads, type WindowKind } from '../ipc/contract';
import type { BrowserWindowFactory, BrowserWindowLike, IpcEventLike } from './electron-types';
import { hardenWebContents, windowWebPreferences } from './web-security';
import { BEFORE_ECI_TITLE } from '../core/words';

export const WINDOW_SPECS: Record<WindowKind, { title: string; width: number; height: number }> = {
  details: { title: 'ECI Tray: Details', width: 760, height: 820 },
  cleanup: { title: `ECI Tray: ${BEFORE_ECI_TITLE}`, width: 900, height: 820 },
  walkthrough: { title: 'ECI Tray: Walkthrough', width: 820, height: 880 },
  preferences: { title: 'ECI Tray: Preferences', width: 760, height: 720 },
};

export interface WindowManagerDeps {
  create: BrowserWindowFactory;
  rendererDir: string;
  preloadPath: string;
  isAppPage: (url: string) => boolean;
  dark?: () => boolean;
}

export class WindowManager {
  private readonly windows = new Map<WindowKind, BrowserWindowLike>();
  private readonly trusted = new Set<number>();

  constructor(private readonly deps: WindowManagerDeps) {}

  open(kind: WindowKind): BrowserWindowLike {
    const existing = this.windows.get(kind);
    if (existing && !existing.isDestroyed()) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return existing;
    }
    const spec = WINDOW_SPECS[kind];
    const win = this.deps.create({
      width: spec.width,
      height: spec.height,
      minWidth: 480,
      minHeight: 400,
      title: spec.title,
      show: false,
      autoHideMenuBar: true,
      backgroundColor: this.deps.dark?.() ? '#1e1e1e' : '#ffffff',
      webPreferences: windowWebPreferences(this.deps.preloadPath),
    });
    const id = win.webContents.id;
    hardenWebContents(win.webContents, this.deps.isAppPage);
    this.trusted.add(id);
    this.windows.set(kind, win);
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      this.trusted.delete(id);
      if (this.windows.get(kind) === win) this.windows.delete(kind);
    });
    void win.loadFile(join(this.deps.rendererDir, kind, 'index.html'));
    return win;
  }

  get openCount(): number {
    return this.windows.size;
  }

  /**
   * Security checklist 17. Validate the sender of all IPC messages: a message counts only when it
   * comes from one of our windows, showing one of our pages (a window's contents can outlive the
   * page it was made for).
   */
  isTrustedSender(event: IpcEventLike): boolean {
    if (!this.trusted.has(event.sender.id)) return false;
    const url = event.senderFrame?.url;
    return !!url && this.deps.isAppPage(url);
  }

  broadcast<E extends EventChannel>(event: E, payload: EventPayloads[E]): void {
    for (const win of this.windows.values()) {
      if (!win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(IPC_EVENT, event, payload);
    }
  }
}
