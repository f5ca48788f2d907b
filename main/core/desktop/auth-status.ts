// Whether the user is signed in to Docker (admin settings need a Docker Business organization).
// Uses `docker desktop auth status` where the CLI plugin has it; otherwise says how to check.

import { execFile } from 'node:child_process';
import { envWithDockerOnPath } from './desktop-cli';
import { locateDockerExecutables } from './docker-executables';

export interface AuthStatus {
  signedIn: boolean | null;
  /** What the CLI said, or how to check by hand. */
  detail: string;
}

const HOW_TO_CHECK =
  'Open Docker Desktop and look at the account menu (top right): you should be signed in with your work account, which belongs to your Docker Business organization.';

/** Interprets `docker desktop auth status` output. Pure. */
export function parseAuthStatus(code: number | null, output: string): AuthStatus {
  const text = output.trim();
  if (code === null) return { signedIn: null, detail: HOW_TO_CHECK };
  if (/not (logged|signed) in|logged out|signed out/i.test(text))
    return { signedIn: false, detail: text || 'Not signed in.' };
  if (code === 0 && /(logged|signed) in/i.test(text)) return { signedIn: true, detail: text };
  return { signedIn: null, detail: HOW_TO_CHECK };
}

export function desktopAuthStatus(env: NodeJS.ProcessEnv = process.env, timeoutMs = 10_000): Promise<AuthStatus> {
  return new Promise((resolve) => {
    // The located docker CLI (a tray app's PATH may not hold it), else the plugin run directly.
    const found = locateDockerExecutables(env);
    const file = found.docker?.path ?? found.desktopPlugin?.path ?? 'docker';
    execFile(
      file,
      ['desktop', 'auth', 'status'],
      { env: envWithDockerOnPath(env, found.docker?.path ?? null), timeout: timeoutMs, windowsHide: true },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { code?: number | string }) | null;
        if (e && (e.code === 'ENOENT' || /not a docker command|unknown command|Usage:/i.test(`${stdout}${stderr}`)))
          return resolve(parseAuthStatus(null, ''));
        resolve(parseAuthStatus(e ? (typeof e.code === 'number' ? e.code : 1) : 0, `${stdout}${stderr}`));
      },
    );
  });
}
