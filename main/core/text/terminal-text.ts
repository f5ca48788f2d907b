// Text from containers and engines (names, labels, paths, error messages) on a terminal: every
// control character is shown escaped (\u001b), never sent raw, so a label cannot erase or rewrite
// lines already printed (ESC [2K, CR, backspace), set the clipboard (OSC 52) or reorder text (bidi
// overrides). Pure.

/** C0 and C1 control characters, DEL, line and paragraph separators, and the bidi controls. */
export function isControlChar(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

export function hasControlChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isControlChar(text.charCodeAt(i))) return true;
  return false;
}

const escaped = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;

/**
 * What the CLI writes: control characters as \uXXXX, except the newline and tab its own layout
 * uses. The escape is also a JSON string escape, so JSON output stays JSON with the same values.
 */
export function terminalText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += isControlChar(code) && code !== 0x0a && code !== 0x09 ? escaped(code) : text[i];
  }
  return out;
}

/** One value inside a line of text: its newlines and tabs escaped too, so it cannot forge a line. */
export function oneLine(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += isControlChar(code) ? escaped(code) : text[i];
  }
  return out;
}
