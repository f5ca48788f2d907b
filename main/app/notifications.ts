// Notifications through Electron's Notification: a reference is kept until the notification is
// clicked or closed (otherwise it may be garbage-collected and its click lost), and a click opens
// the window the alert is about. A button (where the OS shows them: macOS, Windows) does the fix
// through the same use case as the tray, with its own confirmation dialog, or puts it off ("Later"). Where Electron cannot
// notify, node-notifier takes over.

import type { AlertAction, AlertButton, Notification } from '../core/alerts/alert-policy';
import type { Notifier } from '../core/alerts/notifier';
import type { WindowKind } from '../ipc/contract';
import type { NotificationFactory, NotificationLike } from './electron-types';

export const ACTION_WINDOW: Record<AlertAction, WindowKind> = {
  'open-details': 'details',
  'open-cleanup': 'cleanup',
  'open-walkthrough': 'walkthrough',
};

export class ElectronNotifier implements Notifier {
  private readonly alive = new Set<NotificationLike>();

  constructor(
    private readonly factory: NotificationFactory,
    private readonly openWindow: (kind: WindowKind) => void,
    private readonly fallback: Notifier,
    private readonly runButton: (action: AlertButton['action']) => void = () => undefined,
  ) {}

  get pending(): number {
    return this.alive.size;
  }

  async notify(n: Notification): Promise<void> {
    if (!this.factory.isSupported()) return this.fallback.notify(n);
    const shown = this.factory.create({
      title: n.title,
      body: n.body,
      urgency: n.urgency,
      ...(n.buttons?.length ? { actions: n.buttons.map((b) => ({ type: 'button' as const, text: b.label })) } : {}),
    });
    this.alive.add(shown);
    const release = () => this.alive.delete(shown);
    shown.on('click', () => {
      release();
      this.openWindow(ACTION_WINDOW[n.action]);
    });
    // Electron passes the button's index after the event.
    shown.on('action', (_event, index) => {
      release();
      const button = n.buttons?.[typeof index === 'number' ? index : 0];
      if (button) this.runButton(button.action);
    });
    shown.on('close', release);
    shown.on('failed', (...args) => {
      release();
      // The OS refused it (e.g. no notification service): try node-notifier instead.
      void this.fallback.notify(n).catch(() => undefined);
      void args;
    });
    shown.show();
  }
}
