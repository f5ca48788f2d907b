// `eci-tray doctor`: records one check and a few minutes of watching as a trace to send with a
// problem report. Everything that names the user's things is replaced before it is recorded
// (main/core/trace/redact.ts); the file is written whole, 0600, never through a symbolic link.

import { recordTrace } from '../core/trace/doctor';
import { writeTraceFile } from '../core/trace/trace-file';
import { CHECK_FLAGS, engineFlagsHelp, checkConfigFrom, parseFlags } from './check-options';
import { EXIT_OK, EXIT_TRACE_NOT_WRITTEN } from './exit-codes';
import type { CliIO } from './io';
import { UsageError } from './usage-error';
import { appVersion } from './version';
import { errorText } from '../core/error-text';

export const DEFAULT_DOCTOR_MINUTES = 3;

export const DOCTOR_HELP = `Usage: eci-tray doctor [--out FILE] [--minutes N] [options]

Records a trace of one check and N minutes of watching: each Docker Engine call (method, path,
status, timing and the answer's shape), settings file times, OS and versions. Ids, names,
environment, labels, paths and commands are replaced by stand-ins before they are recorded.
Read the file, then attach it to your problem report (docs/TRACES.md says what it holds).

Options:
  --out FILE             where to write the trace (default eci-tray-trace-<time>.json here);
                         a symbolic link there is refused
  --minutes N            how long to watch after the check (default ${DEFAULT_DOCTOR_MINUTES}; 0: the check only)
${engineFlagsHelp()}
  -h, --help             show this help

Examples:
  eci-tray doctor
  eci-tray doctor --minutes 10 --out eci-trace.json
`;

const DOCTOR_FLAGS = { ...CHECK_FLAGS, out: { type: 'string' }, minutes: { type: 'string' } } as const;

export function minutesFlag(value: string | undefined): number {
  if (value === undefined) return DEFAULT_DOCTOR_MINUTES * 60_000;
  const minutes = Number(value);
  if (value.trim() === '' || !Number.isFinite(minutes) || minutes < 0 || minutes > 60)
    throw new UsageError(`--minutes must be a number of minutes between 0 and 60, not "${value}"`);
  return Math.round(minutes * 60_000);
}

export async function doctorCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(args, DOCTOR_FLAGS);
  if (values.help) {
    io.out(DOCTOR_HELP);
    return EXIT_OK;
  }
  if (values.json) throw new UsageError('--json does not apply: the trace is JSON');
  const out = values.out ?? `eci-tray-trace-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  if (out.trim() === '') throw new UsageError('--out needs a file name');
  const watchMs = minutesFlag(values.minutes);
  const config = checkConfigFrom(values);
  const log = (m: string) => io.err(`eci-tray doctor: ${m}\n`);
  const stop = new AbortController();
  const onSignal = () => {
    log('stopping the watch early; writing the trace');
    stop.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    log(
      watchMs > 0
        ? `checking, then watching for ${Math.round(watchMs / 1000)} s (Ctrl-C ends the watch early)`
        : 'checking',
    );
    const trace = await recordTrace({
      config: { ...config, onProgress: log },
      watchMs,
      appVersion: appVersion(),
      signal: stop.signal,
      log,
    });
    try {
      writeTraceFile(out, trace);
    } catch (err) {
      io.err(`eci-tray doctor: ${errorText(err)}\n`);
      return EXIT_TRACE_NOT_WRITTEN;
    }
    io.out(
      `Trace written to ${out}: ${trace.calls.length} engine calls, verdict ${trace.outcome.check}.\nRead it before you send it; docs/TRACES.md says what it holds and what was replaced.\n`,
    );
    return EXIT_OK;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
