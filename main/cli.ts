#!/usr/bin/env node
// The headless CLI: `eci-tray check|...`. Thin: parsing and printing live in main/cli/,
// decisions in main/core/.

import { processIO } from './cli/io';
import { runCli } from './cli/run';

runCli(process.argv.slice(2), processIO).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    processIO.err(`eci-tray: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
