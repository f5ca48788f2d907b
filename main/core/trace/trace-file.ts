// Writing a trace: whole or not at all, readable only by this user (0600), and never through a
// symbolic link at the output path (run as root, a link could point anywhere).

import { lstatSync } from 'node:fs';
import { writePrivateFile } from '../store/private-files';
import type { Trace } from './trace-format';

export class TraceFileError extends Error {
  override name = 'TraceFileError';
}

export function writeTraceFile(path: string, trace: Trace): void {
  let existing: ReturnType<typeof lstatSync> | undefined;
  try {
    existing = lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new TraceFileError(`cannot write the trace to ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  if (existing?.isSymbolicLink())
    throw new TraceFileError(`${path} is a symbolic link: not following it; choose another --out`);
  if (existing && !existing.isFile()) throw new TraceFileError(`${path} is not a regular file; choose another --out`);
  writePrivateFile(path, JSON.stringify(trace, null, 2) + '\n', { privateDir: false });
}
