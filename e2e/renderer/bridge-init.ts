// Runs in each page before its own script (a Playwright init script), doing what the preload
// does in the app: `window.eci` is the real bridge from main/ipc/bridge.ts, here over a
// Playwright binding to the real handlers instead of Electron's IPC.

import { createBridge } from '../../main/ipc/bridge';
import type { Envelope } from '../../main/ipc/contract';

type Binding = (channel: string, requestJson: string | undefined) => Promise<Envelope<unknown>>;
interface TestWindow {
  __eciInvoke?: Binding;
}

const listeners = new Set<(event: string, payload: unknown) => void>();

// The binding is looked up per call: Playwright does not order bindings and init scripts.
const send: Binding = (channel, json) => {
  const binding = (window as unknown as TestWindow).__eciInvoke;
  if (!binding) return Promise.reject(new Error('the test binding is missing'));
  return binding(channel, json);
};

/**
 * Electron's IPC copies requests with the structured clone algorithm: a function or another
 * uncloneable value fails in the renderer, and a "__proto__" key arrives as plain data. The
 * structured clone, then JSON, keeps exactly those semantics across the Playwright binding.
 */
function wire(request: unknown): string | undefined {
  if (request === undefined) return undefined;
  return JSON.stringify(structuredClone(request));
}

const eci = createBridge({
  invoke: (channel, request) => send(channel, wire(request)),
  subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
});

Object.defineProperty(window, 'eci', { value: eci, enumerable: true, writable: false, configurable: false });
// Test hooks: the harness delivers the main process's events, and hostile-input tests reach the
// main process without the bridge's own checks (as a compromised page could try).
Object.defineProperty(window, '__eciDeliver', {
  value: (event: string, payload: unknown) => {
    for (const l of listeners) l(event, payload);
  },
});
Object.defineProperty(window, '__eciRaw', {
  value: (channel: unknown, request: unknown) => send(channel as string, wire(request)),
});
// A page that breaks its own CSP shows up as a console error the tests fail on.
document.addEventListener('securitypolicyviolation', (e) =>
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`),
);
