// Runs one external command with a timeout, never through a shell, and says what happened.

import { execFile } from 'node:child_process';
import type { Command } from './relaunch-plan';

export interface CommandResult {
  code: number | null;
  output: string;
  /** The program does not exist at that path. */
  missing: boolean;
}

export function runCommand(c: Command, timeoutMs: number, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(c.file, c.args, { timeout: timeoutMs, env, windowsHide: true }, (err, stdout, stderr) => {
      const output = `${stdout}${stderr}`.trim();
      if (!err) return resolve({ code: 0, output, missing: false });
      const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
      if (e.code === 'ENOENT') return resolve({ code: null, output: `${c.file} is not installed`, missing: true });
      if (e.killed) return resolve({ code: null, output: `timed out after ${timeoutMs / 1000} s`, missing: false });
      resolve({ code: typeof e.code === 'number' ? e.code : 1, output: output || e.message, missing: false });
    });
  });
}
