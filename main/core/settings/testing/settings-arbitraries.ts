// Generators for the settings readers' fuzz tests: admin and user documents (cased keys, any
// separators, huge strings, deep nesting, long lists, damage), and their bytes in each encoding
// Docker Desktop may meet, with invalid UTF-8 placed at random.

import fc from 'fast-check';
import { MAX_SETTINGS_BYTES, type SettingsRole } from '../settings-file';

// ---- documents -------------------------------------------------------------------------------

/** A key in odd case ("ENHANCEDcontainerIsolation"), as Docker Desktop matches keys case-insensitively. */
const key = (name: string) => fc.mixedCase(fc.constant(name)).map((k) => JSON.stringify(k));
const sep = fc.constantFrom(',', ', ', ',\n  ', ',\r\n', ',\r', '\t,');
const member = (k: fc.Arbitrary<string>, v: fc.Arbitrary<string>) =>
  fc.tuple(k, fc.constantFrom(':', ': ', ' :\n'), v).map(([a, c, b]) => a + c + b);
/** Object text from members, repeats allowed (duplicate keys). */
const objectOf = (...members: fc.Arbitrary<string>[]) =>
  fc.tuple(fc.array(fc.oneof(...members), { maxLength: 6 }), sep).map(([ms, s]) => `{${ms.join(s)}}`);

const scalarText = fc.oneof(
  fc.constantFrom('true', 'false', 'null', '0', '-0', '1e999', '-1.5e-7', '"true"', '"on"', '[]', '{}', '""'),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
);
/** 100 KB to 1.2 MB (UTF-8, escaped) of string: real files are a few KiB; the reader stops at 4 MiB. */
const hugeString = fc
  .tuple(fc.string({ minLength: 1, maxLength: 3, unit: 'binary' }), fc.integer({ min: 100_000, max: 1_200_000 }))
  .map(([s, n]) => JSON.stringify(s.repeat(Math.ceil(n / Buffer.byteLength(JSON.stringify(s).slice(1, -1))))));
const deep = fc.tuple(fc.integer({ min: 1, max: 1200 }), fc.constantFrom('[', '{"a":', '[{"b":')).map(([n, open]) => {
  const close = open === '[' ? ']' : open === '{"a":' ? '}' : '}]';
  return open.repeat(n) + '1' + close.repeat(n);
});
/** Long lists: each wrong-typed entry is its own problem with a location (a quadratic trap). */
const bigArray = fc
  .tuple(scalarText, fc.integer({ min: 1_000, max: 40_000 }), sep)
  .map(([v, n, s]) => `[${Array(n).fill(v).join(s)}]`);
/** Mostly small values; a big one now and then (a document has a dozen slots, so rarely two). */
const anyValue = fc.oneof(
  { weight: 40, arbitrary: scalarText },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: bigArray },
);

/** The expected shape most of the time, any value (wrong type) otherwise. */
const mostly = (shape: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 3, arbitrary: shape }, { weight: 1, arbitrary: anyValue });
const imageText = fc
  .oneof(
    fc.constantFrom('*', 'alpine', 'docker.io/testcontainers/ryuk:*', 'a@sha256:' + 'f'.repeat(64), 'bad image', ''),
    fc.string(),
  )
  .map((s) => JSON.stringify(s));
const images = fc.oneof(
  fc.array(fc.oneof(imageText, scalarText), { maxLength: 20 }).map((a) => `[${a.join(',')}]`),
  bigArray,
  anyValue,
);
const socketMount = objectOf(
  member(
    key('imageList'),
    mostly(objectOf(member(key('images'), images), member(key('allowDerivedImages'), anyValue))),
  ),
  member(
    key('commandList'),
    mostly(
      objectOf(
        member(key('type'), fc.oneof(fc.constantFrom('"allow"', '"deny"', '"Allow"'), anyValue)),
        member(key('commands'), fc.oneof(images, anyValue)),
      ),
    ),
  ),
);
const eciSection = objectOf(
  member(key('value'), fc.oneof(fc.constantFrom('true', 'false'), anyValue)),
  member(key('locked'), fc.oneof(fc.constantFrom('true', 'false'), anyValue)),
  member(key('dockerSocketMount'), mostly(socketMount)),
);
const otherMember = member(
  fc.string().map((k) => JSON.stringify(k)),
  anyValue,
);
const adminDoc = objectOf(
  member(key('enhancedContainerIsolation'), mostly(eciSection)),
  member(key('configurationFileVersion'), anyValue),
  otherMember,
);
const userDoc = objectOf(
  member(key('EnhancedContainerIsolation'), fc.oneof(fc.constantFrom('true', 'false'), anyValue)),
  otherMember,
);

