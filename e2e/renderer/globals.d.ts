// What the init script (bridge-init.ts) puts on a page's window, for page.evaluate callbacks.

import type { EciBridge, Envelope } from '../../main/ipc/contract';

declare global {
  interface Window {
    readonly eci: EciBridge;
    /** Delivers an event from the main process (the harness calls it). */
    __eciDeliver(event: string, payload: unknown): void;
    /** Reaches the main process without the bridge's own checks, as a compromised page could. */
    __eciRaw(channel: unknown, request?: unknown): Promise<Envelope<unknown>>;
  }
}
