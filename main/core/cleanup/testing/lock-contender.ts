// A separate process that tries to take the cleanup lock (for the lock tests): prints "won" or
// "refused <pid>", then holds what it got until its standard input closes.

import { acquireCleanupLock, CleanupLockedError } from '../cleanup-lock';

const stateDir = process.argv[2]!;
let release: (() => void) | null = null;
try {
  release = acquireCleanupLock(stateDir);
  process.stdout.write('won\n');
} catch (err) {
  process.stdout.write(
    err instanceof CleanupLockedError ? `refused ${err.holder.pid}\n` : `error ${(err as Error).message}\n`,
  );
}
process.stdin.resume();
process.stdin.on('end', () => {
  release?.();
  process.exit(0);
});
