// Before the lab tests: build the CLI bundle and compile the helpers the detached lab processes and the CLI run, make sure
// the machine can run the lab (installing Debian packages as root if needed; failing loudly
// otherwise), and tear down labs a crashed earlier run left. After: tear down our own leftovers.

import { execFileSync } from 'node:child_process';
import { Lab } from '../lab/lab';
import { REPO_ROOT } from '../lab/lab-paths';
import { ensureLabPrerequisites } from '../lab/prerequisites';

export async function setup(): Promise<void> {
  // The CLI under test is the shipped bundle, and the lab's detached helpers run compiled code.
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: 'inherit' });
  ensureLabPrerequisites();
  await Lab.sweepStale();
}

export async function teardown(): Promise<void> {
  // Labs whose test worker has exited (after a failure or a kill) are swept here.
  await Lab.sweepStale();
}
