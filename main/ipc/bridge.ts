// Builds the typed `window.eci` API from the contract over any transport: Electron's
// ipcRenderer in the preload, a Playwright binding in the renderer end-to-end tests. Requests
// for channels outside the contract are refused here already; the main process validates again.

import {
  isEventChannel,
  isInvokeChannel,
  type EciBridge,
  type Envelope,
  type EventChannel,
  type EventPayloads,
} from './contract';
import { unwrap } from './dispatch';

export interface BridgeTransport {
  invoke(channel: string, request: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to every event from the main process; returns an unsubscribe function. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

export function createBridge(transport: BridgeTransport): EciBridge {
  const listeners = new Map<EventChannel, Set<(payload: never) => void>>();
  let unsubscribe: (() => void) | null = null;
  const ensureSubscribed = () => {
    unsubscribe ??= transport.subscribe((event, payload) => {
      if (!isEventChannel(event)) return;
      for (const l of listeners.get(event) ?? []) l(payload as never);
    });
  };
  return Object.freeze({
    async invoke(channel: string, ...request: unknown[]) {
      if (!isInvokeChannel(channel)) throw new Error(`unknown channel ${JSON.stringify(channel)}`);
      return unwrap(await transport.invoke(channel, request[0]));
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void) {
      if (!isEventChannel(event)) throw new Error(`unknown event ${JSON.stringify(event)}`);
      if (typeof listener !== 'function') throw new Error('a listener must be a function');
      ensureSubscribed();
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },
  }) as EciBridge;
}
