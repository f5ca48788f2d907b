// The human headline, its colour and the next command: which mark, which words, when colour is
// used (no-color.org), and that nothing from outside reaches the terminal raw.

import { describe, expect, it } from 'vitest';
import type { FleetVerdict } from '../core/fleet/fleet-result';
import { terminalText } from '../core/text/terminal-text';
import { headline, nextCommand, nextCommandLines } from './headline';
import { colourWanted, paint, plainText } from './paint';

describe('headline: a mark, the verdict in words, the slug, then the reason', () => {
  it.each<[FleetVerdict, string]>([
    ['protected', '✓ ECI is on and verified (protected)'],
    ['off', '✗ ECI is off (off)'],
    ['pending-restart', '✗ Pending: quit and reopen Docker Desktop (pending-restart)'],
    ['unprotected-containers', '✗ Containers from before ECI run without it (unprotected-containers)'],
    ['engine-unreachable', '✗ Docker is not running (engine-unreachable)'],
    ['not-applied', '✗ Setting not applied (not-applied)'],
    ['no-user-logged-in', '✗ Nobody is logged in (no-user-logged-in)'],
    ['error', '✗ The check could not run (error)'],
  ])('%s', (verdict, first) => {
    expect(plainText(headline(verdict, 'because'))).toBe(`${first}\nbecause\n`);
  });

  it('a paused Desktop is named as such', () => {
    expect(plainText(headline('engine-unreachable', 'r', true))).toMatch(/^✗ Docker Desktop is paused \(/);
  });

  it('a reason cannot forge a line', () => {
    expect(plainText(headline('off', 'a\n✓ ECI is on\u001b[2K'))).toBe(
      '✗ ECI is off (off)\na\\u000a✓ ECI is on\\u001b[2K\n',
    );
  });
});

describe('colour: NO_COLOR, FORCE_COLOR, a terminal', () => {
  it.each<[string, Record<string, string>, boolean, boolean]>([
    ['terminal', {}, true, true],
    ['pipe', {}, false, false],
    ['NO_COLOR on a terminal', { NO_COLOR: '1' }, true, false],
    ['NO_COLOR empty does not count', { NO_COLOR: '' }, true, true],
    ['NO_COLOR wins over FORCE_COLOR', { NO_COLOR: 'yes', FORCE_COLOR: '1' }, true, false],
    ['FORCE_COLOR through a pipe', { FORCE_COLOR: '1' }, false, true],
    ['FORCE_COLOR empty through a pipe', { FORCE_COLOR: '' }, false, true],
    ['FORCE_COLOR=0 on a terminal', { FORCE_COLOR: '0' }, true, false],
    ['FORCE_COLOR=false', { FORCE_COLOR: 'false' }, true, false],
    ['TERM=dumb', { TERM: 'dumb' }, true, false],
  ])('%s', (_, env, tty, wanted) => {
    expect(colourWanted(env, tty)).toBe(wanted);
  });

  it('colours only the mark and the words, after escaping: outside text stays escaped', () => {
    const spans = headline('protected', 'x\u001b[31my');
    const coloured = paint(spans, true, terminalText);
    expect(coloured.startsWith('\u001b[32m✓\u001b[0m\u001b[1m ECI is on and verified\u001b[0m (protected)\n')).toBe(
      true,
    );
    expect(coloured).toContain('x\\u001b[31my');
    expect(paint(spans, false, terminalText)).toBe(terminalText(plainText(spans)));
    expect(paint(spans, false, terminalText)).not.toContain('\u001b');
  });

  it.each<[FleetVerdict, string]>([
    ['protected', '\u001b[32m'],
    ['off', '\u001b[31m'],
    ['pending-restart', '\u001b[33m'],
    ['error', '\u001b[31m'],
  ])('%s mark colour', (verdict, sgr) => {
    expect(paint(headline(verdict, 'r'), true, terminalText).startsWith(sgr)).toBe(true);
  });
});

describe('the next command', () => {
  it.each<[FleetVerdict, Record<string, unknown>, string[] | null]>([
    ['protected', {}, null],
    ['engine-unreachable', {}, null],
    ['pending-restart', {}, ['eci-tray', 'relaunch']],
    ['unprotected-containers', {}, ['eci-tray', 'cleanup', '--plan']],
    ['off', { 'admin-settings': '/tmp/a.json' }, ['eci-tray', 'policy', 'explain', '--admin-settings', '/tmp/a.json']],
    [
      'unknown',
      { 'docker-host': 'tcp://h:2376', json: false },
      ['eci-tray', 'doctor', '--docker-host', 'tcp://h:2376'],
    ],
    ['pending-restart', { 'for-user': 'ann' }, null],
    ['off', { 'for-console-user': true }, null],
  ])('%s %j', (verdict, values, args) => {
    expect(nextCommand(verdict, values)).toEqual(args);
  });

  it.each<[string[] | null, 'posix' | 'powershell', string]>([
    [null, 'posix', ''],
    [['eci-tray', 'relaunch'], 'posix', '\nRun next:\n  eci-tray relaunch\n'],
    [
      ['eci-tray', 'policy', 'explain', '--user-settings', "/x/it's $(rm).json"],
      'posix',
      `\nRun next:\n  eci-tray policy explain --user-settings '/x/it'\\''s $(rm).json'\n`,
    ],
    [
      ['eci-tray', 'relaunch', '--docker-host', 'npipe:////./pipe/a b'],
      'powershell',
      `\nRun next:\n  eci-tray relaunch --docker-host 'npipe:////./pipe/a b'\n`,
    ],
    // A control character in an argument: the command is not shown at all.
    [['eci-tray', 'relaunch', '--docker-host', 'unix:///a\u001b[2K'], 'posix', ''],
  ])('%j for %s', (args, shell, text) => {
    expect(nextCommandLines(args, shell)).toBe(text);
  });
});
