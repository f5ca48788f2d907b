// The fuzzing's generators for the IPC boundary (ipc.fuzz.test.ts): hostile values of every kind,
// and, field by field from the contract, valid and invalid requests for each channel.

import fc from 'fast-check';
import { ALERT_KINDS } from '../../core/alerts/alert-policy';
import { STRATEGIES } from '../../core/cleanup/plan';
import { INVOKE, REPORT_PARTS, WINDOW_KINDS, type InvokeChannel } from '../contract';

export const CHANNELS = Object.keys(INVOKE) as InvokeChannel[];
const hasOwn = (o: object, k: PropertyKey) => Object.prototype.hasOwnProperty.call(o, k);

// ---- hostile values --------------------------------------------------------------------------

const HEX64 = 'a'.repeat(64);
const HUGE = 'x'.repeat(1_100_000); // 1.1 MB
const BIG_LIST = Array<string>(100_000).fill(HEX64);
const deepObject = (n: number) => JSON.parse('{"a":'.repeat(n) + '1' + '}'.repeat(n)) as unknown;
const deepList = (n: number) => JSON.parse('['.repeat(n) + ']'.repeat(n)) as unknown;
class Point {
  x = 1;
}
/** Throws, and throws something that is not an Error, as soon as it is looked at (how it prints is fixed). */
const throwingProxy = new Proxy(
  { [fc.toStringMethod]: () => 'throwingProxy' },
  {
    ownKeys: () => {
      throw new Error('ownKeys trap');
    },
    getPrototypeOf: () => {
      throw Object.create(null);
    },
  },
);

/* eslint-disable no-sparse-arrays -- an array with holes is one of the hostile inputs */
const special = fc.constantFrom<unknown>(
  NaN,
  Infinity,
  -Infinity,
  -0,
  10n,
  Symbol('s'),
  HUGE,
  BIG_LIST,
  deepObject(5_000),
  deepList(5_000),
  new Date(),
  new Date(NaN),
  new Uint8Array(0),
  new Uint8Array(4),
  new Float64Array(2),
  new ArrayBuffer(8),
  new DataView(new ArrayBuffer(2)),
  /x/g,
  new Error('e'),
  new Map([['planId', 'x']]),
  new Set([1]),
  new WeakMap(),
  Promise.resolve(1),
  new Point(),
  Object.create(null),
  Object.create({ planId: '0'.repeat(36), skip: true, window: 'details' }),
  Object.assign(Object.create(null), { toString: 1 }),
  throwingProxy,
  () => 1,
  async () => 1,
  function* gen() {},
  Math,
  JSON,
  globalThis,
  Object.prototype,
  Array.prototype,
  new Array(5),
  [, , HEX64],
  JSON.parse('{"__proto__":{"polluted":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  JSON.parse('{"prototype":{"polluted":true}}'),
);
/* eslint-enable no-sparse-arrays */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.anything({
      maxDepth: 3,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withTypedArray: true,
      withSparseArray: true,
    }),
  },
  { weight: 2, arbitrary: special },
  { weight: 1, arbitrary: fc.func(fc.anything()) },
  { weight: 1, arbitrary: fc.string().map((d) => Symbol(d)) },
  { weight: 1, arbitrary: fc.jsonValue() },
);
const not = (ok: (v: unknown) => boolean) => hostile.filter((v) => v !== undefined && !ok(v));

// ---- the contract, field by field ------------------------------------------------------------

interface Field {
  valid: fc.Arbitrary<unknown>;
  invalid: fc.Arbitrary<unknown>;
  required?: true;
}
const isString = (v: unknown): v is string => typeof v === 'string';
const isHex64 = (v: unknown) => isString(v) && /^[0-9a-f]{64}$/.test(v);
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
/** Near misses of a string rule: wrong case, one character more or less, a trailing newline, huge. */
const nearMisses = (valid: fc.Arbitrary<string>) =>
  fc.oneof(
    valid.map((s) => s.toUpperCase()),
    valid.map((s) => s + 'a'),
    valid.map((s) => s.slice(1)),
    valid.map((s) => s + '\n'),
    valid.map((s) => ` ${s}`),
    fc.constant(HUGE),
  );

