// `eci-tray check`: one verification, printed for people or as JSON; the exit code is the verdict.

import { runCheck } from '../core/check';
import { CHECK_FLAGS_HELP, parseCheckFlags } from './check-options';
import { EXIT_OK, VERDICT_EXIT_CODES } from './exit-codes';
import { formatReport } from '../core/report-text';
import type { CliIO } from './io';

export const CHECK_HELP = `Usage: eci-tray check [options]

Verifies Enhanced Container Isolation with probe containers and prints the verdict.
Exit code 0 only when the verdict is "protected" (see README for the others).

Options:
${CHECK_FLAGS_HELP}
  -h, --help             show this help
`;

export async function checkCommand(args: string[], io: CliIO): Promise<number> {
  const flags = parseCheckFlags(args);
  if (flags.help) {
    io.out(CHECK_HELP);
    return EXIT_OK;
  }
  const report = await runCheck({ ...flags.config, onProgress: (m) => io.err(`eci-tray check: ${m}\n`) });
  io.out(flags.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
  return VERDICT_EXIT_CODES[report.verdict];
}
