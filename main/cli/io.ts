import { fstatSync } from 'node:fs';
import { terminalText } from '../core/text/terminal-text';
import { writeFully } from '../core/store/write-fully';
import { colourWanted, paint, plainText, type Span } from './paint';

/** Where a command writes; tests pass their own to capture output. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Standard output with colour where the terminal takes it; without it, the spans go to `out` as plain text. */
  outSpans?(spans: readonly Span[]): void;
}

/** Writes coloured spans where the IO can, plain text elsewhere (tests, pipes). */
export function printSpans(io: CliIO, spans: readonly Span[]): void {
  if (io.outSpans) io.outSpans(spans);
  else io.out(plainText(spans));
}

/**
 * The terminal (or pipe): every byte the CLI prints goes through terminalText, so text from
 * containers and engines never reaches it with a raw control character, whichever command printed it.
 * Output redirected to a file (an MDM script's `> result.json`) is written whole or fails: Node's
 * own stream for a file ignores a short write, so a full disk would leave a cut-off report and exit 0.
 */
function writer(fd: 1 | 2, stream: NodeJS.WriteStream, what: string): (escaped: string) => void {
  let toFile: boolean | null = null;
  return (text) => {
    if (toFile === null) {
      try {
        toFile = fstatSync(fd).isFile();
      } catch {
        toFile = false;
      }
    }
    if (toFile) writeFully(fd, text, what);
    else stream.write(text);
  };
}

const stdout = writer(1, process.stdout, 'standard output');
const stderr = writer(2, process.stderr, 'standard error');
let colour: boolean | null = null;

export const processIO: CliIO = {
  out: (raw) => stdout(terminalText(raw)),
  err: (raw) => stderr(terminalText(raw)),
  outSpans: (spans) => {
    colour ??= colourWanted(process.env, process.stdout.isTTY === true);
    stdout(paint(spans, colour, terminalText));
  },
};
