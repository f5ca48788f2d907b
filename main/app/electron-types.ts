// The few Electron APIs the shell uses, as small interfaces. The shell's modules depend on these,
// not on 'electron', so unit tests drive them with a typed fake (main/app/testing/fake-electron.ts);
// only main.ts and preload.ts import Electron itself.

import type { MenuItemConstructorOptions, NativeImage, WebPreferences } from 'electron';

export type { MenuItemConstructorOptions, WebPreferences };

export interface TrayLike {
  setImage(image: NativeImage | string): void;
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  destroy(): void;
}

export interface MenuFactory {
  buildFromTemplate(template: MenuItemConstructorOptions[]): unknown;
}

export interface WebContentsLike {
  id: number;
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface BrowserWindowLike {
  webContents: WebContentsLike;
  loadFile(path: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  show(): void;
  focus(): void;
  isMinimized(): boolean;
  restore(): void;
  isDestroyed(): boolean;
}

export interface BrowserWindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  show: boolean;
  autoHideMenuBar: boolean;
  backgroundColor: string;
  webPreferences: WebPreferences;
}

export type BrowserWindowFactory = (options: BrowserWindowOptions) => BrowserWindowLike;

export interface NotificationLike {
  on(event: 'click' | 'close' | 'failed' | 'action', listener: (...args: unknown[]) => void): unknown;
  show(): void;
}

export interface NotificationFactory {
  isSupported(): boolean;
  create(options: {
    title: string;
    body: string;
    urgency?: 'low' | 'normal' | 'critical';
    silent?: boolean;
    actions?: Array<{ type: 'button'; text: string }>;
  }): NotificationLike;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcEventLike {
  sender: { id: number };
  senderFrame: { url: string } | null;
}

export interface DialogLike {
  showMessageBox(options: {
    type: 'warning' | 'question' | 'info';
    title: string;
    message: string;
    detail: string;
    buttons: string[];
    defaultId: number;
    cancelId: number;
    noLink?: boolean;
  }): Promise<{ response: number }>;
}

export interface LoginItemApi {
  setLoginItemSettings(settings: {
    openAtLogin: boolean;
    openAsHidden?: boolean;
    path?: string;
    args?: string[];
  }): void;
  getLoginItemSettings(): { openAtLogin: boolean };
}
