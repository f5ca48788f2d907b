// `eci-tray watch`: runs the monitor, prints each state change (one JSON object per line with
// --json), shows desktop notifications, and exits cleanly on SIGINT/SIGTERM with no probe
// container left behind.

import { setFlagsFromString } from 'node:v8';
import {
  alertInputOf,
  decideAlerts,
  DEFAULT_PREFS,
  RETRY_AFTER_MS,
  EMPTY_HISTORY,
  type AlertHistory,
  type AlertInput,
} from '../core/alerts/alert-policy';
import { nodeNotifier } from '../core/alerts/node-notifier';
import { failSafe } from '../core/alerts/notifier';
import { EciChecker } from '../core/verify/check';
import { Monitor } from '../core/monitor/monitor';
import type { MonitorState } from '../core/monitor/monitor-state';
import { MONITOR_FACT_TEXT } from '../core/words';
import { waysForward } from '../core/verify/way-forward';
import { CHECK_FLAGS, CHECK_FLAGS_HELP, checkConfigFrom, parseFlags, secondsFlag } from './check-options';
import { EXIT_INTERRUPTED, EXIT_NO_USER, EXIT_OK } from './exit-codes';
import type { CliIO } from './io';
import { oneLine } from '../core/text/terminal-text';
import { formatTime } from '../core/text/time';
import { resolveTarget, TARGET_FLAGS, TARGET_FLAGS_HELP } from './target-options';

export const WATCH_HELP = `Usage: eci-tray watch [options]

Watches ECI: reacts to Docker engine events and settings file changes, re-verifies with probe
containers when the effective state could have changed, prints every state change and shows
desktop notifications. Stop it with Ctrl-C.

Options:
${CHECK_FLAGS_HELP}
${TARGET_FLAGS_HELP}
                         (watch finds the console user once, when it starts)
  --no-notify            print only; show no desktop notifications
  --interval SECONDS     safety re-verification period (default 86400: daily)
  --grace SECONDS        how long the engine may be away before it counts as unreachable (default 30)
  --stats SECONDS        also print resource use (heap, RSS, open handles) to stderr as JSON
                         lines every SECONDS, for soak tests
  -h, --help             show this help

Examples:
  eci-tray watch
  eci-tray watch --json --no-notify
  eci-tray watch --interval 3600
`;

const WATCH_FLAGS = {
  ...CHECK_FLAGS,
  ...TARGET_FLAGS,
  'no-notify': { type: 'boolean' },
  interval: { type: 'string' },
  grace: { type: 'string' },
  stats: { type: 'string' },
} as const;

/** One resource sample: what a soak test watches for growth. */
export function resourceSample(monitor: Monitor): Record<string, unknown> {
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const handles: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) handles[kind] = (handles[kind] ?? 0) + 1;
  return {
    stats: true,
    at: new Date().toISOString(),
    heapUsed: memory.heapUsed,
    rss: memory.rss,
    // Where RSS beyond the JS heap lives: V8's reserved heap, Buffers and other native memory.
    heapTotal: memory.heapTotal,
    external: memory.external,
    arrayBuffers: memory.arrayBuffers,
    handles,
    watches: monitor.watchCount,
    probeRuns: monitor.current?.probeRuns ?? 0,
  };
}

/**
 * One `watch --json` line. The state holds the verdict and its reason once, in its report; the
 * line also names them at the top, as scripts that read these lines have always found them.
 */
export function jsonLine(state: MonitorState): MonitorState & { verdict: string; reason: string } {
  return { ...state, verdict: state.report.verdict, reason: state.report.reason };
}

export function formatState(s: MonitorState): string {
  const time = formatTime(s.at);
  const pad = ' '.repeat(time.length + 2);
  const lines = [`${time}  ${s.report.verdict}  ${s.report.reason}`];
  // The advice in words: the reconnecting fact, then each advised way forward's own sentence
  // (the menu-restart fact is said inside the full quit's way).
  if (s.advice.includes('engine-reconnecting')) lines.push(`${pad}! ${MONITOR_FACT_TEXT['engine-reconnecting']}`);
  for (const way of waysForward(s.report, s.advice, 'cli'))
    if (way.code && s.advice.includes(way.code)) lines.push(`${pad}! ${way.text}`);
  for (const c of s.report.unprotectedContainers)
    if (s.changed.includes('containers')) lines.push(`${pad}- unprotected: ${c.name} (${c.image}, ${c.runtime})`);
  for (const p of s.report.settingsProblems)
    if (s.changed.includes('settings'))
      lines.push(`${pad}- ${p.file}${p.line ? `:${p.line}:${p.column}` : ''}: ${p.message}`);
  return lines.map(oneLine).join('\n') + '\n';
}

export async function watchCommand(args: string[], io: CliIO): Promise<number> {
  // A long-running watcher that mostly waits: V8's lite mode (no optimising compiler, lazy
  // feedback) keeps it near 50 MB instead of ~85 MB after a few probe runs. Set before the
  // monitor's code first runs; measured by the monitor benchmark.
  setFlagsFromString('--lite-mode');
  const { values } = parseFlags(args, WATCH_FLAGS);
  if (values.help) {
    io.out(WATCH_HELP);
    return EXIT_OK;
  }
  const target = await resolveTarget(values, checkConfigFrom(values));
  if (target.kind === 'no-user') {
    io.err(`eci-tray watch: ${target.reason}\n`);
    return EXIT_NO_USER;
  }
  const config = target.config;
  const intervalMs = secondsFlag(values.interval, 'interval', 5, 86_400) ?? undefined;
  const graceMs = secondsFlag(values.grace, 'grace', 0, 3_600) ?? undefined;
  const statsMs = secondsFlag(values.stats, 'stats', 1, 3_600);
  const log = (m: string) => io.err(`eci-tray watch: ${m}\n`);
  const monitor = new Monitor(new EciChecker({ ...config, onProgress: log }), {
    ...(intervalMs !== undefined ? { intervalMs } : {}),
    ...(graceMs !== undefined ? { graceMs } : {}),
    log,
  });
  const notifier = values['no-notify'] ? null : failSafe(nodeNotifier(), log);
  let history: AlertHistory = EMPTY_HISTORY;
  let previous: AlertInput | null = null;

  monitor.onState((state) => {
    io.out(values.json ? JSON.stringify(jsonLine(state)) + '\n' : formatState(state));
    const input = alertInputOf(state);
    const decision = decideAlerts(previous, input, DEFAULT_PREFS, history, Date.now());
    previous = input;
    history = decision.history;
    for (const s of decision.suppressed) log(`notification held back (${s.why}): ${s.kind}`);
    // The check could not run right after a protected one: once more before "protection lost".
    if (decision.recheck) setTimeout(() => void monitor.check(), RETRY_AFTER_MS).unref();
    if (notifier) for (const n of decision.notifications) void notifier.notify(n);
  });

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        // A second Ctrl-C: leave now; probe leftovers are swept by the next run.
        process.exit(EXIT_INTERRUPTED);
      }
      stopping = true;
      log(`${signal}: stopping (finishing any probe in progress)`);
      void monitor.stop().then(() => resolve(EXIT_OK));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (statsMs) setInterval(() => io.err(JSON.stringify(resourceSample(monitor)) + '\n'), statsMs).unref();
    void monitor.start();
  });
}
