// `eci-tray containers`: the audit of containers that run outside ECI, grouped by Compose project.

import { Auditor } from '../core/cleanup/audit';
import { DEFAULT_CHECK_TIMEOUT_MS, EciChecker, type CheckConfig } from '../core/verify/check';
import { desktopContextOf } from '../core/verify/desktop-owned';
import type { LookupDeps } from '../core/fleet/target-user';
import { CHECK_FLAGS, CHECK_FLAGS_HELP, checkConfigFrom, parseFlags } from './check-options';
import { formatAudit } from './format-cleanup';
import { EXIT_ENGINE_UNREACHABLE, EXIT_NO_USER, EXIT_OK } from './exit-codes';
import type { CliIO } from './io';
import { runStartedAt, withinRunDeadline } from './run-deadline';
import { hostLookupDeps, resolveTarget, TARGET_FLAGS, TARGET_FLAGS_HELP } from './target-options';

export const CONTAINERS_HELP = `Usage: eci-tray containers [--json] [options]

Lists the containers that do not run under sysbox-runc (created before ECI was on), grouped by
Compose project, with what each holds: volumes, bind mounts, ports, writable-layer changes.

Options:
${CHECK_FLAGS_HELP}
${TARGET_FLAGS_HELP}
  -h, --help             show this help

Examples:
  eci-tray containers
  eci-tray containers --json
`;

/** `lookup`: how users are looked up (the OS's tools; tests pass their own). */
export async function containersCommand(
  args: string[],
  io: CliIO,
  lookup: LookupDeps = hostLookupDeps(),
): Promise<number> {
  const startedAt = runStartedAt();
  const { values } = parseFlags(args, { ...CHECK_FLAGS, ...TARGET_FLAGS });
  if (values.help) {
    io.out(CONTAINERS_HELP);
    return EXIT_OK;
  }
  const config = checkConfigFrom(values);
  // --timeout bounds the whole run, the user lookup included.
  return withinRunDeadline(
    config.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
    startedAt,
    listFor(values, config, io, lookup),
    'the container list',
  );
}

async function listFor(
  values: Record<string, unknown> & { json?: boolean | undefined },
  config: CheckConfig,
  io: CliIO,
  lookup: LookupDeps,
): Promise<number> {
  const target = await resolveTarget(values, config, lookup);
  if (target.kind === 'no-user') {
    io.err(`eci-tray containers: ${target.reason}\n`);
    return EXIT_NO_USER;
  }
  const checker = new EciChecker(target.config);
  try {
    const down = await checker.ping();
    if (down) {
      io.err(`eci-tray containers: no Docker engine answers: ${down}\n`);
      return EXIT_ENGINE_UNREACHABLE;
    }
    const audit = await new Auditor(checker.engine()).audit(desktopContextOf(await checker.readSettings()));
    io.out(values.json ? JSON.stringify(audit, null, 2) + '\n' : formatAudit(audit));
    return EXIT_OK;
  } finally {
    checker.close();
  }
}
