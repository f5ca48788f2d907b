import { describe, expect, it } from 'vitest';
import { demuxLogs, parseChangeList } from './engine-responses';
import { classifyEngineError } from './engine-errors';

function frame(stream: number, text: string): Buffer {
  const body = Buffer.from(text);
  const head = Buffer.alloc(8);
  head[0] = stream;
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
}

describe('demuxLogs', () => {
  it('splits stdout and stderr frames', () => {
    expect(demuxLogs(Buffer.concat([frame(1, '0 100000'), frame(2, 'warn'), frame(1, ' 65536\n')]))).toEqual({
      stdout: '0 100000 65536\n',
      stderr: 'warn',
    });
  });
  it('treats unframed text (TTY) as stdout', () => {
    expect(demuxLogs(Buffer.from('0 0 4294967295\n'))).toEqual({ stdout: '0 0 4294967295\n', stderr: '' });
  });
  it('survives a truncated frame', () => {
    const truncated = frame(1, 'hello world').subarray(0, 12);
    expect(demuxLogs(truncated).stdout.length).toBeGreaterThan(0);
  });
});

describe('classifyEngineError', () => {
  it.each([
    [{ code: 'ENOENT', message: 'connect ENOENT' }, 'unreachable', /no engine socket/],
    [{ code: 'ECONNREFUSED', message: 'refused' }, 'unreachable', /connection refused/],
    [{ code: 'EACCES', message: 'x' }, 'unreachable', /permission denied/],
    [{ name: 'AbortError', message: 'aborted' }, 'timeout', /did not answer within 2 s/],
    [
      {
        statusCode: 500,
        json: { message: 'sysbox says no' },
        message: '(HTTP code 500) server error - sysbox says no ',
      },
      'http',
      /sysbox says no \(HTTP 500\)/,
    ],
    [
      { statusCode: 502, json: Buffer.from('<html>bad gateway</html>'), message: '' },
      'unreachable',
      /not available behind its socket \(HTTP 502: <html>bad gateway/,
    ],
    [{ statusCode: 503, json: { message: 'engine starting' } }, 'unreachable', /HTTP 503: engine starting/],
    [{ message: 'socket hang up' }, 'unreachable', /closed the connection/],
    [{ message: 'Unexpected token' }, 'bad-response', /Unexpected token/],
  ])('%j → %s', (raw, kind, message) => {
    const err = classifyEngineError(raw, 'op', 2000);
    expect(err.kind).toBe(kind);
    expect(err.message).toMatch(message);
  });

  it('keeps the engine message for ECI error recognition', () => {
    const err = classifyEngineError(
      { statusCode: 403, json: { message: 'enhanced container isolation: docker socket mount denied' } },
      'container-create',
      1000,
    );
    expect(err.engineMessage).toBe('enhanced container isolation: docker socket mount denied');
    expect(err.statusCode).toBe(403);
  });
});

describe('parseChangeList', () => {
  const changes = [
    { Path: '/tmp', Kind: 0 },
    { Path: '/tmp/x', Kind: 1 },
  ];
  it.each<[string, unknown, unknown]>([
    ['a list', changes, changes],
    ['no changes: null as parsed JSON', null, []],
    ['no changes: the raw bytes docker-modem hands back for null', Buffer.from('null\n'), []],
    ['an empty body', Buffer.from(''), []],
    ['a list as raw bytes', Buffer.from(JSON.stringify(changes)), changes],
    [
      'entries of the wrong shape are dropped',
      [{ Path: '/a', Kind: 1 }, { Path: 3, Kind: 1 }, null],
      [{ Path: '/a', Kind: 1 }],
    ],
  ])('%s', (_name, raw, expected) => expect(parseChangeList(raw)).toEqual(expected));

  it.each<[string, unknown, RegExp]>([
    ['not JSON', Buffer.from('<html>'), /did not answer JSON/],
    ['not a list', { Path: '/a' }, /did not answer with a list/],
  ])('refuses %s', (_name, raw, message) => expect(() => parseChangeList(raw)).toThrow(message));
});
