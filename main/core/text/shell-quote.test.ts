import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commandLine, posixQuote, psQuote, shellFor } from './shell-quote';

const HOSTILE = [
  '$(touch /tmp/x)',
  '`id`',
  'a; rm -rf ~',
  "it's",
  'a b',
  '&& echo',
  '|cat',
  '>out',
  '*',
  '~',
  '#x',
  '$HOME',
  '!!',
  '-',
  "'",
  '',
];

describe('posixQuote', () => {
  // The real shell gives back each argument unchanged, and runs nothing in it.
  it.each(HOSTILE)('sh reads %j back as one word, unchanged', (arg) => {
    const out = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${posixQuote(arg)}`], { encoding: 'utf8' });
    expect(out).toBe(`${arg}\0`);
  });
});

describe('psQuote', () => {
  it.each([
    ["C:\\a'b", "'C:\\a''b'"],
    ['plain', "'plain'"],
    ['$(calc)', "'$(calc)'"],
    // PowerShell closes a single-quoted string on typographic quotes too.
    ['a\u2019; calc; \u2018', "'a\u2019\u2019; calc; \u2018\u2018'"],
    ['\u201a\u201b', "'\u201a\u201a\u201b\u201b'"],
  ])('psQuote(%j) = %j', (input, quoted) => expect(psQuote(input)).toBe(quoted));
});

describe('commandLine', () => {
  it.each([
    [['docker', 'compose', '-p', 'shop'], 'posix', 'docker compose -p shop'],
    [['docker', '-f', '/srv/a b.yml'], 'posix', "docker -f '/srv/a b.yml'"],
    [['docker', '-f', '$(id)'], 'posix', "docker -f '$(id)'"],
    [['docker', '-f', 'a;b'], 'powershell', "docker -f 'a;b'"],
    [['docker', '-f', 'C:\\srv\\a.yml'], 'powershell', 'docker -f C:\\srv\\a.yml'],
    [['docker', '-f', 'C:\\srv\\a.yml'], 'posix', "docker -f 'C:\\srv\\a.yml'"],
    [['C:\\Program Files\\d.exe', 'x'], 'powershell', "& 'C:\\Program Files\\d.exe' x"],
    [['docker', '-f', 'a\u001b[2Kb'], 'posix', null],
    [['docker', '-f', 'a\nb'], 'powershell', null],
    [['docker', '-f', 'a\u009bb'], 'posix', null],
    [['docker', '-f', 'a\u2028b'], 'posix', null],
  ] as const)('%j for %s', (args, shell, line) => expect(commandLine(args, shell)).toBe(line));

  it('PowerShell on Windows, POSIX elsewhere', () => {
    expect(shellFor('win32')).toBe('powershell');
    expect(shellFor('darwin')).toBe('posix');
    expect(shellFor('linux')).toBe('posix');
  });
});
