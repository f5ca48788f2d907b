// Before the Electron specs on a desktop machine: build the app (the specs start dist/app/main.js).
import { execSync } from 'node:child_process';
import { REPO_ROOT } from '../lab/lab-paths';

export default function globalSetup(): void {
  execSync('npm run build --silent', { cwd: REPO_ROOT, stdio: 'inherit' });
}
