// Colour on the terminal, as https://no-color.org asks: NO_COLOR (any non-empty value) turns it
// off; FORCE_COLOR (any value but "0" or "false") turns it on through a pipe (CI logs); otherwise
// only a terminal that is not "dumb" gets it. Pure: the process's facts are passed in.

export type Tone = 'ok' | 'bad' | 'warn' | 'bold';

/** A piece of output and how it may be coloured; the text is escaped before it is written. */
export interface Span {
  text: string;
  tone?: Tone;
}

export function colourWanted(env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (env['NO_COLOR']) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return isTTY && env['TERM'] !== 'dumb';
}

const SGR: Record<Tone, string> = { ok: '\u001b[32m', bad: '\u001b[31m', warn: '\u001b[33m', bold: '\u001b[1m' };
const RESET = '\u001b[0m';

/**
 * The spans as written: each text through `escape` (terminal-text.ts) first, then the colour's
 * own escape codes around it, so only ours ever reach the terminal raw.
 */
export function paint(spans: readonly Span[], colour: boolean, escape: (text: string) => string): string {
  return spans
    .map((s) => {
      const text = escape(s.text);
      return colour && s.tone && text ? `${SGR[s.tone]}${text}${RESET}` : text;
    })
    .join('');
}

export const plainText = (spans: readonly Span[]): string => spans.map((s) => s.text).join('');
