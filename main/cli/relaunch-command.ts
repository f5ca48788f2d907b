// `eci-tray relaunch`: quits Docker Desktop fully and starts it again (a menu restart does not
// apply pending settings), waits for the engine, and re-verifies ECI with the probe.

import { EciChecker } from '../core/verify/check';
import type { ConfirmRequest } from '../core/confirm';
import { RelaunchService } from '../core/desktop/relaunch-service';
import { MENU_RESTART_NOT_ENOUGH, relaunchOutcomeText } from '../core/words';
import {
  CHECK_FLAGS,
  JSON_FLAG_HELP,
  engineFlagsHelp,
  checkConfigFrom,
  parseFlags,
  secondsFlag,
} from './check-options';
import { EXIT_OK, EXIT_RELAUNCH_FAILED, VERDICT_EXIT_CODES } from './exit-codes';
import { textSpans } from './output-format';
import { printSpans, type CliIO } from './io';
import { confirmOrRefuse } from './confirm';

export const RELAUNCH_HELP = `Usage: eci-tray relaunch [--yes] [--timeout SECONDS] [options]

Quits and reopens Docker Desktop, so pending settings (such as an admin policy for ECI) take
effect; ${MENU_RESTART_NOT_ENOUGH}. Running containers stop.
Then verifies ECI with probe containers and prints the verdict (exit code as for "check").

Options:
  --yes                  do not ask for confirmation
  --timeout SECONDS      how long to wait for Docker Desktop to stop and to come back (default 300)
${JSON_FLAG_HELP}
${engineFlagsHelp(['timeout'])}
  -h, --help             show this help

Examples:
  eci-tray relaunch
  eci-tray relaunch --yes --json
`;

const RELAUNCH_FLAGS = { ...CHECK_FLAGS, yes: { type: 'boolean', short: 'y' } } as const;

export async function relaunchCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(args, RELAUNCH_FLAGS);
  if (values.help) {
    io.out(RELAUNCH_HELP);
    return EXIT_OK;
  }
  const waitMs = secondsFlag(values.timeout, 'timeout', 1, 3_600) ?? 300_000;
  const checker = new EciChecker(checkConfigFrom({ ...values, timeout: undefined }));
  const confirm = (r: ConfirmRequest) =>
    confirmOrRefuse(
      `${r.message} [y/N] `,
      !!values.yes,
      'refusing to quit Docker Desktop without confirmation: pass --yes',
    );
  try {
    const run = await new RelaunchService(confirm).run(checker, {
      onWarning: (w) => io.err(`${w}\n`),
      onProgress: (p) => io.err(`[${(p.elapsedMs / 1000).toFixed(1)} s] ${p.message}\n`),
      stopTimeoutMs: waitMs,
      startTimeoutMs: waitMs,
    });
    switch (run.kind) {
      case 'busy':
      case 'declined':
        io.err('Nothing done.\n');
        return EXIT_OK;
      case 'failed':
        io.err(`eci-tray relaunch: ${run.error}\n`);
        return EXIT_RELAUNCH_FAILED;
      case 'done': {
        const r = run.result;
        if (!values.json) {
          const result = { kind: 'report', report: r.report, forUser: null } as const;
          printSpans(io, [
            ...textSpans(result),
            { text: relaunchOutcomeText({ applied: r.applied, verdict: r.report.verdict }, 'cli') + '\n' },
          ]);
          return VERDICT_EXIT_CODES[r.report.verdict];
        }
        const { method, via, applied, settleRepeats, engineBackMs, verifiedMs, report } = r;
        io.out(
          JSON.stringify({ method, via, applied, settleRepeats, engineBackMs, verifiedMs, report }, null, 2) + '\n',
        );
        return VERDICT_EXIT_CODES[r.report.verdict];
      }
    }
  } finally {
    checker.close();
  }
}