/** A long allow list of entries that are each wrong: every entry is a problem with its own location. */
const longList = fc
  .tuple(fc.constantFrom('images', 'commands'), bigArray)
  .map(
    ([k, list]) =>
      `{"enhancedContainerIsolation":{"value":true,"dockerSocketMount":{"${k === 'images' ? 'imageList' : 'commandList'}":{"type":"allow","${k}":${list}}}}}`,
  );
const docText = fc.oneof(
  { weight: 4, arbitrary: adminDoc },
  { weight: 1, arbitrary: longList },
  { weight: 3, arbitrary: userDoc },
  { weight: 2, arbitrary: fc.json() }, // valid JSON of the wrong shape
  { weight: 1, arbitrary: anyValue },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);

/** Damage: truncation (a write cut short), one character inserted, deleted or replaced. */
export const damaged = fc
  .tuple(
    docText,
    fc.constantFrom('none', 'truncate', 'insert', 'delete', 'replace'),
    fc.nat(),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }),
  )
  .map(([text, how, at, ch]) => {
    const i = text.length ? at % text.length : 0;
    switch (how) {
      case 'truncate':
        return text.slice(0, i);
      case 'insert':
        return text.slice(0, i) + ch + text.slice(i);
      case 'delete':
        return text.slice(0, i) + text.slice(i + 1);
      case 'replace':
        return text.slice(0, i) + ch + text.slice(i + 1);
      default:
        return text;
    }
  });

// ---- bytes -----------------------------------------------------------------------------------

const BAD_UTF8 = [
  [0xff],
  [0x80],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xe2, 0x82],
  [0xf5, 0x80, 0x80, 0x80],
  [0xf0, 0x9f, 0x98],
];
const ENCODINGS = [
  'utf8',
  'utf8-bom',
  'utf16le',
  'utf16le-bom',
  'utf16be',
  'utf16be-bom',
  'latin1',
  'bad-utf8',
] as const;

function encode(text: string, encoding: (typeof ENCODINGS)[number], at: number, bad: number[]): Uint8Array {
  const le = () => Buffer.from(text, 'utf16le');
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return le();
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), le()]);
    case 'utf16be':
      return le().swap16();
    case 'utf16be-bom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le().swap16()]);
    case 'latin1':
      return Buffer.from(text, 'latin1');
    case 'bad-utf8': {
      const utf8 = Buffer.from(text, 'utf8');
      const i = utf8.length ? at % (utf8.length + 1) : 0;
      return Buffer.concat([utf8.subarray(0, i), Buffer.from(bad), utf8.subarray(i)]);
    }
  }
}

/** Bytes as the reader would pass them (it never reads past MAX_SETTINGS_BYTES), reported briefly on failure. */
const asInput = (bytes: Uint8Array) => {
  const b = bytes.subarray(0, MAX_SETTINGS_BYTES);
  return {
    bytes: b,
    [fc.toStringMethod]: () =>
      `<${b.length} bytes: ${JSON.stringify(Buffer.from(b.subarray(0, 80)).toString('latin1'))}...>`,
  };
};
export const settingsBytes = fc
  .oneof(
    {
      weight: 8,
      arbitrary: fc
        .tuple(damaged, fc.constantFrom(...ENCODINGS), fc.nat(), fc.constantFrom(...BAD_UTF8))
        .map(([t, e, at, bad]) => encode(t, e, at, bad)),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4096 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.integer({ min: 1, max: 20_000 }))
        .map(([b, n]) => Buffer.concat(Array<Uint8Array>(n).fill(b))),
    },
  )
  .map(asInput);
export const role = fc.constantFrom<SettingsRole>('admin', 'user');
