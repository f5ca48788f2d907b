// The app's entry point (Electron main process). Thin: a launch with a command runs the CLI
// headless (launch.ts); otherwise it starts quietly (tray first, no window, no Dock icon), wires
// Electron's APIs into the shell modules and AppCore, and follows the app's lifecycle. Only this
// file and the preload import Electron.

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
import { nodeNotifier } from '../core/alerts/node-notifier';
import { failSafe } from '../core/alerts/notifier';
import { hostManagedDeps, readManagedPreferences } from '../core/preferences/managed-preferences-source';
import { stateDir } from '../core/store/state-dir';
import { UpdateService } from '../core/updates/update-service';
import { tomorrowMorning } from '../core/monitor/tray-menu';
import type { IconFamily } from '../core/words';
import { AppCore } from './app-core';
import { confirmWithDialog } from './confirm-dialog';
import { registerIpc } from './ipc-main';
import { flushStdio, launch } from './launch';
import { setStartAtLogin } from './login-item';
import { ElectronNotifier } from './notifications';
import { TrayController } from './tray-controller';
import { electronUpdaterPort } from './updater';
import { appPageMatcher, denyAllPermissions } from './web-security';
import type { WindowKind } from '../ipc/contract';
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
    // Every renderer runs in Chromium's sandbox, whatever a window asks for.
    app.enableSandbox();
    // A tray app that mostly waits: V8's lite mode keeps the main process small.
    app.commandLine.appendSwitch('js-flags', '--lite-mode');
    void start();
  },
});

function trayIcon(family: IconFamily) {
  const name =
    'tray' +
    family
      .split('-')
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join('');
  const file =
    process.platform === 'darwin'
      ? `${name}Template.png`
      : process.platform === 'win32'
        ? `${name}.ico`
        : `${name}.png`;
  const image = nativeImage.createFromPath(join(root, 'assets', 'tray', file));
  if (process.platform === 'darwin') image.setTemplateImage(true);
  return image;
}

// End-to-end tests (e2e/electron/*.spec.ts) read what the app did through a hook on globalThis,
// set only when ECI_TRAY_E2E=1: the notifications Electron showed, the tray menu, the windows.
const e2e = process.env['ECI_TRAY_E2E'] === '1';
const notificationsSeen = { created: [] as string[], shown: [] as string[] };
function e2eSeen<T extends { on(event: 'show', listener: () => void): unknown }>(n: T, title: string): T {
  if (!e2e) return n;
  notificationsSeen.created.push(title);
  n.on('show', () => notificationsSeen.shown.push(title));
  return n;
}

async function start(): Promise<void> {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  await app.whenReady();
  if (process.platform === 'darwin') app.dock?.hide();
  denyAllPermissions(session.defaultSession);

  const windows = new WindowManager({
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
  const notifier = new ElectronNotifier(
    { isSupported: () => Notification.isSupported(), create: (o) => e2eSeen(new Notification(o), o.title) },
    (kind) => windows.open(kind),
    failSafe(nodeNotifier(), log),
    (action) => {
      if (action === 'relaunch') void core.relaunch().then((r) => r.error && log(r.error));
      else core.notificationLater(action);
    },
  );
  const core = new AppCore({
    userDataDir: app.getPath('userData'),
    stateDir: stateDir(),
    appVersion: app.getVersion(),
    managed: readManagedPreferences(hostManagedDeps(userInfo().username)),
    ports: {
      notifier: failSafe(notifier, log),
      openWindow: (kind) => windows.open(kind),
      confirm: (request) => confirmWithDialog(dialog, request),
      emit: (event, payload) => windows.broadcast(event, payload),
      // shell.openPath opens a file with its default app; the path comes from the report, never a page.
      openFile: async (path) => {
        const error = await shell.openPath(path);
        if (error) throw new Error(`${path} could not be opened: ${error}`);
      },
      setStartAtLogin: async (enabled) =>
        setStartAtLogin(enabled, {
          platform: process.platform,
          app,
          execPath: process.execPath,
          args: app.isPackaged ? [] : [root],
        }),
      log,
      // The clipboard from the main process: the windows keep every permission denied, and the text
      // is the report main writes itself (see 'clipboard:write-report').
      copyText: (text) => clipboard.writeText(text),
      // Only https://docs.docker.com/ addresses get here (checked in ReportDesk).
      openExternal: (url) => shell.openExternal(url),
    },
  });

  app.setAboutPanelOptions({ applicationName: 'ECI Tray', applicationVersion: app.getVersion() });
  // The tray comes first, before any check: the user sees the app at once.
  const tray = new Tray(trayIcon('inactive'));
  const trayController = new TrayController({
    tray,
    menu: Menu,
    icon: trayIcon,
    startAtLogin: () => core.preferences().startAtLogin,
    version: app.getVersion(),
    recent: () => core.recentChanges(),
    actions: {
      'check-now': () => void core.checkNow(),
      relaunch: () => void core.relaunch().then((r) => r.error && log(r.error)),
      'start-desktop': () =>
        void core.startDesktop().catch((err: unknown) => log(`Docker Desktop could not be started: ${String(err)}`)),
      'open-cleanup': () => windows.open('cleanup'),
      'open-walkthrough': () => windows.open('walkthrough'),
      'open-details': () => windows.open('details'),
      'copy-report': () =>
        void core.copyReport().catch((err: unknown) => log(`the report could not be copied: ${String(err)}`)),
      // The Preferences window (renderer/preferences/, built on its own).
      'open-preferences': () => windows.open('preferences'),
      // The OS's own About panel, with the version (set below).
      about: () => app.showAboutPanel(),
      'pause-hour': () => core.pauseNotifications(Date.now() + 3_600_000),
      'pause-tomorrow': () => core.pauseNotifications(tomorrowMorning(new Date())),
      'resume-notifications': () => core.pauseNotifications(null),
      'toggle-start-at-login': () =>
        void core
          .setPreferences({ startAtLogin: !core.preferences().startAtLogin })
          .then(() => trayController.update(core.view())),
      quit: () => app.quit(),
    },
  });
  core.onViewChanged((view) => trayController.update(view));
  trayController.update(core.view());

  registerIpc(ipcMain, core.handlers(), (event) => windows.isTrustedSender(event), log);

  // Updates of the app itself: packaged builds only, at most daily, never when the organization
  // turned them off; a restart only after the user's yes.
  const updates = new UpdateService({
    port: app.isPackaged ? electronUpdaterPort(autoUpdater, log) : null,
    enabled: () => core.managed.values.autoUpdate !== false,
    confirm: (request) => confirmWithDialog(dialog, request),
    prefs: core.prefs,
    log,
  });
  updates.start();

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

  if (e2e) {
    (globalThis as Record<string, unknown>)['__eciTray'] = {
      menu: () => trayController.lastMenu.map((i) => (i.kind === 'separator' ? '---' : i.label)),
      open: (kind: WindowKind) => void windows.open(kind),
      windows: () => windows.openCount,
      verdict: () => core.view().state?.report.verdict ?? null,
      notifications: () => structuredClone(notificationsSeen),
    };
  }

  void core.start();
}
