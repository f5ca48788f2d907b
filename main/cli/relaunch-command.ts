// `eci-tray relaunch`: quits Docker Desktop fully and starts it again (a menu restart does not
// apply pending settings), waits for the engine, and re-verifies ECI with the probe.

import { EciChecker } from '../core/check';
import { relaunchDesktop, RelaunchError, relaunchWarning } from '../core/desktop/relaunch';
import { CHECK_FLAGS, CHECK_FLAGS_HELP, checkConfigFrom, parseFlags, secondsFlag } from './check-options';
import { EXIT_OK, EXIT_RELAUNCH_FAILED, VERDICT_EXIT_CODES } from './exit-codes';
import { formatReport } from '../core/report-text';
import type { CliIO } from './io';
import { confirmOrRefuse } from './confirm';

export const RELAUNCH_HELP = `Usage: eci-tray relaunch [--yes] [--timeout SECONDS] [options]

Quits Docker Desktop fully and starts it again, so pending settings (such as an admin policy for
ECI) take effect; a restart from the Docker menu is not enough. Running containers stop.
Then verifies ECI with probe containers and prints the verdict (exit code as for "check").

Options:
  --yes                  do not ask for confirmation
  --timeout SECONDS      how long to wait for Docker Desktop to stop and to come back (default 300)
${CHECK_FLAGS_HELP.split('\n')
  .filter((l) => !l.includes('--timeout') && !l.includes('upper bound'))
  .join('\n')}
  -h, --help             show this help
`;

const RELAUNCH_FLAGS = { ...CHECK_FLAGS, yes: { type: 'boolean', short: 'y' } } as const;

export async function relaunchCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(args, RELAUNCH_FLAGS);
  if (values.help) {
    io.out(RELAUNCH_HELP);
    return EXIT_OK;
  }
  const waitMs = secondsFlag(values.timeout, 'timeout', 1, 3_600) ?? 300_000;
  const config = checkConfigFrom({ ...values, timeout: undefined });
  const checker = new EciChecker(config);
  try {
    const warning = await relaunchWarning(checker);
    io.err(`${warning}\n`);
    if (!(await confirmOrRefuse('Quit and relaunch Docker Desktop now? [y/N] ', !!values.yes, 'refusing to quit Docker Desktop without confirmation: pass --yes'))) {
      io.err('Nothing done.\n');
      return EXIT_OK;
    }
    const result = await relaunchDesktop(checker, {
      confirmed: true,
      stopTimeoutMs: waitMs,
      startTimeoutMs: waitMs,
      onProgress: (p) => io.err(`[${(p.elapsedMs / 1000).toFixed(1)} s] ${p.message}\n`),
    });
    if (values.json) {
      io.out(
        JSON.stringify(
          {
            method: result.method,
            via: result.via,
            applied: result.applied,
            settleRepeats: result.settleRepeats,
            engineBackMs: result.engineBackMs,
            verifiedMs: result.verifiedMs,
            report: result.report,
          },
          null,
          2,
        ) + '\n',
      );
    } else {
      io.out(formatReport(result.report));
      io.out(
        result.applied
          ? 'Relaunched: no setting is pending any more.\n'
          : result.report.verdict === 'pending-restart'
            ? 'Relaunched, but the setting is still pending: check that Docker Desktop quit completely.\n'
            : 'Relaunched, but ECI could not be verified yet: run "eci-tray check" again in a moment.\n',
      );
    }
    return VERDICT_EXIT_CODES[result.report.verdict];
  } catch (err) {
    if (err instanceof RelaunchError) {
      io.err(`eci-tray relaunch: ${err.message}\n`);
      return EXIT_RELAUNCH_FAILED;
    }
    throw err;
  } finally {
    checker.close();
  }
}
