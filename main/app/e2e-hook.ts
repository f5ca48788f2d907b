// End-to-end tests (e2e/electron/*.spec.ts) read what the app did through a hook on globalThis,
// set only when ECI_TRAY_E2E=1: the notifications Electron showed, the tray menu, the windows,
// the verdict. Without that variable nothing is recorded or exposed.

import type { WindowKind } from '../ipc/contract';
import type { AppCore } from './app-core';
import type { TrayController } from './tray-controller';
import type { WindowManager } from './window-manager';

export const e2e = process.env['ECI_TRAY_E2E'] === '1';
const notificationsSeen = { created: [] as string[], shown: [] as string[] };

/** Records a notification Electron made, and when it was shown. */
export function e2eSeen<T extends { on(event: 'show', listener: () => void): unknown }>(n: T, title: string): T {
  if (!e2e) return n;
  notificationsSeen.created.push(title);
  n.on('show', () => notificationsSeen.shown.push(title));
  return n;
}

export function exposeE2eHook(core: AppCore, windows: WindowManager, trayController: TrayController): void {
  if (!e2e) return;
  (globalThis as Record<string, unknown>)['__eciTray'] = {
    menu: () => trayController.lastMenu.map((i) => (i.kind === 'separator' ? '---' : i.label)),
    open: (kind: WindowKind) => void windows.open(kind),
    windows: () => windows.openCount,
    verdict: () => core.view().state?.report.verdict ?? null,
    notifications: () => structuredClone(notificationsSeen),
  };
}
