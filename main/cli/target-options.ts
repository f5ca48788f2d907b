// --for-user NAME / --for-console-user: check another user's Docker Desktop when running as root
// or SYSTEM (MDM scripts). Shared by the read-only commands (check, containers, watch).

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { CheckConfig } from '../core/verify/check';
import { lookupTarget, targetEnv, TargetUserError, type LookupDeps, type ToolResult } from '../core/fleet/target-user';
import { UsageError } from './usage-error';

export const TARGET_FLAGS = {
  'for-user': { type: 'string' },
  'for-console-user': { type: 'boolean' },
} as const;

export const TARGET_FLAGS_HELP = `  --for-user NAME        check NAME's Docker Desktop (socket, docker context, settings files),
                         e.g. from an MDM script running as root or SYSTEM
  --for-console-user     the same for the user logged in at the console (macOS: owner of
                         /dev/console; Windows: the console session; Linux: the seat's logind
                         session); nobody logged in is its own result (exit 17)`;

const TOOL_TIMEOUT_MS = 10_000;

function runTool(file: string, args: string[]): Promise<ToolResult> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: TOOL_TIMEOUT_MS, windowsHide: true, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (!err) return resolve({ code: 0, stdout, missing: false });
      const e = err as NodeJS.ErrnoException & { code?: number | string; killed?: boolean };
      if (e.code === 'ENOENT') return resolve({ code: null, stdout: '', missing: true });
      // A failed tool's words (e.g. loginctl's "Failed to connect to bus") make the error message.
      const said = `${stdout}${stderr}`.trim().split('\n').slice(-2).join(' ');
      resolve({
        code: typeof e.code === 'number' ? e.code : null,
        stdout: e.killed ? `timed out after ${TOOL_TIMEOUT_MS / 1000} s` : said,
        missing: false,
      });
    });
  });
}

export function hostLookupDeps(): LookupDeps {
  return { platform: process.platform, run: runTool, env: process.env, exists: (path) => existsSync(path) };
}

export type Target =
  | { kind: 'self'; config: CheckConfig }
  | { kind: 'user'; name: string; home: string; config: CheckConfig }
  | { kind: 'no-user'; reason: string };

/**
 * The configuration that checks the requested user's Desktop. An unknown user or a bad name is a
 * usage error (exit 2); a console that cannot be read is an error with the reason.
 */
export async function resolveTarget(
  values: Record<string, unknown>,
  config: CheckConfig,
  deps: LookupDeps = hostLookupDeps(),
): Promise<Target> {
  const forUser = values['for-user'];
  if (forUser !== undefined && (typeof forUser !== 'string' || forUser.trim() === ''))
    throw new UsageError('--for-user needs a user name');
  let lookup;
  try {
    lookup = await lookupTarget(
      { ...(typeof forUser === 'string' ? { forUser } : {}), forConsoleUser: values['for-console-user'] === true },
      deps,
    );
  } catch (err) {
    if (err instanceof TargetUserError && forUser !== undefined) throw new UsageError(err.message);
    throw err;
  }
  if (lookup === null) return { kind: 'self', config };
  if (lookup.kind === 'no-user') return { kind: 'no-user', reason: lookup.reason };
  const { user } = lookup;
  // Their files are read as theirs (owned-file.ts) where the OS has uids; Windows has none.
  const owner = user.uid === null ? null : { uid: user.uid, name: user.name };
  return {
    kind: 'user',
    name: user.name,
    home: user.home,
    config: { ...config, home: user.home, owner, env: targetEnv(config.env ?? deps.env, user, deps.platform) },
  };
}
