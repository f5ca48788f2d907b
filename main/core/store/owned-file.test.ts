// Reading another user's files as root: real files, FIFOs, devices, links and sockets in a temp
// folder, with owners set by chown (these tests run as root, as the fleet does).

import { execFileSync } from 'node:child_process';
import { chownSync, lchownSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOwnedFile, readOwnedFileSync, refusalOf, socketRefusal, type FileOwner } from './owned-file';

const ANN: FileOwner = { uid: 41_001, name: 'ann' };
let dir: string;
let server: Server;

const at = (name: string) => join(dir, name);

describe('reading files another user controls', () => {
  beforeAll(async () => {
    if (process.getuid?.() !== 0) throw new Error('these tests set file owners: run them as root');
    dir = mkdtempSync(join(tmpdir(), 'eci-owned-'));
    writeFileSync(at('config.json'), '{"currentContext":"x"}');
    chownSync(at('config.json'), ANN.uid, ANN.uid);
    writeFileSync(at('root-key.pem'), 'ROOT SECRET', { mode: 0o600 });
    symlinkSync(at('root-key.pem'), at('key.pem'));
    lchownSync(at('key.pem'), ANN.uid, ANN.uid);
    writeFileSync(at('big.json'), Buffer.alloc(2048, 0x20));
    chownSync(at('big.json'), ANN.uid, ANN.uid);
    execFileSync('mkfifo', [at('fifo')]);
    chownSync(at('fifo'), ANN.uid, ANN.uid);
    symlinkSync('/dev/zero', at('zero'));
    server = createServer();
    await new Promise<void>((resolve) => server.listen(at('ann.sock'), resolve));
    chownSync(at('ann.sock'), ANN.uid, ANN.uid);
    await new Promise<void>((resolve) => createServer().listen(at('root.sock'), resolve));
    symlinkSync(at('root.sock'), at('link.sock'));
  });
  afterAll(() => {
    server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each<[string, string, FileOwner | null, RegExp | 'ok' | 'missing']>([
    ['their regular file', 'config.json', ANN, 'ok'],
    ['a missing file', 'nothing.json', ANN, 'missing'],
    ['under a file, not a folder', 'config.json/x', ANN, 'missing'],
    [
      "a link to root's key",
      'key.pem',
      ANN,
      /key\.pem is a symbolic link: not followed when reading ann's files as root/,
    ],
    ["root's own file", 'root-key.pem', ANN, /belongs to uid 0, not to ann/],
    ['a FIFO (opened without waiting for a writer)', 'fifo', ANN, /not a regular file/],
    ['a link to /dev/zero', 'zero', ANN, /symbolic link/],
    ['/dev/zero itself, for the process (no owner)', 'zero', null, /not a regular file/],
    ['a FIFO, for the process (no owner)', 'fifo', null, /not a regular file/],
    ['a file over the cap', 'big.json', ANN, /2048 bytes, more than the 1024/],
  ])('%s', async (_, name, owner, expected) => {
    for (const read of [readOwnedFileSync(at(name), owner, 1024), await readOwnedFile(at(name), owner, 1024)]) {
      if (expected === 'ok') expect(read).toEqual({ kind: 'ok', bytes: Buffer.from('{"currentContext":"x"}') });
      else if (expected === 'missing') expect(read).toEqual({ kind: 'missing' });
      else expect(read.kind === 'refused' && read.reason).toMatch(expected);
    }
  });

  it('refusalOf is a pure decision on what was opened', () => {
    const st = (isFile: boolean, uid: number, size: number) => ({ isFile: () => isFile, uid, size });
    expect(refusalOf('/f', st(true, ANN.uid, 10), ANN, 100)).toBeNull();
    expect(refusalOf('/f', st(true, 0, 10), null, 100)).toBeNull();
    expect(refusalOf('/f', st(false, ANN.uid, 0), ANN, 100)).toMatch(/not a regular file/);
    expect(refusalOf('/f', st(true, 7, 10), ANN, 100)).toMatch(/uid 7, not to ann/);
    expect(refusalOf('/f', st(true, ANN.uid, 101), ANN, 100)).toMatch(/101 bytes/);
  });

  it.each<[string, string, RegExp | null]>([
    ['their socket', 'ann.sock', null],
    ['a missing socket (left to the connection, which fails)', 'gone.sock', null],
    ["root's socket", 'root.sock', /belongs to uid 0, not to ann: root does not connect/],
    ["a link to root's socket", 'link.sock', /symbolic link: root does not follow it/],
    ['a regular file', 'config.json', /not a socket/],
  ])('a unix socket: %s', (_, name, expected) => {
    const refused = socketRefusal(at(name), ANN);
    if (expected === null) expect(refused).toBeNull();
    else expect(refused).toMatch(expected);
  });
});