const containerId: Field = {
  valid: hex64,
  invalid: fc.oneof(not(isString), nearMisses(hex64), fc.string()).filter((v) => !isHex64(v)),
  required: true,
};
const strategy: Field = {
  valid: fc.constantFrom(...STRATEGIES),
  invalid: fc
    .oneof(not(isString), fc.string(), fc.constantFrom('REMOVE', 'remove ', 'nuke', '__proto__'))
    .filter((v) => !(STRATEGIES as readonly unknown[]).includes(v)),
  required: true,
};

function isPlainObject(v: unknown): boolean {
  try {
    return (
      typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v) &&
      [Object.prototype, null].includes(Object.getPrototypeOf(v))
    );
  } catch {
    return false; // a proxy that throws when looked at is no plain object
  }
}

/** An object field: valid records, and records broken in one place (a bad field, a missing one, an unknown key), or no plain object at all. */
function objectField(fields: Record<string, Field>): {
  valid: fc.Arbitrary<Record<string, unknown>>;
  invalid: fc.Arbitrary<unknown>;
} {
  const names = Object.keys(fields);
  const requiredKeys = names.filter((n) => fields[n]?.required);
  const valid = fc.record(Object.fromEntries(names.map((n) => [n, (fields[n] as Field).valid])), { requiredKeys });
  const broken: fc.Arbitrary<unknown>[] = [
    not(isPlainObject),
    fc
      .tuple(
        valid,
        fc
          .oneof(
            fc.string(),
            fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'Strategy', 'then'),
          )
          .filter((k) => !names.includes(k)),
        fc.jsonValue(),
      )
      .map(([rec, k, v]) => withOwnKey(rec, k, v)),
    ...names.map((n) => fc.tuple(valid, (fields[n] as Field).invalid).map(([rec, bad]) => ({ ...rec, [n]: bad }))),
    ...requiredKeys.map((n) => valid.map((rec) => Object.fromEntries(Object.entries(rec).filter(([k]) => k !== n)))),
  ];
  return { valid, invalid: fc.oneof(...broken) };
}
/** Adds a key as an own property even when it is "__proto__" (the way JSON.parse makes it). */
function withOwnKey(rec: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const out = JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}}`) as Record<string, unknown>;
  for (const [k, v] of Object.entries(rec)) out[k] = v;
  return out;
}
/** A list field: valid lists up to `max`, and lists with one bad entry, too long (up to 100k), sparse, or no array at all. */
function listField(item: { valid: fc.Arbitrary<unknown>; invalid: fc.Arbitrary<unknown> }, max: number): Field {
  const valid = fc.oneof(
    { weight: 9, arbitrary: fc.array(item.valid, { maxLength: 8 }) },
    { weight: 1, arbitrary: item.valid.map((v) => Array(max).fill(v)) },
  );
  const invalid = fc.oneof(
    not(Array.isArray),
    fc.tuple(fc.array(item.valid, { maxLength: 5 }), item.invalid, fc.nat()).map(([list, bad, at]) => {
      list.splice(at % (list.length + 1), 0, bad);
      return list;
    }),
    fc.tuple(item.valid, fc.integer({ min: max + 1, max: 100_000 })).map(([v, n]) => Array(n).fill(v)),
    fc.constant(BIG_LIST),
    fc.integer({ min: 1, max: 50 }).map((n) => new Array(n)), // holes, not entries
  );
  return { valid, invalid };
}
const optional = (f: Field): Field => ({ valid: f.valid, invalid: f.invalid });
const bool: Field = { valid: fc.boolean(), invalid: not((v) => typeof v === 'boolean'), required: true };

// The Preferences window's fields (preference-fields.ts): a probe image is one word of at most
// 256 characters, an interval whole minutes from 1 to 1440, quiet hours null or two HH:MM times.
const isImage = (v: unknown) => isString(v) && v.length >= 1 && v.length <= 256 && /^[^\s]+$/.test(v);
const image: Field = {
  valid: fc.string({ minLength: 1, maxLength: 256 }).filter(isImage),
  invalid: fc
    .oneof(
      not(isString),
      fc.constantFrom('', 'alpine latest', 'alpine:latest\n', ' alpine', 'x'.repeat(257)),
      fc.string().map((s) => `${s} ${s}`),
    )
    .filter((v) => !isImage(v)),
  required: true,
};
const interval: Field = {
  valid: fc.integer({ min: 1, max: 1440 }),
  invalid: fc.oneof(
    not((v) => typeof v === 'number'),
    fc.integer({ min: 1441 }),
    fc.integer({ max: 0 }),
    fc.constantFrom(1.5, NaN, Infinity, -Infinity),
  ),
};
const HHMM_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const hhmm: Field = {
  valid: fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
  invalid: fc
    .oneof(not(isString), fc.constantFrom('24:00', '7:00', '07:60', '07:00 ', '0700', ''), fc.string())
    .filter((v) => !(isString(v) && HHMM_RE.test(v))),
  required: true,
};
const quietWindow = objectField({ from: hhmm, until: hhmm });
const quietHours: Field = {
  valid: fc.oneof(fc.constant(null), quietWindow.valid),
  invalid: quietWindow.invalid.filter((v) => v !== null),
};
const alertKinds = objectField(Object.fromEntries(ALERT_KINDS.map((k) => [k, optional(bool)])));

const planIdField: Field = {
  valid: fc.oneof(fc.uuid(), fc.stringMatching(/^[0-9a-f-]{36}$/)),
  invalid: fc
    .oneof(not(isString), nearMisses(fc.uuid()), fc.string())
    .filter((v) => !(isString(v) && /^[0-9a-f-]{36}$/.test(v))),
  required: true,
};

export const SPEC: { [C in InvokeChannel]: Record<string, Field> | 'none' } = {
  'state:get': 'none',
  'check:run': 'none',
  'containers:audit': 'none',
  'cleanup:plan': {
    strategies: optional(listField(objectField({ id: containerId, strategy }), 1000)),
    only: optional(listField(containerId, 1000)),
  },
  'cleanup:apply': { planId: planIdField },
  'cleanup:interrupted': 'none',
  'cleanup:resume': 'none',
  'cleanup:discard': { planId: planIdField },
  'desktop:relaunch-warning': 'none',
  'desktop:relaunch': 'none',
  'desktop:start': 'none',
  'settings:open-broken-file': 'none',
  'walkthrough:get': 'none',
  'walkthrough:skip-recreate': { skip: bool },
  'walkthrough:recreate': 'none',
  'window:open': {
    window: {
      valid: fc.constantFrom(...WINDOW_KINDS),
      invalid: fc.oneof(not(isString), fc.constantFrom('devtools', 'Details', 'details ', '__proto__', 'constructor')),
      required: true,
    },
  },
  'activity:get': 'none',
  'clipboard:write-report': {
    part: {
      valid: fc.constantFrom(...REPORT_PARTS),
      invalid: fc.oneof(not(isString), fc.constantFrom('Report', 'raw', 'report ', '__proto__', 'text')),
      required: true,
    },
  },
  // Any address up to 500 characters passes the schema; the handler allows docs.docker.com only (docs-links.test.ts).
  'docs:open': {
    url: {
      valid: fc.string({ maxLength: 500 }),
      invalid: fc.oneof(not(isString), fc.string({ minLength: 501, maxLength: 2000 })),
      required: true,
    },
  },
  'preferences:get': 'none',
  'preferences:set': {
    alerts: optional(alertKinds),
    quietHours,
    safetyIntervalMinutes: interval,
    probeImage: optional(image),
    startAtLogin: optional(bool),
  },
  'preferences:check-image': { image },
};

export const validRequest = (c: InvokeChannel): fc.Arbitrary<unknown> => {
  const spec = SPEC[c];
  return spec === 'none' ? fc.constantFrom(undefined, null) : objectField(spec).valid;
};
export const invalidRequest = (c: InvokeChannel): fc.Arbitrary<unknown> => {
  const spec = SPEC[c];
  return spec === 'none' ? hostile.filter((v) => v !== undefined && v !== null) : objectField(spec).invalid;
};
export const forEveryChannel = (make: (c: InvokeChannel) => fc.Arbitrary<unknown>) =>
  fc.oneof(...CHANNELS.map((c) => fc.tuple(fc.constant(c), make(c))));

export const unknownChannel = fc.oneof(
  fc.string().filter((s) => !hasOwn(INVOKE, s)),
  fc.constantFrom(
    ...Object.getOwnPropertyNames(Object.prototype),
    'prototype',
    'eci:invoke',
    'STATE:GET',
    'state:get ',
    ' state:get',
    'state:get\0',
    'state:get\n',
    'state',
    '',
  ),
  fc.constantFrom(...CHANNELS).map((c) => c.toUpperCase()),
  hostile.filter((v) => typeof v !== 'string'),
);
