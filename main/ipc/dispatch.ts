// The boundary every request crosses: the channel must be in the contract and the request must
// match its schema, or no handler runs. Errors come back as data (an Envelope), so a window
// always gets a clear message and never a half-done action.

import { errorText } from '../core/error-text';
import { validate } from '../core/schema';
import { INVOKE, isInvokeChannel, type Envelope, type InvokeHandlers } from './contract';

export async function dispatchInvoke(
  handlers: InvokeHandlers,
  channel: unknown,
  request: unknown,
): Promise<Envelope<unknown>> {
  if (!isInvokeChannel(channel)) {
    // Never String(channel): an object whose toString is not a function would throw here.
    const named =
      typeof channel === 'string'
        ? JSON.stringify(channel.slice(0, 80))
        : `(${channel === null ? 'null' : typeof channel})`;
    return { ok: false, error: { code: 'unknown-channel', message: `unknown channel ${named}` } };
  }
  let parsed: unknown;
  try {
    parsed = validate(INVOKE[channel], request, 'request');
  } catch (err) {
    // Never String(err): a value thrown while reading a hostile object may not convert to a string.
    const message = err instanceof Error ? err.message : 'the request could not be read';
    return { ok: false, error: { code: 'invalid-request', message: `${channel}: ${message}` } };
  }
  try {
    const handler = handlers[channel] as (r: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed) };
  } catch (err) {
    return { ok: false, error: { code: 'failed', message: errorText(err) } };
  }
}

/** The renderer side: unwraps an envelope, turning an error into a thrown Error with its message. */
export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope && typeof envelope === 'object' && 'ok' in envelope) {
    if (envelope.ok) return envelope.value;
    const err = new Error(envelope.error.message);
    (err as Error & { code?: string }).code = envelope.error.code;
    throw err;
  }
  throw new Error('malformed answer from the main process');
}
