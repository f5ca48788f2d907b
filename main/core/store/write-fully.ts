// Writing every byte or failing. `write(2)` may write fewer bytes than asked (a full disk, a quota,
// a file-size limit) and says so only in its return value: a writer that ignores it takes a
// cut-off file for a whole one. Every file eci-tray writes goes through writeFully, which writes
// the rest until all is written and throws when the system stops taking bytes.

import { writeSync } from 'node:fs';

/** A write that did not take every byte: `written` of `total` bytes are on disk. */
export class ShortWriteError extends Error {
  override name = 'ShortWriteError';
  /** ENOSPC, EFBIG, EDQUOT… of the write that failed, or ENOSPC when it only stopped taking bytes. */
  readonly code: string;
  constructor(
    readonly written: number,
    readonly total: number,
    what: string,
    cause?: NodeJS.ErrnoException,
  ) {
    super(
      `only ${written} of ${total} bytes could be written to ${what}${cause ? ` (${cause.code ?? cause.message})` : ''}`,
      cause ? { cause } : undefined,
    );
    this.code = cause?.code ?? 'ENOSPC';
  }
}

/**
 * Writes all of `data` to `fd`, at `position` (or the file's current offset when null), or throws
 * ShortWriteError saying how much was written. `what` names the file in the error.
 */
export function writeFully(fd: number, data: string | Buffer, what: string, position: number | null = null): void {
  const buf = typeof data === 'string' ? Buffer.from(data) : data;
  let done = 0;
  while (done < buf.length) {
    let n: number;
    try {
      n = writeSync(fd, buf, done, buf.length - done, position === null ? null : position + done);
    } catch (err) {
      throw new ShortWriteError(done, buf.length, what, err as NodeJS.ErrnoException);
    }
    // No progress and no error: the system takes no more bytes (never loop for ever).
    if (n <= 0) throw new ShortWriteError(done, buf.length, what);
    done += n;
  }
}
