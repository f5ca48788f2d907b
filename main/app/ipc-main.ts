// The only module that touches ipcMain: one handler for every invoke channel of the contract,
// which refuses senders that are not our windows and passes the rest through dispatchInvoke
// (runtime validation; no handler runs on invalid input).
//
// Electron's security checklist, 17. Validate the sender of all IPC messages
// (https://www.electronjs.org/docs/latest/tutorial/security): every message is checked before
// any handler runs, since a frame that is not one of our pages (an injected iframe, a window
// that navigated away) would otherwise reach the handlers that clean up containers or relaunch
// Docker Desktop. The check itself is WindowManager.isTrustedSender: our window's contents, and
// its frame showing one of our pages.

import { IPC_INVOKE, type Envelope, type InvokeHandlers } from '../ipc/contract';
import { dispatchInvoke } from '../ipc/dispatch';
import type { IpcEventLike, IpcMainLike } from './electron-types';

export function registerIpc(
  ipcMain: IpcMainLike,
  handlers: InvokeHandlers,
  isTrustedSender: (e: IpcEventLike) => boolean,
  log: (m: string) => void,
): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, channel, request): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event)) {
      log(`refused an IPC message from an unknown sender (${event.senderFrame?.url ?? 'no frame'})`);
      return { ok: false, error: { code: 'forbidden', message: 'this sender may not use ECI Tray' } };
    }
    return dispatchInvoke(handlers, channel, request);
  });
  return () => ipcMain.removeHandler(IPC_INVOKE);
}
