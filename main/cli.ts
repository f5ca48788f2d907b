#!/usr/bin/env node
// The headless CLI: `eci-tray check|...`. Thin: parsing and printing live in main/cli/,
// decisions in main/core/.

import { processIO } from './cli/io';
import { markRunStart } from './cli/run-deadline';
import { runCli } from './cli/run';

// --timeout counts from here (the process's start).
markRunStart(0);

/** Waits until what was written to stdout and stderr has left the process. */
function flushed(): Promise<void> {
  const drain = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));
  return Promise.all([drain(process.stdout), drain(process.stderr)]).then(() => undefined);
}

runCli(process.argv.slice(2), processIO).then(
  async (code) => {
    // A command is done when it returns: work it gave up on (a --timeout) does not hold the
    // process, nor the MDM script waiting for it to exit.
    await flushed();
    process.exit(code);
  },
  (err: unknown) => {
    processIO.err(`eci-tray: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
