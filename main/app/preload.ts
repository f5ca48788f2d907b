// The preload: exposes `window.eci`, the typed bridge built from the IPC contract, and nothing
// else. It is the only module that touches ipcRenderer. Runs sandboxed with context isolation.
// Security checklist 20. Do not expose Electron APIs to untrusted web content: never ipcRenderer
// itself, only invoke and on over the contract's channels, listeners getting the payload alone.

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createBridge } from '../ipc/bridge';
import { IPC_EVENT, IPC_INVOKE, type Envelope } from '../ipc/contract';

const bridge = createBridge({
  invoke: (channel, request) => ipcRenderer.invoke(IPC_INVOKE, channel, request) as Promise<Envelope<unknown>>,
  subscribe(listener) {
    const handler = (_e: IpcRendererEvent, event: unknown, payload: unknown) => listener(String(event), payload);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT, handler);
  },
});

contextBridge.exposeInMainWorld('eci', bridge);
