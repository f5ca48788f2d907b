// Before the renderer tests: build (the pages under test are the bundled files, and the lab's
// detached helpers run compiled code), make sure the lab can run, sweep labs a crashed run left.

import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { Lab } from '../lab/lab';
import { REPO_ROOT } from '../lab/lab-paths';
import { ensureLabPrerequisites } from '../lab/prerequisites';
import { SCREENSHOTS } from './page-checks';

export default async function globalSetup(): Promise<() => Promise<void>> {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: 'inherit' });
  ensureLabPrerequisites();
  await Lab.sweepStale();
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  return async () => {
    await Lab.sweepStale();
  };
}
