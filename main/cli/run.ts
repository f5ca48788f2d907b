// Command dispatch for the headless CLI. Every command returns its exit code; usage mistakes
// print the usage and exit 2; anything unexpected prints one clear line and exits 1.

import { checkCommand, CHECK_HELP } from './check-command';
import { cleanupCommand, CLEANUP_HELP } from './cleanup-command';
import { containersCommand, CONTAINERS_HELP } from './containers-command';
import { doctorCommand, DOCTOR_HELP } from './doctor-command';
import { policyCommand, POLICY_HELP } from './policy-command';
import { relaunchCommand, RELAUNCH_HELP } from './relaunch-command';
import { RELAUNCH_SUMMARY } from '../core/desktop/relaunch-service';
import { watchCommand, WATCH_HELP } from './watch-command';
import { EXIT_INTERNAL_ERROR, EXIT_OK, EXIT_USAGE } from './exit-codes';
import type { CliIO } from './io';
import { errorText } from '../core/error-text';
import { UsageError } from './usage-error';

type Command = { run: (args: string[], io: CliIO) => Promise<number>; summary: string; help: string };

const COMMANDS: Record<string, Command> = {
  check: { run: checkCommand, summary: 'verify ECI with probe containers and print the verdict', help: CHECK_HELP },
  watch: { run: watchCommand, summary: 'keep watching ECI, print every change and notify', help: WATCH_HELP },
  containers: { run: containersCommand, summary: 'list the containers that run outside ECI', help: CONTAINERS_HELP },
  cleanup: { run: cleanupCommand, summary: 'plan, apply or resume the cleanup of those containers', help: CLEANUP_HELP },
  relaunch: { run: relaunchCommand, summary: RELAUNCH_SUMMARY, help: RELAUNCH_HELP },
  doctor: { run: doctorCommand, summary: 'record a trace of one check and a few minutes of watching, for a problem report', help: DOCTOR_HELP },
  policy: { run: policyCommand, summary: 'validate, explain or edit the admin policy file (admin-settings.json)', help: POLICY_HELP },
};

export function usage(): string {
  const list = Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`)
    .join('\n');
  return `Usage: eci-tray <command> [options]

Commands:
${list}

Run "eci-tray <command> --help" for a command's options.
`;
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? EXIT_OK : EXIT_USAGE;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`eci-tray: unknown command "${name}"\n\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`eci-tray ${name}: ${err.message}\n\n${command.help}`);
      return EXIT_USAGE;
    }
    io.err(`eci-tray ${name}: ${errorText(err)}\n`);
    return EXIT_INTERNAL_ERROR;
  }
}
