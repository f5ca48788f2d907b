import { describe, expect, it } from 'vitest';
import { hasControlChar, oneLine, terminalText } from './terminal-text';

describe('terminalText', () => {
  it.each([
    ['plain text\nnext line\tcol', 'plain text\nnext line\tcol'],
    ['erase \u001b[2K\u001b[1Aline', 'erase \\u001b[2K\\u001b[1Aline'],
    ['clipboard \u001b]52;c;aGk=\u0007', 'clipboard \\u001b]52;c;aGk=\\u0007'],
    ['over\rwrite\b\b', 'over\\u000dwrite\\u0008\\u0008'],
    ['C1 CSI \u009b2J and DEL \u007f', 'C1 CSI \\u009b2J and DEL \\u007f'],
    ['bidi \u202egnp.exe \u2066x\u2069', 'bidi \\u202egnp.exe \\u2066x\\u2069'],
    ['NUL \u0000', 'NUL \\u0000'],
    ['', ''],
    ['ünïcödé ✓ 日本', 'ünïcödé ✓ 日本'],
  ])('%j', (input, shown) => expect(terminalText(input)).toBe(shown));

  it('keeps JSON output JSON, with the same values', () => {
    const value = { label: 'a\u001b[2K\u009b\u202e\u2028b\r' };
    const printed = terminalText(JSON.stringify(value, null, 2));
    expect(hasControlChar(printed.replace(/\n/g, ''))).toBe(false);
    expect(JSON.parse(printed)).toEqual(value);
  });
});

describe('oneLine', () => {
  it.each([
    ['a\nLOSES: 5 GB', 'a\\u000aLOSES: 5 GB'],
    ['tab\there', 'tab\\u0009here'],
    ['plain', 'plain'],
  ])('%j', (input, shown) => expect(oneLine(input)).toBe(shown));
});
