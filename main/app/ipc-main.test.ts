import { describe, expect, it } from 'vitest';
import { IPC_INVOKE, type InvokeHandlers } from '../ipc/contract';
import { registerIpc } from './ipc-main';
import { FakeIpcMain } from './testing/fake-electron';

function handlersSpy() {
  const calls: Array<[string, unknown]> = [];
  const handlers = new Proxy({} as InvokeHandlers, {
    get: (_t, channel: string) => async (request: unknown) => {
      calls.push([channel, request]);
      return channel === 'window:open' ? undefined : { ok: channel };
    },
  });
  return { handlers, calls };
}

const trusted = { sender: { id: 1 }, senderFrame: { url: 'file:///app/renderer/details/index.html' } };
const stranger = { sender: { id: 2 }, senderFrame: { url: 'https://evil.example/' } };

describe('registerIpc', () => {
  it('one handler; trusted senders reach the handler with a validated request', async () => {
    const ipc = new FakeIpcMain();
    const { handlers, calls } = handlersSpy();
    const logs: string[] = [];
    registerIpc(
      ipc,
      handlers,
      (e) => e.sender.id === 1,
      (m) => logs.push(m),
    );
    expect([...ipc.handlers.keys()]).toEqual([IPC_INVOKE]);
    expect(await ipc.invoke(IPC_INVOKE, trusted, 'window:open', { window: 'cleanup' })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(calls).toEqual([['window:open', { window: 'cleanup' }]]);
  });

  it('refuses strangers, unknown channels and wrong shapes without running a handler', async () => {
    const ipc = new FakeIpcMain();
    const { handlers, calls } = handlersSpy();
    const logs: string[] = [];
    registerIpc(
      ipc,
      handlers,
      (e) => e.sender.id === 1,
      (m) => logs.push(m),
    );
    expect(await ipc.invoke(IPC_INVOKE, stranger, 'check:run')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(logs[0]).toContain('https://evil.example/');
    expect(await ipc.invoke(IPC_INVOKE, trusted, 'shell:exec', { cmd: 'rm -rf /' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    expect(await ipc.invoke(IPC_INVOKE, trusted, '__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    expect(await ipc.invoke(IPC_INVOKE, trusted, 'window:open', { window: 'devtools' })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        message: expect.stringContaining('request.window: expected one of details, cleanup, walkthrough'),
      },
    });
    expect(await ipc.invoke(IPC_INVOKE, trusted, 'cleanup:apply', { planId: 'x'.repeat(10_000) })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await ipc.invoke(IPC_INVOKE, trusted, 'cleanup:plan', { only: [], extra: 1 })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('request.extra: unknown field') },
    });
    // Channels no page uses do not exist: preferences are not a way in for a page.
    for (const gone of ['prefs:set', 'prefs:get'])
      expect(await ipc.invoke(IPC_INVOKE, trusted, gone, { dockerHost: 'tcp://evil:2375' })).toMatchObject({
        ok: false,
        error: { code: 'unknown-channel' },
      });
    expect(await ipc.invoke(IPC_INVOKE, trusted, 'check:run', { unexpected: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(calls).toEqual([]);
  });
});
