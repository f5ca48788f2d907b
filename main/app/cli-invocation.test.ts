import { describe, expect, it } from 'vitest';
import { cliArgs } from './cli-invocation';

const EXE = '/Applications/ECI Tray.app/Contents/MacOS/ECI Tray';
const ELECTRON = '/repo/node_modules/electron/dist/electron';

describe('is this launch a CLI invocation?', () => {
  it.each<[string, string[], boolean, string[] | null]>([
    ['packaged, no word: the tray', [EXE], false, null],
    ['packaged: check --json', [EXE, 'check', '--json'], false, ['check', '--json']],
    [
      'packaged: Chromium switches first (the deb wrapper as root)',
      [EXE, '--no-sandbox', '--ozone-platform=headless', 'check', '--format', 'intune'],
      false,
      ['check', '--format', 'intune'],
    ],
    ['packaged: macOS Finder process serial number', [EXE, '-psn_0_1234567'], false, null],
    ['packaged: only switches: the tray', [EXE, '--enable-logging'], false, null],
    ['packaged: --help', [EXE, '--help'], false, ['--help']],
    ['packaged: -h after a switch', [EXE, '--no-sandbox', '-h'], false, ['-h']],
    ['packaged: help', [EXE, 'help'], false, ['help']],
    ['packaged: an unknown word goes to the CLI (its own error, not a silent tray)', [EXE, 'chekc'], false, ['chekc']],
    ['packaged: -- then the command', [EXE, '--', 'check'], false, ['check']],
    [
      "packaged: flags after the command are the command's",
      [EXE, 'watch', '--no-notify', '--', 'x'],
      false,
      ['watch', '--no-notify', '--', 'x'],
    ],
    ['dev (electron .): the tray', [ELECTRON, '.'], true, null],
    ['dev: electron . check', [ELECTRON, '.', 'check', '--json'], true, ['check', '--json']],
    [
      'dev: electron switches before the folder',
      [ELECTRON, '--inspect=9229', '/repo', 'containers'],
      true,
      ['containers'],
    ],
    [
      'dev: switches after the folder',
      [ELECTRON, '.', '--no-sandbox', 'relaunch', '--yes'],
      true,
      ['relaunch', '--yes'],
    ],
    ['dev: nothing at all', [ELECTRON], true, null],
    ['dev: the folder is never taken for a command', [ELECTRON, 'check'], true, null],
  ])('%s', (_, argv, defaultApp, expected) => {
    expect(cliArgs(argv, defaultApp)).toEqual(expected);
  });
});
