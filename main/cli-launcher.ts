#!/usr/bin/env node
// `eci-tray`, the bin: runs the CLI bundle next to it (eci-tray-cli.js) with the code cache made
// for it at build time (main/cli/code-cache.ts). Required rather than run, it hands the build its
// producer and the compile step (scripts/bundle.ts makes and checks the cache with them).

import { join } from 'node:path';
import { compileBundle, runBundle } from './cli/code-cache';

export { compileBundle, produceCodeCache } from './cli/code-cache';

export const CLI_BUNDLE = join(__dirname, 'eci-tray-cli.js');
export const CLI_CODE_CACHE = `${CLI_BUNDLE}.cache`;

if (require.main === module) runBundle(CLI_BUNDLE, compileBundle(CLI_BUNDLE, CLI_CODE_CACHE).script);
