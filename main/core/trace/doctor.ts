// `eci-tray doctor`: one check and a few minutes of watching, recorded as a trace (trace-format.ts)
// with every engine call redacted as it happens. The first state of the watch is the check (one
// probe run); without a watch, one plain check.

import { EciChecker, type CheckConfig } from '../verify/check';
import { Monitor } from '../monitor/monitor';
import { hostPathContext, settingsPaths } from '../settings/load-settings';
import { EngineRecorder } from './engine-recorder';
import { machineFacts, processFacts, registryJsonPath, settingsFileFact } from './machine-facts';
import { TRACE_FORMAT, TRACE_VERSION, type Trace } from './trace-format';

export interface DoctorOptions {
  config: CheckConfig;
  /** How long to watch after the check (0: the check only). */
  watchMs: number;
  appVersion: string;
  /** Ends the watch early (Ctrl-C): the trace is still written. */
  signal?: AbortSignal;
  log?: (message: string) => void;
}

export async function recordTrace(options: DoctorOptions): Promise<Trace> {
  const recordedAt = new Date().toISOString();
  const recorder = new EngineRecorder();
  const checker = new EciChecker({ ...options.config, recorder });
  const watch: Trace['outcome']['watch'] = [];
  let check: Trace['outcome']['check'];
  if (options.watchMs > 0) {
    const monitor = new Monitor(checker, options.log ? { log: options.log } : {});
    monitor.onState((s) => watch.push({ at: recorder.elapsed(), verdict: s.report.verdict, advice: [...s.advice] }));
    try {
      const first = await monitor.start();
      check = first?.report.verdict ?? 'unknown';
      await sleep(options.watchMs, options.signal);
    } finally {
      await monitor.stop();
    }
  } else {
    try {
      check = (await checker.check()).verdict;
    } finally {
      checker.close();
    }
  }
  const watchedMs = recorder.elapsed();
  const processes = processFacts(await checker.desktopProcesses());
  const settings = await checker.readSettings();
  const paths = settingsPaths(
    options.config,
    options.config.home ? hostPathContext(options.config.home, options.config.env) : undefined,
  );
  const userFile = settings.files.find((f) => f.role === 'user' && f.found)?.path ?? paths.user[0] ?? '';
  const admin = settings.adminPolicy;
  return {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    recordedAt,
    machine: machineFacts(options.appVersion),
    probeImage: recorder.names.value(checker.probeImage),
    settings: {
      files: [
        settingsFileFact('admin', paths.admin),
        settingsFileFact('user', userFile),
        settingsFileFact('registry', registryJsonPath(paths.admin)),
      ],
      desired: { eci: settings.desired.eci, source: settings.desired.source, locked: admin ? admin.locked : null },
      problems: settings.problems.map((p) => ({
        role: settings.files.find((f) => f.path === p.file)?.role ?? 'unknown',
        kind: p.kind,
        ...(p.line !== undefined ? { line: p.line } : {}),
        ...(p.column !== undefined ? { column: p.column } : {}),
      })),
    },
    processes,
    calls: recorder.calls,
    outcome: { check, watch },
    watchedMs,
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}
