// `eci-tray containers`: the audit of containers that run outside ECI, grouped by Compose project.

import { Auditor } from '../core/cleanup/audit';
import { EciChecker } from '../core/check';
import { CHECK_FLAGS, CHECK_FLAGS_HELP, checkConfigFrom, parseFlags } from './check-options';
import { formatAudit } from './format-cleanup';
import { EXIT_ENGINE_UNREACHABLE, EXIT_OK } from './exit-codes';
import type { CliIO } from './io';

export const CONTAINERS_HELP = `Usage: eci-tray containers [--json] [options]

Lists the containers that do not run under sysbox-runc (created before ECI was on), grouped by
Compose project, with what each holds: volumes, bind mounts, ports, writable-layer changes.

Options:
${CHECK_FLAGS_HELP}
  -h, --help             show this help
`;

export async function containersCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(args, CHECK_FLAGS);
  if (values.help) {
    io.out(CONTAINERS_HELP);
    return EXIT_OK;
  }
  const checker = new EciChecker(checkConfigFrom(values));
  try {
    const down = await checker.ping();
    if (down) {
      io.err(`eci-tray containers: no Docker engine answers: ${down}\n`);
      return EXIT_ENGINE_UNREACHABLE;
    }
    const audit = await new Auditor(checker.engine()).audit();
    io.out(values.json ? JSON.stringify(audit, null, 2) + '\n' : formatAudit(audit));
    return EXIT_OK;
  } finally {
    checker.close();
  }
}
