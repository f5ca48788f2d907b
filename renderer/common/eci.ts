// The page's only tie to the app: `window.eci`, typed by the IPC contract. Type imports only:
// nothing from the main process is bundled into the page.

import type { EciBridge } from '../../main/ipc/contract';

declare global {
  interface Window {
    readonly eci: EciBridge;
  }
}

export type { EciBridge };

export function bridge(): EciBridge {
  const eci = (window as Partial<Window>).eci;
  if (!eci) throw new Error('This page must be opened by ECI Tray (window.eci is missing).');
  return eci;
}

/** An error from the main process, in its own words. */
export { errorText } from '../../main/core/error-text';
