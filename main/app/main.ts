// The app's entry point (Electron main process). Thin: a launch with a command runs the CLI
// headless (launch.ts); otherwise it starts quietly (tray first, no window, no Dock icon), wires
// Electron's APIs into the shell modules and AppCore, and follows the app's lifecycle
// (lifecycle.ts). Only this file and the preload import Electron's values; the shell's modules
// take them as parameters.

import { autoUpdater } from 'electron-updater';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  Notification,
  powerMonitor,
  session,
  shell,
  Tray,
} from 'electron';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { processIO } from '../cli/io';
import { runCli } from '../cli/run';
import type { AlertButton } from '../core/alerts/alert-policy';
import { nodeNotifier } from '../core/alerts/node-notifier';
import { failSafe, type Notifier } from '../core/alerts/notifier';
import { hostManagedDeps, readManagedPreferences } from '../core/preferences/managed-preferences-source';
import { stateDir } from '../core/store/state-dir';
import { UpdateService } from '../core/updates/update-service';
import { AppCore, type AppPorts } from './app-core';
import { confirmWithDialog } from './confirm-dialog';
import { corePorts } from './core-ports';
import { e2eSeen, exposeE2eHook } from './e2e-hook';
import { registerIpc } from './ipc-main';
import { flushStdio, launch } from './launch';
import { followLifecycle } from './lifecycle';
import { ElectronNotifier } from './notifications';
import { relaunchAction, trayActions } from './tray-actions';
import { TrayController } from './tray-controller';
import { trayIconLoader } from './tray-icon';
import { electronUpdaterPort } from './updater';
import { appPageMatcher, denyAllPermissions } from './web-security';
import { WindowManager } from './window-manager';

const APP_ID = 'io.ecitray.app';
const root = join(__dirname, '..', '..');
const rendererDir = join(root, 'dist', 'renderer');
const preloadPath = join(root, 'dist', 'preload', 'preload.js');
const log = (m: string) => process.stderr.write(`eci-tray: ${m}\n`);

// Tests and portable setups may keep the app's data elsewhere (before the single-instance lock,
// which is held per user-data folder).
if (process.env['ECI_TRAY_USER_DATA']) app.setPath('userData', process.env['ECI_TRAY_USER_DATA']);

// `<app> check --json` (an MDM script) runs the CLI headless and exits; no word starts the tray.
launch({
  app,
  argv: process.argv,
  defaultApp: process.defaultApp === true,
  platform: process.platform,
  runCli,
  io: processIO,
  flush: flushStdio,
  startTray: () => {
    // Security checklist 4. Enable process sandboxing: every renderer runs in Chromium's sandbox,
    // whatever a window asks for (web-security.ts cites the other items).
    app.enableSandbox();
    // A tray app that mostly waits: V8's lite mode keeps the main process small.
    app.commandLine.appendSwitch('js-flags', '--lite-mode');
    void start();
  },
});

// The app as a table of contents: each step is a function below or a module of its own.
async function start(): Promise<void> {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  await app.whenReady();
  if (process.platform === 'darwin') app.dock?.hide();
  denyAllPermissions(session.defaultSession);
  const windows = createWindows();
  // The tray's item and a notification's button: one relaunch action (core is set just below).
  const relaunch = relaunchAction(() => core.relaunch(), log);
  const notifier = createNotifier(windows, relaunch, (later) => core.notificationLater(later));
  const ports = corePorts({ electron: { app, dialog, shell, clipboard }, notifier, windows, root, log });
  const core = createCore(ports);
  // The tray comes first, before any check: the user sees the app at once.
  const { tray, controller } = createTray(core, windows, relaunch);
  registerIpc(ipcMain, core.handlers(), (event) => windows.isTrustedSender(event), log);
  const updates = startUpdates(core);
  followLifecycle({ app, powerMonitor, core, windows, tray, updates });
  exposeE2eHook(core, windows, controller);
  void core.start();
}

function createWindows(): WindowManager {
  return new WindowManager({
    // The security preferences are repeated literally so static checks (Electronegativity) see them.
    create: (options) =>
      new BrowserWindow({
        ...options,
        webPreferences: {
          ...options.webPreferences,
          nodeIntegration: false,
          contextIsolation: true,
          sandbox: true,
          webviewTag: false,
          disableBlinkFeatures: 'Auxclick',
        },
      }),
    rendererDir,
    preloadPath,
    isAppPage: appPageMatcher(pathToFileURL(rendererDir).href),
    dark: () => nativeTheme.shouldUseDarkColors,
  });
}

/** Electron's notifications, node-notifier where Electron cannot notify; never throws at AppCore. */
function createNotifier(
  windows: WindowManager,
  relaunch: () => void,
  later: (action: Exclude<AlertButton['action'], 'relaunch'>) => void,
): Notifier {
  const notifier = new ElectronNotifier(
    { isSupported: () => Notification.isSupported(), create: (o) => e2eSeen(new Notification(o), o.title) },
    (kind) => windows.open(kind),
    failSafe(nodeNotifier(), log),
    (action) => {
      if (action === 'relaunch') relaunch();
      else later(action);
    },
  );
  return failSafe(notifier, log);
}

function createCore(ports: AppPorts): AppCore {
  return new AppCore({
    userDataDir: app.getPath('userData'),
    stateDir: stateDir(),
    appVersion: app.getVersion(),
    managed: readManagedPreferences(hostManagedDeps(userInfo().username)),
    ports,
  });
}

function createTray(core: AppCore, windows: WindowManager, relaunch: () => void) {
  app.setAboutPanelOptions({ applicationName: 'ECI Tray', applicationVersion: app.getVersion() });
  const icon = trayIconLoader(root, process.platform, (path) => nativeImage.createFromPath(path));
  const tray = new Tray(icon('inactive'));
  const controller: TrayController = new TrayController({
    tray,
    menu: Menu,
    icon,
    startAtLogin: () => core.preferences().startAtLogin,
    version: app.getVersion(),
    recent: () => core.recentChanges(),
    actions: trayActions({
      core,
      relaunch,
      openWindow: (kind) => windows.open(kind),
      refresh: (view) => controller.update(view),
      quit: () => app.quit(),
      // The OS's own About panel, with the version.
      about: () => app.showAboutPanel(),
      log,
    }),
  });
  core.onViewChanged((view) => controller.update(view));
  controller.update(core.view());
  return { tray, controller };
}

/**
 * Updates of the app itself: packaged builds only, at most daily, never when the organization
 * turned them off; a restart only after the user's yes.
 */
function startUpdates(core: AppCore): UpdateService {
  const updates = new UpdateService({
    port: app.isPackaged ? electronUpdaterPort(autoUpdater, log) : null,
    enabled: () => core.managed.values.autoUpdate !== false,
    confirm: (request) => confirmWithDialog(dialog, request),
    prefs: core.prefs,
    log,
  });
  updates.start();
  return updates;
}
