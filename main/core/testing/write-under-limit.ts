// TEST CHILD: runs one of eci-tray's writers in a process started under a write limit (the test
// starts it with `ulimit -f`, or on a tiny tmpfs) and prints what happened as one JSON line.
// Node ignores SIGXFSZ, so a write past the limit is cut short or fails with EFBIG, as on a full disk.

import { readFileSync } from 'node:fs';
import { Journal } from '../cleanup/journal';
import type { CleanupPlan } from '../cleanup/plan';
import { tryLockFile } from '../store/lock-file';
import { writePrivateFile } from '../store/private-files';
import { writeFully } from '../store/write-fully';
import { openSync } from 'node:fs';

const [op = '', target = '', arg = ''] = process.argv.slice(2);
let done = 0;
try {
  switch (op) {
    case 'fully':
      writeFully(openSync(target, 'w'), Buffer.alloc(Number(arg), 0x61), target);
      break;
    case 'private':
      writePrivateFile(target, 'b'.repeat(Number(arg)));
      break;
    case 'lock': {
      const taken = tryLockFile(target);
      if (typeof taken !== 'function') throw new Error('the lock was held');
      break;
    }
    case 'journal-create':
      Journal.create(target, JSON.parse(readFileSync(arg, 'utf8')) as CleanupPlan);
      break;
    case 'journal-append': {
      const journal = Journal.read(target);
      for (let i = 0; i < Number(arg); i++) {
        journal.append({ type: 'rollback', index: 0, reason: `reason ${i} ${'r'.repeat(200)}` });
        done++;
      }
      break;
    }
    default:
      throw new Error(`unknown op ${op}`);
  }
  process.stdout.write(JSON.stringify({ ok: true, done }) + '\n');
} catch (err) {
  const e = err as NodeJS.ErrnoException;
  process.stdout.write(
    JSON.stringify({ ok: false, done, name: e.name, code: e.code ?? null, message: e.message }) + '\n',
  );
}
