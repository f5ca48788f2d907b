// `npm run lab -- <command>`: the engine lab for people.
//   up on|off [--version X] [--no-proxy]   start a lab (remembered in .lab/current)
//   switch on|off                            full quit and relaunch into a mode
//   relaunch                                 full quit and relaunch; the settings files decide
//   menu-restart                             restart in the same mode (does not apply settings)
//   status | env | down

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lab } from './lab';
import { REPO_ROOT, type LabMode } from './lab-paths';

const POINTER = join(REPO_ROOT, '.lab', 'current');

function current(): Lab {
  let root: string;
  try {
    root = readFileSync(POINTER, 'utf8').trim();
  } catch {
    throw new Error('no lab is up: start one with "npm run lab -- up off" (or "up on")');
  }
  return Lab.open(root);
}

function modeArg(value: string | undefined): LabMode {
  if (value === 'on' || value === 'off') return value;
  throw new Error(`expected "on" or "off", not "${value ?? ''}"`);
}

function printEnv(lab: Lab): void {
  const env = lab.env();
  process.stdout.write(
    Object.entries(env)
      .map(([k, v]) => `export ${k}=${v}`)
      .join('\n') +
      `\n# then, for example:\n# npx eci-tray check ${lab.productArgs().join(' ')}\n`,
  );
}

async function main([command, ...rest]: string[]): Promise<void> {
  switch (command) {
    case 'up': {
      const vIndex = rest.indexOf('--version');
      const lab = await Lab.start({
        mode: modeArg(rest[0]),
        persistent: true,
        proxy: !rest.includes('--no-proxy'),
        ...(vIndex >= 0 && rest[vIndex + 1] ? { desktopVersion: rest[vIndex + 1] as string } : {}),
      });
      mkdirSync(join(REPO_ROOT, '.lab'), { recursive: true });
      writeFileSync(POINTER, lab.root + '\n');
      process.stderr.write(`lab up at ${lab.root} (ECI ${lab.mode})\n`);
      printEnv(lab);
      return;
    }
    case 'switch':
      await current().switchTo(modeArg(rest[0]));
      process.stderr.write(`lab switched: ECI ${rest[0]}\n`);
      return;
    case 'relaunch': {
      const mode = await current().relaunch();
      process.stderr.write(`lab relaunched: ECI ${mode}\n`);
      return;
    }
    case 'menu-restart':
      await current().menuRestart();
      process.stderr.write('lab restarted in the same mode\n');
      return;
    case 'status': {
      const lab = current();
      process.stdout.write(`${lab.root}: ${lab.mode === null ? 'stopped' : `ECI ${lab.mode}`}, Docker Desktop ${lab.desktopVersion}\n`);
      return;
    }
    case 'env':
      printEnv(current());
      return;
    case 'down': {
      const lab = current();
      await lab.teardown();
      rmSync(POINTER, { force: true });
      process.stderr.write(`lab at ${lab.root} is down\n`);
      return;
    }
    default:
      throw new Error('usage: npm run lab -- up on|off [--version X] [--no-proxy] | switch on|off | relaunch | menu-restart | status | env | down');
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`lab: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
