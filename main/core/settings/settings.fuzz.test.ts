// Property-based fuzzing of the settings readers (fast-check): malformed and odd admin-settings.json
// and settings-store.json bytes never crash or hang the readers, and every input is either parsed
// or reported with the file and, for invalid JSON, a line and column inside the document. Plus a
// differential check of our strict parser against JSON.parse. The one known difference, by design:
// nesting deeper than MAX_DEPTH levels is refused by ours (JSON.parse accepts it).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpretAdminSettings } from './admin-settings';
import { JsonSyntaxError, MAX_DEPTH, parseJson, positionAt, type JsonNode } from './json-parse';
import { locate, parseSettingsBytes } from './settings-file';
import { interpretUserSettings } from './user-settings';
import { damaged, role, settingsBytes } from './testing/settings-arbitraries';

const RUNS = 1000;
/** One input (parse and interpret, at most a few MB) must finish inside this; linear work takes well under. */
const PER_INPUT_MS = 2_000;
/** A property that has not done its runs by then has hung somewhere: fail, do not pass quietly. */
const PROPERTY_MS = 45_000;
const params = { numRuns: RUNS, plugins: [fc.interruptAfterTimeLimit(PROPERTY_MS, { failOnInterrupt: true })] };
const TEST_MS = PROPERTY_MS + 15_000;

// ---- oracles ---------------------------------------------------------------------------------

/** Line lengths the way an editor counts them (CRLF, CR or LF end a line), independent of positionAt. */
const lineLengths = (text: string) => text.split(/\r\n|\r|\n/).map((l) => l.length);

/**
 * Throws unless line:column is inside the text (1-based; column at most one past the line's end).
 * `slack` 1 lets an offset sit on the LF of a CRLF (still the line the CR ends).
 */
function assertInside(lines: number[], line: number, column: number, what: string, slack = 0): void {
  if (!Number.isInteger(line) || line < 1 || line > lines.length)
    throw new Error(`${what}: line ${line} is outside 1..${lines.length}`);
  const max = (lines[line - 1] as number) + 1 + slack;
  if (!Number.isInteger(column) || column < 1 || column > max)
    throw new Error(`${what}: column ${column} is outside 1..${max} on line ${line}`);
}

/** The tree back as a JS value, built the way JSON.parse builds it (own "__proto__" keys, last duplicate wins). */
function toValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const out = {};
      for (const e of node.entries)
        Object.defineProperty(out, e.key, {
          value: toValue(e.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return out;
    }
    case 'array':
      return node.items.map(toValue);
    case 'null':
      return null;
    default:
      return node.value;
  }
}

/** Levels of non-empty containers: ours refuses a value nested below MAX_DEPTH of them. */
function height(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  const children = Object.values(v as object);
  return children.length ? 1 + Math.max(...children.map(height)) : 0;
}

type Verdict = { ok: true; value: string } | { ok: false; error: unknown };
const ours = (text: string): Verdict => {
  try {
    return { ok: true, value: JSON.stringify(toValue(parseJson(text))) };
  } catch (error) {
    return { ok: false, error };
  }
};
const theirs = (text: string): Verdict => {
  try {
    return { ok: true, value: JSON.stringify(JSON.parse(text)) };
  } catch (error) {
    return { ok: false, error };
  }
};

/** Both agree on validity and value, except the one documented difference: nesting past MAX_DEPTH. */
function expectSameAsJsonParse(text: string): void {
  const a = ours(text);
  const b = theirs(text);
  if (b.ok && !a.ok && height(JSON.parse(text)) > MAX_DEPTH) {
    expect((a.error as JsonSyntaxError).reason).toBe(`Nesting deeper than ${MAX_DEPTH} levels`);
    return;
  }
  expect(a.ok, `validity differs from JSON.parse for ${JSON.stringify(text.slice(0, 200))}`).toBe(b.ok);
  if (a.ok && b.ok) expect(a.value).toBe(b.value);
  if (!a.ok) {
    expect(a.error).toBeInstanceOf(JsonSyntaxError);
    const err = a.error as JsonSyntaxError;
    expect(err.offset).toBeGreaterThanOrEqual(0);
    expect(err.offset).toBeLessThanOrEqual(text.length);
    expect(err.position).toEqual(positionAt(text, err.offset));
    assertInside(lineLengths(text), err.position.line, err.position.column, 'syntax error');
  }
}

// ---- properties ------------------------------------------------------------------------------

