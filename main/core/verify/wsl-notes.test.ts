import { describe, expect, it } from 'vitest';
import type { Verdict } from '../model';
import { wslBypassCaveat } from './wsl-notes';

describe("protected on WSL 2 carries Docker's caveat (wsl -d docker-desktop)", () => {
  // [case, verdict, Desktop, platform, inside WSL, expected: null (none), 'certain', 'conditional']
  it.each<[string, Verdict, boolean, string, boolean, null | 'certain' | 'conditional']>([
    ['inside a WSL distro, protected', 'protected', true, 'linux', true, 'certain'],
    ['on Windows, protected: the backend is not visible', 'protected', true, 'win32', false, 'conditional'],
    ['macOS: no WSL', 'protected', true, 'darwin', false, null],
    ['Linux host: no WSL', 'protected', true, 'linux', false, null],
    ['not protected: no caveat to add', 'unprotected-containers', true, 'win32', false, null],
    ['not Docker Desktop', 'protected', false, 'linux', true, null],
  ])('%s', (_case, verdict, desktop, platform, inWsl, expected) => {
    const notes = wslBypassCaveat(verdict, { desktop }, { platform, inWsl });
    if (expected === null) expect(notes).toEqual([]);
    else {
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(/wsl -d docker-desktop.*bypass ECI and Settings Management/);
      expect(notes[0]!.startsWith('If ')).toBe(expected === 'conditional');
    }
  });
});
