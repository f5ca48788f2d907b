import { fstatSync } from 'node:fs';
import { writeFully } from '../core/write-fully';

/** Where a command writes; tests pass their own to capture output. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

/**
 * Output redirected to a file (an MDM script's `> result.json`) is written whole or fails: Node's
 * own stream for a file ignores a short write, so a full disk would leave a cut-off report and exit 0.
 */
function writer(fd: 1 | 2, stream: NodeJS.WriteStream, what: string): (text: string) => void {
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

export const processIO: CliIO = {
  out: writer(1, process.stdout, 'standard output'),
  err: writer(2, process.stderr, 'standard error'),
};
