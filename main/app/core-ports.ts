// AppCore's ports as the Electron shell fills them: notifications, windows, native dialogs, the
// login item, the clipboard and the system's opener. Electron's objects come in as parameters
// (only main.ts imports Electron).

import type { App, Clipboard, Dialog, Shell } from 'electron';
import type { Notifier } from '../core/alerts/notifier';
import type { AppPorts } from './app-core';
import { confirmWithDialog } from './confirm-dialog';
import { setStartAtLogin } from './login-item';
import type { WindowManager } from './window-manager';

export interface CorePortsDeps {
  electron: { app: App; dialog: Dialog; shell: Shell; clipboard: Clipboard };
  notifier: Notifier;
  windows: WindowManager;
  /** The app's folder, passed to a development build's login item. */
  root: string;
  log: (m: string) => void;
}

export function corePorts({ electron, notifier, windows, root, log }: CorePortsDeps): AppPorts {
  const { app, dialog, shell, clipboard } = electron;
  return {
    notifier,
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
    copyText: async (text) => clipboard.writeText(text),
    // Only https://docs.docker.com/ addresses get here (checked in ReportDesk).
    openExternal: (url) => shell.openExternal(url),
  };
}
