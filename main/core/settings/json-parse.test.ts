import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, MAX_DEPTH, parseJson, positionAt } from './json-parse';

function errorOf(text: string): JsonSyntaxError {
  try {
    parseJson(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) return err;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseJson accepts exactly what JSON.parse accepts', () => {
  const valid = [
    '{}',
    '[]',
    '0',
    '-0.5e+3',
    '"a\\u00e9\\n"',
    'true',
    'null',
    ' { "a" : [1, 2, {"b": false}] } ',
    '{"a":1,"a":2}',
    '"\\/"',
  ];
  it.each(valid)('%s', (text) => {
    const node = parseJson(text);
    expect(node).toBeDefined();
    expect(() => JSON.parse(text)).not.toThrow();
  });

  const invalid: Array<[string, string, number, number]> = [
    ['', 'Empty document', 1, 1],
    ['{', 'expected a property name', 1, 2],
    ['{"a":1,}', 'Trailing comma', 1, 8],
    ['[1,2,]', 'Trailing comma', 1, 6],
    ["{'a':1}", 'expected a property name', 1, 2],
    ['{"a" 1}', "expected ':'", 1, 6],
    ['{\n  "a": tru\n}', "expected 'true'", 2, 8],
    ['{"a":1}\n// comment', 'after the end', 2, 1],
    ['01', 'Invalid number', 1, 2],
    ['"abc', 'Unterminated string', 1, 1],
    ['"a\tb"', 'Unescaped control character U+0009', 1, 3],
    ['"\\x"', 'Invalid escape', 1, 2],
    ['"\\u12G4"', 'four hex digits', 1, 2],
    ['{"a":1}}', 'after the end', 1, 8],
    ['{\r\n"a":\r\n}', 'expected a JSON value', 3, 1],
    ['NaN', 'expected a JSON value', 1, 1],
  ];
  it.each(invalid)('rejects %j with "%s" at %i:%i', (text, reason, line, column) => {
    const err = errorOf(text);
    expect(err.reason).toContain(reason);
    expect(err.position).toEqual({ line, column });
    expect(() => JSON.parse(text)).toThrow();
  });
});

describe('positions', () => {
  it('keeps the offset of every value and key', () => {
    const text = '{\n  "eci": {"value": true}\n}';
    const root = parseJson(text);
    if (root.kind !== 'object') throw new Error('object expected');
    const entry = root.entries[0]!;
    expect(positionAt(text, entry.keyOffset)).toEqual({ line: 2, column: 3 });
    if (entry.value.kind !== 'object') throw new Error('object expected');
    expect(positionAt(text, entry.value.entries[0]!.value.offset)).toEqual({ line: 2, column: 20 });
  });
});

describe('hostile input', () => {
  it('refuses nesting deeper than the limit instead of overflowing the stack', () => {
    const deep = '['.repeat(MAX_DEPTH + 5) + ']'.repeat(MAX_DEPTH + 5);
    expect(errorOf(deep).reason).toContain('Nesting deeper');
  });

  it('parses a multi-megabyte document', () => {
    const big = JSON.stringify({ list: Array.from({ length: 100_000 }, (_, i) => ({ i, s: 'x'.repeat(10) })) });
    const root = parseJson(big);
    expect(root.kind).toBe('object');
  });
});
