import { describe, expect, it } from 'vitest';
import { holderAlive, processStartTime, type LockHolder, type RunSync } from './lock-file';

describe('process start times on Windows (pid reuse)', () => {
  const calls: Array<[string, string[]]> = [];
  const answering =
    (out: string): RunSync =>
    (file, args) => {
      calls.push([file, args]);
      return out;
    };

  it('asks Windows PowerShell, by absolute path, for the creation time of that pid', () => {
    calls.length = 0;
    expect(processStartTime(4242, 'win32', answering('638700000000000000\r\n'), { SystemRoot: 'D:\\WINNT' })).toBe(
      'win32:638700000000000000',
    );
    expect(calls[0]![0]).toBe('D:\\WINNT\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(calls[0]![1].at(-1)).toBe('(Get-Process -Id 4242).StartTime.ToUniversalTime().Ticks');
  });

  it.each([
    ['an empty answer', answering('')],
    ['an error text', answering('Get-Process : Cannot find a process with the process identifier 4242.')],
    [
      'a failing PowerShell',
      (() => {
        throw new Error('exit 1');
      }) as RunSync,
    ],
  ])('unknown on %s', (_what, run) => expect(processStartTime(4242, 'win32', run, {})).toBeNull());

  it.each([0, -1, 1.5, Number.NaN])('asks nothing for pid %s', (pid) => {
    calls.length = 0;
    expect(processStartTime(pid, 'win32', answering('1'), {})).toBeNull();
    expect(calls).toEqual([]);
  });
});

describe('holderAlive', () => {
  const holder = { pid: 4242, start: 'win32:100', since: '2026-12-03T07:00:00Z' };
  const aliveAll = (): boolean => true;
  type Start = (pid: number) => string | null;
  it.each([
    ['same pid, same start: the holder', holder, (() => 'win32:100') as Start, aliveAll, true],
    ['same pid, another start: a new process reusing the pid', holder, (() => 'win32:200') as Start, aliveAll, false],
    ['pid gone', holder, (() => 'win32:100') as Start, (): boolean => false, false],
    ['start not readable now: judged by the pid', holder, (() => null) as Start, aliveAll, true],
    [
      'written without a start time: judged by the pid',
      { ...holder, start: null },
      (() => 'win32:200') as Start,
      aliveAll,
      true,
    ],
    ['no pid', { ...holder, pid: 0 }, (() => 'win32:100') as Start, aliveAll, false],
  ] as Array<[string, LockHolder, Start, (pid: number) => boolean, boolean]>)(
    '%s',
    (_what, h, startOf, alive, expected) => expect(holderAlive(h, startOf, alive)).toBe(expected),
  );
});
