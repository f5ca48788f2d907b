// `eci-tray policy <validate|explain|set-eci>`: the admin policy file, checked, explained, edited.

import { EXIT_OK } from './exit-codes';
import type { CliIO } from './io';
import { policyExplainCommand } from './policy-explain-command';
import { policySetEciCommand } from './policy-set-eci-command';
import { policyValidateCommand } from './policy-validate-command';
import { UsageError } from './usage-error';
import { didYouMean } from '../core/policy/did-you-mean';

export const POLICY_HELP = `Usage: eci-tray policy <subcommand> [options]

Subcommands:
  validate [FILE]     will Docker Desktop accept this admin-settings.json? (line and column of each finding)
  explain             the ECI setting from every source, which one wins and why, and whether it is in effect
  set-eci on|off      set ECI (and the socket mount allow list) in admin-settings.json, keeping the rest

Run "eci-tray policy <subcommand> --help" for its options and exit codes.

Examples:
  eci-tray policy validate
  eci-tray policy explain --no-probe
  sudo eci-tray policy set-eci on --locked
`;

const SUBCOMMANDS: Record<string, (args: string[], io: CliIO) => Promise<number>> = {
  validate: policyValidateCommand,
  explain: policyExplainCommand,
  'set-eci': policySetEciCommand,
};

export async function policyCommand(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    io.out(POLICY_HELP);
    return EXIT_OK;
  }
  const run = sub ? SUBCOMMANDS[sub] : undefined;
  if (!run) {
    const meant = sub ? didYouMean(sub, Object.keys(SUBCOMMANDS)) : null;
    throw new UsageError(
      sub
        ? `unknown subcommand "${sub}"${meant ? ` (did you mean "${meant}"?)` : ''}`
        : 'say which: validate, explain or set-eci',
    );
  }
  return run(rest, io);
}
