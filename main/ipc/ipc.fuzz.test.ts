// Property-based fuzzing of the IPC boundary (fast-check): messages of wrong shapes and sizes sent
// to every channel of the contract are rejected with an error envelope and no handler runs; valid
// requests, generated per channel from the contract, reach the handler as exactly the validated
// value; unknown channels and events are refused by the bridge before its transport is called.

import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createBridge, type BridgeTransport } from './bridge';
import { EVENTS, type Envelope, type InvokeChannel, type InvokeHandlers } from './contract';
import { dispatchInvoke } from './dispatch';
import {
  CHANNELS,
  forEveryChannel,
  hostile,
  invalidRequest,
  SPEC,
  unknownChannel,
  validRequest,
} from './testing/ipc-arbitraries';

const RUNS = 1000;
const params = { numRuns: RUNS, plugins: [fc.interruptAfterTimeLimit(45_000, { failOnInterrupt: true })] };
const TEST_MS = 60_000;

// Object.prototype as it was before any hostile message: compared after every property.
const PROTO_BEFORE = Object.getOwnPropertyDescriptors(Object.prototype);
function expectPrototypeUntouched(): void {
  const now = Object.getOwnPropertyDescriptors(Object.prototype);
  expect(Reflect.ownKeys(now)).toEqual(Reflect.ownKeys(PROTO_BEFORE));
  for (const k of Reflect.ownKeys(PROTO_BEFORE) as string[])
    expect(now[k]?.value, String(k)).toBe(PROTO_BEFORE[k]?.value);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
}
afterAll(expectPrototypeUntouched);

/** Every handler records that it ran, and with what. */
const ran: Array<{ channel: InvokeChannel; request: unknown }> = [];
const handlers = Object.fromEntries(
  CHANNELS.map((channel) => [
    channel,
    async (request: unknown) => (ran.push({ channel, request }), { handled: channel }),
  ]),
) as unknown as InvokeHandlers;

const show = (v: unknown) => {
  try {
    return fc.stringify(v).slice(0, 300);
  } catch {
    return typeof v;
  }
};

async function expectRejected(
  channel: unknown,
  request: unknown,
  code: 'invalid-request' | 'unknown-channel',
): Promise<void> {
  const before = ran.length;
  const envelope: Envelope<unknown> = await dispatchInvoke(handlers, channel, request);
  if (envelope.ok) throw new Error(`accepted on ${show(channel)}: ${show(request)}`);
  expect(envelope.error.code).toBe(code);
  expect(typeof envelope.error.message === 'string' && envelope.error.message.length > 0).toBe(true);
  expect(ran.length, 'a handler ran on invalid input').toBe(before);
}

// ---- properties ------------------------------------------------------------------------------

describe('IPC boundary under fuzzing', () => {
  it('the generator covers every channel of the contract', () => {
    expect(Object.keys(SPEC).sort()).toEqual([...CHANNELS].sort());
  });

  it(
    `${RUNS} invalid messages across every channel: each rejected with an error envelope, no handler runs`,
    async () => {
      await fc.assert(
        fc.asyncProperty(forEveryChannel(invalidRequest), ([c, request]) =>
          expectRejected(c, request, 'invalid-request'),
        ),
        params,
      );
      expectPrototypeUntouched();
    },
    TEST_MS,
  );

  it(
    `${RUNS} unknown channels (Object.prototype names, near misses, non-strings): refused, no handler runs`,
    async () => {
      await fc.assert(
        fc.asyncProperty(unknownChannel, hostile, (c, request) => expectRejected(c, request, 'unknown-channel')),
        params,
      );
      expectPrototypeUntouched();
    },
    TEST_MS,
  );

  it(
    `${RUNS} valid requests across every channel reach their handler once, as exactly the validated value`,
    async () => {
      await fc.assert(
        fc.asyncProperty(forEveryChannel(validRequest), async ([c, request]) => {
          const before = ran.length;
          const envelope = await dispatchInvoke(handlers, c, request);
          expect(envelope).toEqual({ ok: true, value: { handled: c } });
          expect(ran.length).toBe(before + 1);
          const got = ran[ran.length - 1] as { channel: InvokeChannel; request: unknown };
          expect(got.channel).toBe(c);
          if (SPEC[c] === 'none') expect(got.request).toBeUndefined();
          else {
            // A fresh plain copy with the same content (optional fields left out stay out).
            expect(got.request).toEqual(request);
            expect(Object.getPrototypeOf(got.request)).toBe(Object.prototype);
            for (const k of Object.keys(got.request as object)) expect(Object.keys(SPEC[c] as object)).toContain(k);
          }
        }),
        params,
      );
      expectPrototypeUntouched();
    },
    TEST_MS,
  );

  it(
    'the bridge refuses unknown channels and events before its transport is called, and passes valid ones through',
    async () => {
      const unknownEvent = fc.oneof(
        fc.string().filter((s) => !(EVENTS as readonly string[]).includes(s)),
        fc.constantFrom('__proto__', 'constructor', 'toString', 'STATE:CHANGED'),
        hostile.filter((v) => typeof v !== 'string'),
      );
      await fc.assert(
        fc.asyncProperty(
          unknownChannel,
          unknownEvent,
          forEveryChannel(validRequest),
          async (badChannel, badEvent, [c, request]) => {
            const invoked: Array<[string, unknown]> = [];
            let subscribed = 0;
            const transport: BridgeTransport = {
              invoke: async (channel, req) => (invoked.push([channel, req]), { ok: true, value: 'answer' }),
              subscribe: () => (subscribed++, () => undefined),
            };
            const bridge = createBridge(transport) as unknown as {
              invoke(c: unknown, r?: unknown): Promise<unknown>;
              on(e: unknown, l: unknown): () => void;
            };
            await expect(bridge.invoke(badChannel, request)).rejects.toThrow();
            expect(() => bridge.on(badEvent, () => undefined)).toThrow();
            expect(invoked).toEqual([]);
            expect(subscribed).toBe(0);
            expect(await bridge.invoke(c, request)).toBe('answer');
            expect(invoked).toHaveLength(1);
            expect(invoked[0]?.[0]).toBe(c);
            expect(invoked[0]?.[1]).toBe(request);
          },
        ),
        params,
      );
    },
    TEST_MS,
  );

  it(
    'events from the transport reach a listener only under their exact contract name',
    () => {
      const event = fc.oneof(fc.constantFrom(...EVENTS), unknownChannel);
      fc.assert(
        fc.property(
          fc.constantFrom(...EVENTS),
          fc.array(fc.tuple(event, fc.jsonValue()), { maxLength: 20 }),
          (listened, sent) => {
            let emit: (event: string, payload: unknown) => void = () => undefined;
            const bridge = createBridge({
              invoke: async () => ({ ok: true, value: null }),
              subscribe: (l) => ((emit = l), () => undefined),
            });
            const got: unknown[] = [];
            bridge.on(listened, (p) => got.push(p));
            for (const [name, payload] of sent) emit(name as string, payload);
            expect(got).toEqual(sent.filter(([name]) => name === listened).map(([, p]) => p));
          },
        ),
        params,
      );
      expectPrototypeUntouched();
    },
    TEST_MS,
  );
});
