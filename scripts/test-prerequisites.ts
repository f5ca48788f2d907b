// The first step of `npm test`: everything the tests run must be on the machine before any test
// starts. As root on Debian the missing packages are installed; otherwise it fails here, saying
// exactly what to install, rather than letting a test fail later (or be skipped) for a missing tool.

import { ensurePrerequisites, TEST_REQUIREMENTS } from '../e2e/lab/prerequisites';

try {
  ensurePrerequisites(TEST_REQUIREMENTS, 'npm test');
} catch (err) {
  process.stderr.write(`test prerequisites: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
