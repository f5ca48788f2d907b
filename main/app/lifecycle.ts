// How the running tray app follows Electron's lifecycle: a second launch opens the details
// window, waking up or unlocking re-checks, no window open is no reason to quit, and quitting
// waits for an in-flight probe to clean up.

import type { App, PowerMonitor } from 'electron';
import type { UpdateService } from '../core/updates/update-service';
import type { AppCore } from './app-core';
import type { TrayLike } from './electron-types';
import type { WindowManager } from './window-manager';

export interface LifecycleDeps {
  app: App;
  powerMonitor: PowerMonitor;
  core: AppCore;
  windows: WindowManager;
  tray: TrayLike;
  updates: UpdateService;
}

export function followLifecycle({ app, powerMonitor, core, windows, tray, updates }: LifecycleDeps): void {
  // A second launch (e.g. from the app menu) opens the details window.
  app.on('second-instance', () => windows.open('details'));
  // Waking up or unlocking: the monitor re-checks what changed (settings, Desktop's processes) and
  // probes only then, so a Docker Desktop in Resource Saver is not woken at every unlock.
  powerMonitor.on('resume', () => core.resumed());
  powerMonitor.on('unlock-screen', () => core.resumed());
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => undefined);
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    // Let an in-flight probe remove its containers before leaving; then quit for real (not
    // app.exit, which skips the quit events: a downloaded update installs on 'quit').
    updates.stop();
    void core.stop().finally(() => {
      tray.destroy();
      app.quit();
    });
  });
}
