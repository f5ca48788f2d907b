// What a launch of the app does: run one CLI command headless and exit with its code, or start
// the tray (once per user: a second tray launch hands over to the first). A CLI run takes no
// single-instance lock, so it works while the tray app runs, creates no window, tray or Dock icon,
// and needs no ELECTRON_RUN_AS_NODE (a fuse turns that off in the packaged app).

import type { CliIO } from '../cli/io';
import { cliArgs } from './cli-invocation';
import { markRunStart } from '../cli/run-deadline';

export interface LaunchApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  exit(code: number): void;
  disableHardwareAcceleration(): void;
  commandLine: { appendSwitch(name: string, value?: string): void };
  dock?: { hide(): void } | undefined;
}

export interface LaunchDeps {
  app: LaunchApp;
  argv: readonly string[];
  /** process.defaultApp: started as `electron <folder>` rather than packaged. */
  defaultApp: boolean;
  platform: NodeJS.Platform;
  runCli: (args: string[], io: CliIO) => Promise<number>;
  io: CliIO;
  /** Resolves once stdout and stderr are written out (pipes are asynchronous on macOS and Windows). */
  flush: () => Promise<void>;
  startTray: () => void;
}

export type Launch = { kind: 'cli'; done: Promise<number> } | { kind: 'tray' } | { kind: 'second-instance' };

export function launch(deps: LaunchDeps): Launch {
  const args = cliArgs(deps.argv, deps.defaultApp);
  if (args) return { kind: 'cli', done: runHeadless(args, deps) };
  if (!deps.app.requestSingleInstanceLock()) {
    deps.app.quit();
    return { kind: 'second-instance' };
  }
  deps.startTray();
  return { kind: 'tray' };
}

async function runHeadless(args: string[], deps: LaunchDeps): Promise<number> {
  const { app } = deps;
  // No GPU process, and on Linux no display needed (an MDM or SSH session has none).
  app.disableHardwareAcceleration();
  if (deps.platform === 'linux') app.commandLine.appendSwitch('ozone-platform', 'headless');
  if (deps.platform === 'darwin') app.dock?.hide();
  // --timeout counts from the process's start.
  markRunStart(0);
  let code: number;
  try {
    code = await deps.runCli(args, deps.io);
  } catch (err) {
    deps.io.err(`eci-tray: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    code = 1;
  }
  await deps.flush().catch(() => undefined);
  app.exit(code);
  return code;
}

/** Waits until everything written to stdout and stderr has left the process. */
export function flushStdio(): Promise<void> {
  const drain = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));
  return Promise.all([drain(process.stdout), drain(process.stderr)]).then(() => undefined);
}
