// How a JSON file is laid out (indentation unit and line ending), so an edit writes new lines the
// way the file's author did: tabs stay tabs, 4 spaces stay 4, CRLF stays CRLF. Pure.

export interface FileFormat {
  insertSpaces: boolean;
  /** Spaces per level (when insertSpaces), else the tab width jsonc-parser assumes. */
  tabSize: number;
  eol: '\n' | '\r\n';
}

export const DEFAULT_FORMAT: FileFormat = { insertSpaces: true, tabSize: 2, eol: '\n' };

export function detectFormat(text: string): FileFormat {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r\n|\n/);
  let tabs = 0;
  let spaced = 0;
  // The indentation unit: the smallest step by which one line is indented deeper than the one before.
  let unit = Infinity;
  let previous = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const lead = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (lead.startsWith('\t')) tabs++;
    else if (lead.length > 0) spaced++;
    const width = lead.startsWith('\t') ? 0 : lead.length;
    if (!lead.startsWith('\t') && width > previous) unit = Math.min(unit, width - previous);
    previous = width;
  }
  if (tabs > spaced) return { insertSpaces: false, tabSize: 4, eol };
  return { insertSpaces: true, tabSize: Number.isFinite(unit) ? unit : DEFAULT_FORMAT.tabSize, eol };
}
