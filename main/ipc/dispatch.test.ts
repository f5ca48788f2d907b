// The dispatch boundary answers every channel value with an envelope, even values that cannot be
// turned into a string (a compromised renderer can send any cloneable value as the channel).

import { describe, expect, it } from 'vitest';
import type { InvokeHandlers } from './contract';
import { dispatchInvoke } from './dispatch';

const handlers = new Proxy({}, { get: () => async () => 'ran' }) as InvokeHandlers;

describe('dispatchInvoke', () => {
  it.each([
    ['a string outside the contract', 'shell:exec', 'unknown channel "shell:exec"'],
    ['an inherited name', '__proto__', 'unknown channel "__proto__"'],
    ['an object whose toString is not a function', { toString: 'x' }, 'unknown channel (object)'],
    ['a null-prototype object', Object.create(null), 'unknown channel (object)'],
    ['null', null, 'unknown channel (null)'],
    ['a number', 42, 'unknown channel (number)'],
    ['a very long name, cut', 'x'.repeat(10_000), `unknown channel "${'x'.repeat(80)}"`],
  ])('refuses %s with an envelope', async (_what, channel, message) => {
    expect(await dispatchInvoke(handlers, channel, undefined)).toEqual({
      ok: false,
      error: { code: 'unknown-channel', message },
    });
  });

  it('runs the handler of a known channel with the validated request', async () => {
    expect(await dispatchInvoke(handlers, 'state:get', undefined)).toEqual({ ok: true, value: 'ran' });
  });
});
