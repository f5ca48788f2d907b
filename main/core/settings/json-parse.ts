// A strict JSON parser (RFC 8259, no comments, no trailing commas) that keeps the position of
// every value. Docker Desktop refuses to start on an admin-settings.json it cannot parse, so we
// must reject exactly what a strict parser rejects and say where, by line and column.
// Hand-written rather than jsonc-parser: that one overflows the stack on deep nesting, places
// errors inside a string at its start, and is slower (measured; see docs/DEVELOPMENT.md, Choices).

export type JsonNode =
  | { kind: 'object'; offset: number; entries: JsonEntry[] }
  | { kind: 'array'; offset: number; items: JsonNode[] }
  | { kind: 'string'; offset: number; value: string }
  | { kind: 'number'; offset: number; value: number }
  | { kind: 'boolean'; offset: number; value: boolean }
  | { kind: 'null'; offset: number };

export interface JsonEntry {
  key: string;
  keyOffset: number;
  value: JsonNode;
}

export interface Position {
  line: number;
  column: number;
}

export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
    readonly position: Position,
  ) {
    super(`${reason} at line ${position.line}, column ${position.column}`);
    this.name = 'JsonSyntaxError';
  }
}

/** Nesting deeper than this is refused rather than risking the stack on hostile input. */
export const MAX_DEPTH = 256;

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      lineStart = i + 1;
    } else if (c === 0x0d) {
      // CRLF counts once; a lone CR is a line break too.
      if (text.charCodeAt(i + 1) !== 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
  }
  return { line, column: end - lineStart + 1 };
}

export function parseJson(text: string): JsonNode {
  return new Parser(text).parseDocument();
}

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'end of file';
  const code = ch.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
  return `'${ch}'`;
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseDocument(): JsonNode {
    this.skipWhitespace();
    if (this.pos >= this.text.length) this.fail('Empty document: expected a JSON value');
    const node = this.parseValue(0);
    this.skipWhitespace();
    if (this.pos < this.text.length)
      this.fail(`Unexpected ${describe(this.text[this.pos])} after the end of the JSON value`);
    return node;
  }

  private fail(reason: string, offset = this.pos): never {
    throw new JsonSyntaxError(reason, offset, positionAt(this.text, offset));
  }

  private skipWhitespace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.pos++;
      else break;
    }
  }

  private parseValue(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail(`Nesting deeper than ${MAX_DEPTH} levels`);
    const ch = this.text[this.pos];
    const offset = this.pos;
    switch (ch) {
      case '{':
        return this.parseObject(depth);
      case '[':
        return this.parseArray(depth);
      case '"':
        return { kind: 'string', offset, value: this.parseString() };
      case 't':
        this.expectWord('true');
        return { kind: 'boolean', offset, value: true };
      case 'f':
        this.expectWord('false');
        return { kind: 'boolean', offset, value: false };
      case 'n':
        this.expectWord('null');
        return { kind: 'null', offset };
      default:
        if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.parseNumber();
        return this.fail(`Unexpected ${describe(ch)}: expected a JSON value`);
    }
  }

  private expectWord(word: string): void {
    if (this.text.startsWith(word, this.pos)) {
      this.pos += word.length;
      return;
    }
    this.fail(`Invalid literal: expected '${word}'`);
  }

  private parseObject(depth: number): JsonNode {
    const offset = this.pos;
    this.pos++; // {
    const entries: JsonEntry[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { kind: 'object', offset, entries };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') {
        if (this.text[this.pos] === '}') this.fail('Trailing comma before }');
        this.fail(`Unexpected ${describe(this.text[this.pos])}: expected a property name in double quotes`);
      }
      const keyOffset = this.pos;
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':')
        this.fail(`Unexpected ${describe(this.text[this.pos])}: expected ':' after property name`);
      this.pos++;
      this.skipWhitespace();
      const value = this.parseValue(depth + 1);
      entries.push({ key, keyOffset, value });
      this.skipWhitespace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === '}') {
        this.pos++;
        return { kind: 'object', offset, entries };
      }
      this.fail(`Unexpected ${describe(next)}: expected ',' or '}'`);
    }
  }

  private parseArray(depth: number): JsonNode {
    const offset = this.pos;
    this.pos++; // [
    const items: JsonNode[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { kind: 'array', offset, items };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] === ']') this.fail('Trailing comma before ]');
      items.push(this.parseValue(depth + 1));
      this.skipWhitespace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === ']') {
        this.pos++;
        return { kind: 'array', offset, items };
      }
      this.fail(`Unexpected ${describe(next)}: expected ',' or ']'`);
    }
  }

  private parseString(): string {
    const t = this.text;
    const start = this.pos;
    this.pos++; // opening quote
    let out = '';
    let chunkStart = this.pos;
    for (;;) {
      if (this.pos >= t.length) this.fail('Unterminated string', start);
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) {
        out += t.slice(chunkStart, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) this.fail(`Unescaped ${describe(t[this.pos])} in string`);
      if (c === 0x5c) {
        out += t.slice(chunkStart, this.pos);
        out += this.parseEscape();
        chunkStart = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  private parseEscape(): string {
    const t = this.text;
    const esc = t[this.pos + 1];
    const simple: Record<string, string> = {
      '"': '"',
      '\\': '\\',
      '/': '/',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
    };
    if (esc !== undefined && esc in simple) {
      this.pos += 2;
      return simple[esc] as string;
    }
    if (esc === 'u') {
      const hex = t.slice(this.pos + 2, this.pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid \\u escape: expected four hex digits');
      this.pos += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    return this.fail(`Invalid escape sequence \\${esc ?? ''}`);
  }

  private parseNumber(): JsonNode {
    const t = this.text;
    const offset = this.pos;
    const match = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    match.lastIndex = this.pos;
    const m = match.exec(t);
    if (!m || m[0] === '-' || m[0].length === 0) this.fail('Invalid number');
    this.pos += m[0].length;
    const next = t[this.pos];
    if (next !== undefined && /[0-9.eE+\-a-zA-Z]/.test(next)) this.fail(`Invalid number: unexpected ${describe(next)}`);
    return { kind: 'number', offset, value: Number(m[0]) };
  }
}
