// Before the renderer tests: build (the pages under test are the bundled files, and the lab's
// detached helpers run compiled code), make sure the lab can run, sweep labs a crashed run left.
// Screenshots are overwritten by name, so a run of one spec keeps the others' pictures.

import { execFileSync } from 'node:child_process';
import { Lab } from '../lab/lab';
import { REPO_ROOT } from '../lab/lab-paths';
import { ensureLabPrerequisites } from '../lab/prerequisites';

export default async function globalSetup(): Promise<() => Promise<void>> {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: 'inherit' });
  ensureLabPrerequisites();
  await Lab.sweepStale();
  return async () => {
    await Lab.sweepStale();
  };
}