describe('settings readers under fuzzing', () => {
  it(
    `${RUNS} generated settings files: no crash, no hang, each parsed or reported with a location`,
    () => {
      fc.assert(
        fc.property(settingsBytes, role, ({ bytes }, r) => {
          const path = r === 'admin' ? '/fuzz/admin-settings.json' : '/fuzz/settings-store.json';
          const started = performance.now();
          const parsed = parseSettingsBytes(bytes, path, r);
          const admin = interpretAdminSettings(parsed);
          const user = interpretUserSettings(parsed);
          const ms = performance.now() - started;
          expect(ms, `${bytes.length} bytes took ${ms.toFixed(0)} ms`).toBeLessThan(PER_INPUT_MS);

          expect(parsed).toMatchObject({ path, found: true });
          const fatal = parsed.problems.filter((p) => p.severity === 'error');
          if (parsed.root === null) expect(fatal.length, 'an unusable file says why').toBeGreaterThan(0);
          // A BOM in the admin file blocks Desktop, though the rest is parsed: the one error a parsed file can carry.
          else
            expect(
              fatal.filter((p) => !/byte order mark/.test(p.message)),
              'a parsed file has no parse error',
            ).toEqual([]);

          // Plain checks, not expect(): a long list can hold tens of thousands of problems.
          const lines = lineLengths(parsed.text);
          for (const p of [...admin.problems, ...user.problems]) {
            const what = `${p.kind} "${p.message.slice(0, 120)}"`;
            if (p.file !== path || !p.message) throw new Error(`${what}: no file or no message`);
            const syntax = p.kind === 'invalid-json' && p.severity === 'error';
            if (syntax && (p.line === undefined || p.column === undefined))
              throw new Error(`${what}: invalid JSON without a line and column`);
            if (syntax && r === 'admin' && p.blocksDockerDesktop !== true)
              throw new Error(`${what}: not marked as blocking Docker Desktop`);
            if (p.line !== undefined || p.column !== undefined)
              assertInside(lines, p.line as number, p.column as number, what);
          }
          if (parsed.root === null) {
            expect(admin.policy).toBeNull();
            expect(user.eci).toBeNull();
          }
          if (admin.policy) expect(typeof admin.policy.locked).toBe('boolean');
          expect([null, true, false]).toContain(user.eci);
        }),
        params,
      );
    },
    TEST_MS,
  );

  it(
    'parseJson agrees with JSON.parse on any JSON value fast-check generates (and on its layout variants)',
    () => {
      const layout = fc.constantFrom<[number | string | undefined, string]>(
        [undefined, ''],
        [2, ''],
        ['\t', ''],
        [0, ' \r\n'],
        [1, '\n'],
      );
      fc.assert(
        fc.property(fc.jsonValue(), layout, (value, [indent, around]) => {
          const text = around + JSON.stringify(value, null, indent) + around;
          expect(ours(text).ok).toBe(true);
          expectSameAsJsonParse(text);
        }),
        params,
      );
    },
    TEST_MS,
  );

  it(
    'parseJson agrees with JSON.parse on accept/reject for damaged, near-JSON and deeply nested text',
    () => {
      const tokens = fc.constantFrom(
        '{',
        '}',
        '[',
        ']',
        ',',
        ':',
        '"',
        '\\',
        'u',
        '0',
        '1',
        '-',
        '.',
        'e',
        '+',
        'true',
        'fals',
        'null',
        ' ',
        '\n',
        '\r',
        '\t',
        '\u0000',
        '\ud800',
        '\ufeff',
        'x',
        '/',
        '"a":',
      );
      const nearJson = fc.array(tokens, { maxLength: 40 }).map((t) => t.join(''));
      const nested = fc
        .tuple(
          fc.integer({ min: MAX_DEPTH - 3, max: MAX_DEPTH + 3 }),
          fc.constantFrom('[', '{"k":'),
          fc.constantFrom('0', '[]', '{}', '[0]', ''),
          fc.boolean(),
        )
        .map(
          ([n, open, inner, closed]) => open.repeat(n) + inner + (closed ? (open === '[' ? ']' : '}').repeat(n) : ''),
        );
      fc.assert(
        fc.property(
          fc.oneof(
            damaged.map((t) => t.slice(0, 20_000)),
            nearJson,
            nested,
          ),
          expectSameAsJsonParse,
        ),
        params,
      );
    },
    TEST_MS,
  );

  it(
    'positions are 1-based, inside the text, and locate() gives the same answer as positionAt()',
    () => {
      const text = fc
        .array(fc.constantFrom('a', '\n', '\r', '\r\n', ' ', '\u2028', 'é'), { maxLength: 60 })
        .map((a) => a.join(''));
      fc.assert(
        fc.property(text, fc.nat(), (t, n) => {
          const offset = n % (t.length + 1);
          const pos = positionAt(t, offset);
          assertInside(
            lineLengths(t),
            pos.line,
            pos.column,
            `offset ${offset}`,
            t.slice(offset - 1, offset + 1) === '\r\n' ? 1 : 0,
          );
          expect(locate({ path: 'x', found: true, root: null, text: t, problems: [] }, offset)).toEqual(pos);
        }),
        params,
      );
    },
    TEST_MS,
  );
});
