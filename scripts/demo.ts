// `npm run demo`: the main job of ECI Tray on a machine without Docker Desktop. Brings up the
// engine lab, then runs the real CLI through: ECI off -> admin policy written -> full quit and
// relaunch (through `docker desktop stop|start`) -> protected. Cleans up after itself.

import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Lab } from '../e2e/lab/lab';
import { REPO_ROOT } from '../e2e/lab/lab-paths';

const CLI = join(REPO_ROOT, 'dist', 'bin', 'eci-tray.js');

function banner(text: string): void {
  process.stdout.write(`\n=== ${text} ${'='.repeat(Math.max(0, 90 - text.length))}\n\n`);
}

function check(lab: Lab): void {
  const r = spawnSync(process.execPath, [CLI, 'check', ...lab.productArgs()], {
    encoding: 'utf8',
    env: { ...process.env, ...lab.env() },
  });
  process.stdout.write(r.stdout + r.stderr);
  process.stdout.write(`(exit code ${r.status})\n`);
}

async function main(): Promise<void> {
  banner('Starting the engine lab: a real dockerd behind a Docker Desktop personality, ECI off');
  const lab = await Lab.start({ mode: 'off' });
  const cleanup = async () => {
    await lab.teardown();
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    process.stdout.write(`lab folder ${lab.root}\nDOCKER_HOST=${lab.dockerHost}\n`);

    banner('1. eci-tray check: ECI is off');
    check(lab);

    banner('2. An admin writes admin-settings.json: ECI on, locked');
    lab.writeAdminPolicy(true, true);
    process.stdout.write(
      `${lab.paths.adminSettings}:\n${execFileSync('cat', [lab.paths.adminSettings], { encoding: 'utf8' })}\n`,
    );
    check(lab);

    banner('3. Full quit and relaunch: docker desktop stop && docker desktop start');
    const env = { ...process.env, ...lab.env() };
    for (const step of ['stop', 'start'])
      process.stdout.write(execFileSync('docker', ['desktop', step], { encoding: 'utf8', env }));

    banner('4. eci-tray check: verified by probe containers');
    check(lab);
  } finally {
    banner('Cleaning up the lab');
    await cleanup();
    process.stdout.write('done: no daemon, mount or folder left behind\n');
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
