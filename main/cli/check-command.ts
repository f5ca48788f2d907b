// `eci-tray check`: one verification, printed for people, as JSON or for an MDM (jamf, intune);
// the exit code is the verdict. A check that cannot run still prints a result in the chosen
// machine format (verdict `error`), so a fleet never records garbage.

import { DEFAULT_CHECK_TIMEOUT_MS, EciChecker, type CheckConfig } from '../core/verify/check';
import { desktopSocketUrl } from '../core/engine/endpoint';
import { errorText } from '../core/error-text';
import { notChecked, resultForUser, type FleetResult } from '../core/fleet/fleet-result';
import { CHECK_FLAGS, engineFlagsHelp, checkConfigFrom, hostManaged, parseFlags } from './check-options';
import { checkExitCodesHelp, EXIT_INTERNAL_ERROR, EXIT_OK, EXIT_USAGE, FLEET_EXIT_CODES } from './exit-codes';
import { printSpans, type CliIO } from './io';
import { nextCommand } from './headline';
import { FORMAT_FLAGS_HELP, formatFrom, renderResult, sniffFormat, textSpans } from './output-format';
import type { LookupDeps } from '../core/fleet/target-user';
import { hostLookupDeps, resolveTarget, TARGET_FLAGS, TARGET_FLAGS_HELP } from './target-options';
import { remainingMs, RunDeadlineError, runStartedAt, withinRunDeadline } from './run-deadline';
import { UsageError } from './usage-error';

export const CHECK_HELP = `Usage: eci-tray check [options]

Verifies Enhanced Container Isolation with probe containers and prints the verdict.
Exit code 0 only when the verdict is "protected".

Options:
${engineFlagsHelp()}
${FORMAT_FLAGS_HELP}
${TARGET_FLAGS_HELP}
  -h, --help             show this help

Exit codes:
${checkExitCodesHelp()}

Examples:
  eci-tray check
  eci-tray check --json
  eci-tray check --docker-host unix:///var/run/docker.sock --timeout 120
  sudo eci-tray check --for-console-user --format jamf
`;

const CHECK_COMMAND_FLAGS = { ...CHECK_FLAGS, ...TARGET_FLAGS, format: { type: 'string' } } as const;

/** `lookup`: how users and the console are looked up (the OS's tools; tests pass their own). */
export async function checkCommand(args: string[], io: CliIO, lookup: LookupDeps = hostLookupDeps()): Promise<number> {
  const asked = sniffFormat(args);
  const startedAt = runStartedAt();
  try {
    const { values } = parseFlags(args, CHECK_COMMAND_FLAGS);
    if (values.help) {
      io.out(CHECK_HELP);
      return EXIT_OK;
    }
    const format = formatFrom(values);
    const config = checkConfigFrom(values);
    const budget = config.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    const checked = await withinRunDeadline(
      budget,
      startedAt,
      checkFor(values, config, remaining(budget, startedAt), io, lookup),
    );
    // What the organization set (the probe image, the endpoint) is said with the report.
    const result: FleetResult = checked.kind === 'report' ? { ...checked, managed: hostManaged(values) } : checked;
    const verdict = result.kind === 'report' ? result.report.verdict : result.result.verdict;
    if (format === 'text') printSpans(io, textSpans(result, nextCommand(verdict, values)));
    else io.out(renderResult(result, format));
    return FLEET_EXIT_CODES[verdict];
  } catch (err) {
    if (err instanceof RunDeadlineError) {
      io.err(`eci-tray check: ${err.message}\n`);
      io.out(renderResult(notChecked('error', err.message, null), asked));
      return EXIT_INTERNAL_ERROR;
    }
    // Text keeps the usual handling (usage on stderr); machine formats get a parseable result too.
    if (asked === 'text') throw err;
    const usage = err instanceof UsageError;
    io.err(`eci-tray check: ${errorText(err)}\n`);
    io.out(renderResult(notChecked('error', errorText(err), null), asked));
    return usage ? EXIT_USAGE : EXIT_INTERNAL_ERROR;
  }
}

const remaining = (budget: number, startedAt: number) => () => remainingMs(budget, startedAt);

/** The user lookup and the check, in what is left of the run's budget (less a margin to clean up). */
async function checkFor(
  values: Record<string, unknown>,
  config: CheckConfig,
  left: () => number,
  io: CliIO,
  lookup: LookupDeps,
): Promise<FleetResult> {
  const target = await resolveTarget(values, config, lookup);
  if (target.kind === 'no-user') return notChecked('no-user-logged-in', target.reason, null);
  const forUser = target.kind === 'user' ? target.name : null;
  const ms = left();
  const checker = new EciChecker({
    ...target.config,
    timeoutMs: Math.max(500, ms - Math.min(2_000, ms / 4)),
    onProgress: (m) => io.err(`eci-tray check: ${m}\n`),
  });
  try {
    // No socket of that user's Desktop, no context, no DOCKER_HOST of theirs: Desktop is not
    // running for them; the machine's default engine is not theirs to probe.
    if (forUser !== null && checker.endpoint?.source === 'platform-default') {
      return notChecked(
        'desktop-not-running',
        `Docker Desktop is not running for ${forUser}: its socket is not there and no docker context of theirs names another engine.`,
        forUser,
      );
    }
    return resultForUser(
      await checker.check(),
      forUser,
      target.kind === 'user' ? desktopSocketUrl(process.platform, target.home) : null,
    );
  } finally {
    checker.close();
  }
}
