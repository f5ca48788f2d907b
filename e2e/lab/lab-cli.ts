// `npm run lab -- <command>`: the engine lab for people.
//   up on|off [--version X] [--no-proxy] [--refuse-at create|start]
//                                            start a lab (remembered in .lab/current); --refuse-at:
//                                            when Desktop refuses host namespaces and the socket mount
//   refuse-at create|start|default           change that moment on the running lab
//   switch on|off                            full quit and relaunch into a mode
//   relaunch                                 full quit and relaunch; the settings files decide
//   menu-restart                             restart in the same mode (does not apply settings)
//   pause [--status CODE] | unpause          Docker Desktop paused by hand, or running again
//   sleep [--after S] [--wake S] [--containers-only] [--streams stay-open|end|refuse]
//                                            Resource Saver: after S quiet seconds the first call
//                                            waits while the VM wakes; event streams meanwhile
//   status | env | down

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRefusalMoment, type RefusalMoment } from './desktop-refusals';
import type { SleepingStreams } from './desktop-states';
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

function numberArg(args: string[], flag: string, fallback: number): number {
  const i = args.indexOf(flag);
  if (i < 0) return fallback;
  const n = Number(args[i + 1]);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} expects a number, not "${args[i + 1] ?? ''}"`);
  return n;
}

function refuseAtArg(value: string | undefined): RefusalMoment {
  if (isRefusalMoment(value)) return value;
  throw new Error(`--refuse-at expects "create" or "start", not "${value ?? ''}"`);
}

function printEnv(lab: Lab): void {
  const env = lab.env();
  process.stdout.write(
    Object.entries(env)
      .map(([k, v]) => `export ${k}=${v}`)
      .join('\n') + `\n# then, for example:\n# npx eci-tray check ${lab.productArgs().join(' ')}\n`,
  );
}

async function main([command, ...rest]: string[]): Promise<void> {
  switch (command) {
    case 'up': {
      const vIndex = rest.indexOf('--version');
      const rIndex = rest.indexOf('--refuse-at');
      const lab = await Lab.start({
        mode: modeArg(rest[0]),
        persistent: true,
        proxy: !rest.includes('--no-proxy'),
        ...(vIndex >= 0 && rest[vIndex + 1] ? { desktopVersion: rest[vIndex + 1] as string } : {}),
        ...(rIndex >= 0 ? { refuseAt: refuseAtArg(rest[rIndex + 1]) } : {}),
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
    case 'refuse-at': {
      const moment = rest[0] === 'default' ? undefined : refuseAtArg(rest[0]);
      await current().setRefusalMoment(moment);
      process.stderr.write(
        `lab Desktop refuses ${moment ? `both at ${moment}` : 'host namespaces at start, the socket mount at create'}\n`,
      );
      return;
    }
    case 'menu-restart':
      await current().menuRestart();
      process.stderr.write('lab restarted in the same mode\n');
      return;
    case 'pause': {
      const status = numberArg(rest, '--status', 500);
      current().pause(status);
      process.stderr.write(`lab Desktop paused: calls answer HTTP ${status} "${Lab.pausedMessage}"\n`);
      return;
    }
    case 'unpause':
      current().unpause();
      process.stderr.write('lab Desktop running: calls pass through\n');
      return;
    case 'sleep': {
      const quietMs = numberArg(rest, '--after', 60) * 1000;
      const wakeMs = numberArg(rest, '--wake', 8) * 1000;
      const streams = rest[rest.indexOf('--streams') + 1];
      if (rest.includes('--streams') && streams !== 'stay-open' && streams !== 'end' && streams !== 'refuse')
        throw new Error('lab: --streams takes stay-open, end or refuse');
      current().sleep({
        quietMs,
        wakeMs,
        wakeOn: rest.includes('--containers-only') ? 'containers' : 'any',
        ...(rest.includes('--streams') ? { events: streams as SleepingStreams } : {}),
      });
      process.stderr.write(
        `lab Desktop in Resource Saver: after ${quietMs / 1000} s without calls, the next ${rest.includes('--containers-only') ? 'container run' : 'call'} waits ${wakeMs / 1000} s\n`,
      );
      return;
    }
    case 'status': {
      const lab = current();
      process.stdout.write(
        `${lab.root}: ${lab.mode === null ? 'stopped' : `ECI ${lab.mode}`}, Docker Desktop ${lab.desktopVersion} (${lab.desktopMood.state})\n`,
      );
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
      throw new Error(
        'usage: npm run lab -- up on|off [--version X] [--no-proxy] [--refuse-at create|start] | refuse-at create|start|default | switch on|off | relaunch | menu-restart | pause [--status CODE] | unpause | sleep [--after S] [--wake S] [--containers-only] [--streams stay-open|end|refuse] | status | env | down',
      );
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`lab: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
