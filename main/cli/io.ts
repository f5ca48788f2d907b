import { fstatSync } from 'node:fs';
import { terminalText } from '../core/text/terminal-text';
import { writeFully } from '../core/store/write-fully';

/** Where a command writes; tests pass their own to capture output. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

/**
 * The terminal (or pipe): every byte the CLI prints goes through terminalText, so text from
 * containers and engines never reaches it with a raw control character, whichever command printed it.
 * Output redirected to a file (an MDM script's `> result.json`) is written whole or fails: Node's
 * own stream for a file ignores a short write, so a full disk would leave a cut-off report and exit 0.
 */
function writer(fd: 1 | 2, stream: NodeJS.WriteStream, what: string): (text: string) => void {
  let toFile: boolean | null = null;
  return (raw) => {
    const text = terminalText(raw);
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

export const processIO: CliIO = {
  out: writer(1, process.stdout, 'standard output'),
  err: writer(2, process.stderr, 'standard error'),
};
