// `docker desktop auth status` is not in Docker's CLI reference (docs/DOCKER-DESKTOP.md, "Signing
// in"): whatever it prints, or when it is not there, the answer is known, unknown, never a guess.

import { describe, expect, it } from 'vitest';
import { parseAuthStatus } from './auth-status';

describe('parseAuthStatus', () => {
  // [case, exit code (null: no such command), output, signedIn]
  it.each<[string, number | null, string, boolean | null]>([
    ['signed in', 0, 'Logged in as dev@example.com', true],
    ['signed in, other words', 0, 'You are signed in as dev', true],
    ['not signed in', 1, 'Not logged in', false],
    ['signed out, exit 0', 0, 'signed out', false],
    ['no such command (an older plugin)', null, '', null],
    ['an answer it does not know', 0, 'status: ok', null],
    ['"logged in" with a failing exit code', 2, 'logged in?', null],
    ['empty output', 0, '', null],
  ])('%s', (_case, code, output, signedIn) => {
    const status = parseAuthStatus(code, output);
    expect(status.signedIn).toBe(signedIn);
    if (signedIn === null) expect(status.detail).toMatch(/account menu/);
  });
});
