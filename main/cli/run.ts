// Command dispatch for the headless CLI. Every command returns its exit code; usage mistakes
// print the usage and exit 2; anything unexpected prints one clear line and exits 1.

import { RELAUNCH_SUMMARY } from '../core/desktop/relaunch-service';
import { EXIT_INTERNAL_ERROR, EXIT_OK, EXIT_USAGE } from './exit-codes';
import type { CliIO } from './io';
import { errorText } from '../core/error-text';
import { UsageError } from './usage-error';
import { didYouMean } from '../core/policy/did-you-mean';
import { appVersion } from './version';

type CommandModule = { run: (args: string[], io: CliIO) => Promise<number>; help: string };
/** `load` brings in the command's code when it is run: a process loads only the command it runs. */
type Command = { load: () => Promise<CommandModule>; summary: string };

const COMMANDS: Record<string, Command> = {
  check: {
    load: async () => import('./check-command.js').then((m) => ({ run: m.checkCommand, help: m.CHECK_HELP })),
    summary: 'verify ECI with probe containers and print the verdict',
  },
  watch: {
    load: async () => import('./watch-command.js').then((m) => ({ run: m.watchCommand, help: m.WATCH_HELP })),
    summary: 'keep watching ECI, print every change and notify',
  },
  containers: {
    load: async () =>
      import('./containers-command.js').then((m) => ({ run: m.containersCommand, help: m.CONTAINERS_HELP })),
    summary: 'list the containers from before ECI (they run outside it)',
  },
  cleanup: {
    load: async () => import('./cleanup-command.js').then((m) => ({ run: m.cleanupCommand, help: m.CLEANUP_HELP })),
    summary: 'plan, apply or resume the cleanup of those containers',
  },
  relaunch: {
    load: async () => import('./relaunch-command.js').then((m) => ({ run: m.relaunchCommand, help: m.RELAUNCH_HELP })),
    summary: RELAUNCH_SUMMARY,
  },
  doctor: {
    load: async () => import('./doctor-command.js').then((m) => ({ run: m.doctorCommand, help: m.DOCTOR_HELP })),
    summary: 'record a trace of one check and a few minutes of watching, for a problem report',
  },
  history: {
    load: async () => import('./history-command.js').then((m) => ({ run: m.historyCommand, help: m.HISTORY_HELP })),
    summary: 'show the recent activity the app recorded (verdict changes and their causes)',
  },
  policy: {
    load: async () => import('./policy-command.js').then((m) => ({ run: m.policyCommand, help: m.POLICY_HELP })),
    summary: 'validate, explain or edit the admin policy file (admin-settings.json)',
  },
};

/** 'unknown command "chek" (did you mean "check"?)'; flags before the command are not commands. */
export function unknownCommandText(name: string): string {
  const meant = didYouMean(name.replace(/^-+/, ''), [...Object.keys(COMMANDS), 'version']);
  if (name.startsWith('-'))
    return `unknown option ${name}${meant === 'version' ? ' (did you mean --version?)' : ''}; the command comes first`;
  return `unknown command "${name}"${meant ? ` (did you mean "${meant}"?)` : ''}`;
}

export function usage(): string {
  const list = Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`)
    .join('\n');
  return `Usage: eci-tray <command> [options]

Commands:
${list}

Run "eci-tray <command> --help" for a command's options and examples,
"eci-tray --version" for the version.
`;
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? EXIT_OK : EXIT_USAGE;
  }
  if (name === '--version' || name === 'version') {
    io.out(`eci-tray ${appVersion()}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`eci-tray: ${unknownCommandText(name)}\n\n${usage()}`);
    return EXIT_USAGE;
  }
  let loaded: CommandModule | undefined;
  try {
    loaded = await command.load();
    return await loaded.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`eci-tray ${name}: ${err.message}\n\n${loaded?.help ?? ''}`);
      return EXIT_USAGE;
    }
    io.err(`eci-tray ${name}: ${errorText(err)}\n`);
    return EXIT_INTERNAL_ERROR;
  }
}
