// A small typed fake of the Electron APIs the shell uses (main/app/electron-types.ts), for unit
// tests that run in plain Node. It records what the shell did and lets tests fire events.

import type {
  BrowserWindowLike,
  BrowserWindowOptions,
  DialogLike,
  IpcEventLike,
  IpcMainLike,
  LoginItemApi,
  MenuFactory,
  MenuItemConstructorOptions,
  NotificationFactory,
  NotificationLike,
  TrayLike,
  WebContentsLike,
} from '../electron-types';

type Listener = (...args: any[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  fire(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((l) => l(...args));
  }
}

let nextId = 1;

export class FakeWebContents extends Emitter implements WebContentsLike {
  id = nextId++;
  sent: Array<[string, ...unknown[]]> = [];
  destroyed = false;
  openHandler: ((d: { url: string }) => { action: 'deny' | 'allow' }) | null = null;
  setWindowOpenHandler(handler: (d: { url: string }) => { action: 'deny' | 'allow' }): void {
    this.openHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Simulates a navigation attempt; returns whether it was prevented. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    let prevented = false;
    this.fire(event, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

export class FakeBrowserWindow extends Emitter implements BrowserWindowLike {
  webContents = new FakeWebContents();
  loaded: string | null = null;
  shown = 0;
  focused = 0;
  destroyed = false;
  constructor(readonly options: BrowserWindowOptions) {
    super();
  }
  async loadFile(path: string): Promise<void> {
    this.loaded = path;
  }
  show(): void {
    this.shown++;
  }
  focus(): void {
    this.focused++;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Simulates the user closing the window. */
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.fire('closed');
  }
}

export class FakeTray implements TrayLike {
  images: unknown[] = [];
  tooltips: string[] = [];
  menus: unknown[] = [];
  destroyed = false;
  setImage(image: unknown): void {
    this.images.push(image);
  }
  setToolTip(text: string): void {
    this.tooltips.push(text);
  }
  setContextMenu(menu: unknown): void {
    this.menus.push(menu);
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export const fakeMenu: MenuFactory = { buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }) };

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: IpcEventLike, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return Promise.resolve(handler(event, ...args));
  }
}

export class FakeNotification extends Emitter implements NotificationLike {
  shown = false;
  constructor(
    readonly options: {
      title: string;
      body: string;
      urgency?: string;
      actions?: Array<{ type: 'button'; text: string }>;
    },
  ) {
    super();
  }
  show(): void {
    this.shown = true;
  }
}

export class FakeNotificationFactory implements NotificationFactory {
  created: FakeNotification[] = [];
  constructor(private readonly supported = true) {}
  isSupported(): boolean {
    return this.supported;
  }
  create(options: {
    title: string;
    body: string;
    urgency?: 'low' | 'normal' | 'critical';
    actions?: Array<{ type: 'button'; text: string }>;
  }): FakeNotification {
    const n = new FakeNotification(options);
    this.created.push(n);
    return n;
  }
}

export class FakeDialog implements DialogLike {
  asked: Array<Parameters<DialogLike['showMessageBox']>[0]> = [];
  constructor(public answer: number) {}
  async showMessageBox(options: Parameters<DialogLike['showMessageBox']>[0]): Promise<{ response: number }> {
    this.asked.push(options);
    return { response: this.answer };
  }
}

export class FakeLoginItems implements LoginItemApi {
  settings: Array<Parameters<LoginItemApi['setLoginItemSettings']>[0]> = [];
  setLoginItemSettings(settings: Parameters<LoginItemApi['setLoginItemSettings']>[0]): void {
    this.settings.push(settings);
  }
  getLoginItemSettings(): { openAtLogin: boolean } {
    return { openAtLogin: this.settings.at(-1)?.openAtLogin ?? false };
  }
}

/** The `app` a launch uses (main/app/launch.ts): records the lock, switches, exit code and quits. */
export class FakeApp {
  lockRequests = 0;
  /** Whether another instance already holds the single-instance lock. */
  constructor(private readonly lockHeldElsewhere = false) {}
  exits: number[] = [];
  quits = 0;
  hardwareAccelerationDisabled = false;
  switches: Array<[string, string | undefined]> = [];
  dockHidden = 0;
  readonly commandLine = { appendSwitch: (name: string, value?: string) => void this.switches.push([name, value]) };
  readonly dock = { hide: () => void this.dockHidden++ };
  requestSingleInstanceLock(): boolean {
    this.lockRequests++;
    return !this.lockHeldElsewhere;
  }
  quit(): void {
    this.quits++;
  }
  exit(code: number): void {
    this.exits.push(code);
  }
  disableHardwareAcceleration(): void {
    this.hardwareAccelerationDisabled = true;
  }
}
