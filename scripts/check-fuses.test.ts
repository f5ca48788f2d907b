// The fuse check on a fake binary: random bytes with Electron's fuse sentinel and a V1 wire, as
// a built Electron carries them. A wire flipped as configured passes; one fuse left as Electron
// ships it is reported; a file without the sentinel is refused.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { FuseState } from '@electron/fuses/dist/constants';
import { afterEach, describe, expect, it } from 'vitest';
import { checkFuses, configuredFuses, FUSE_OPTION, fuseProblems } from './check-fuses';

const ROOT = join(__dirname, '..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A file shaped like a built Electron: the sentinel, wire version 1, its length, one byte per fuse. */
function fakeBinary(states: number[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'eci-fuses-'));
  dirs.push(dir);
  const path = join(dir, 'eci-tray');
  writeFileSync(
    path,
    Buffer.concat([
      randomBytes(4096),
      Buffer.from(SENTINEL),
      Buffer.from([1, states.length, ...states]),
      randomBytes(4096),
    ]),
  );
  return path;
}

/** The wire electron-builder.yml asks for (unconfigured fuses as Electron ships them: on). */
async function configuredWire(): Promise<number[]> {
  const fuses = await configuredFuses(ROOT);
  const wire = Array<number>(8).fill(FuseState.ENABLE);
  for (const [name, on] of Object.entries(fuses)) wire[FUSE_OPTION[name]!] = on ? FuseState.ENABLE : FuseState.DISABLE;
  return wire;
}

describe('check-fuses on a built binary', { timeout: 60_000 }, () => {
  it('passes a binary flipped as configured', async () => {
    expect(await checkFuses(fakeBinary(await configuredWire()), ROOT)).toEqual([]);
  });

  it('reports a fuse left as Electron ships it', async () => {
    const wire = await configuredWire();
    wire[FUSE_OPTION['runAsNode']!] = FuseState.ENABLE;
    expect(await checkFuses(fakeBinary(wire), ROOT)).toEqual(['runAsNode: on, expected off']);
  });

  it('reports a fuse missing from a shorter wire (an older Electron)', async () => {
    expect(await checkFuses(fakeBinary((await configuredWire()).slice(0, 4)), ROOT)).toEqual(
      expect.arrayContaining(["onlyLoadAppFromAsar: not on this binary's fuse wire (expected on)"]),
    );
  });

  it('refuses a file without the sentinel, through the script (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eci-fuses-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'not-electron'), randomBytes(1024));
    const code = await new Promise<number | null>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', join(__dirname, 'check-fuses.ts'), join(dir, 'not-electron')],
        () => resolve(child.exitCode),
      );
    });
    expect(code).toBe(2);
  });

  it.each([
    ['an unknown wire version', { version: '2' }, { runAsNode: false }, ['unknown fuse wire version 2']],
    [
      'a fuse name it does not know',
      { version: '1', 0: FuseState.DISABLE },
      { runAsNodeX: false },
      ['runAsNodeX: not a fuse this check knows'],
    ],
    [
      'a removed fuse',
      { version: '1', 0: FuseState.REMOVED },
      { runAsNode: false },
      ['runAsNode: removed, expected off'],
    ],
  ])('%s', (_what, wire, expected, problems) => expect(fuseProblems(expected, wire)).toEqual(problems));
});
