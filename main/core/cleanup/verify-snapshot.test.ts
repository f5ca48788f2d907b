import { describe, expect, it } from 'vitest';
import type { PathStat } from '../engine/engine-responses';
import { comparePath, pathsToCheck } from './verify-snapshot';

const file = (size: number): PathStat => ({ name: 'f', size, mode: 0o644, linkTarget: '' });
const dir: PathStat = { name: 'd', size: 4096, mode: 2 ** 31 + 0o755, linkTarget: '' };
const link = (to: string): PathStat => ({ name: 'l', size: 3, mode: 2 ** 27 + 0o777, linkTarget: to });

describe('comparePath', () => {
  it.each<[string, number, PathStat | null, PathStat | null, string | null]>([
    ['same file', 1, file(6), file(6), null],
    ['file missing from the snapshot', 1, file(6), null, '/p is missing from the snapshot'],
    ['file emptied in the snapshot', 0, file(6), file(0), '/p has 0 bytes in the snapshot, 6 in the container'],
    ['a directory where a file was', 1, file(6), dir, '/p is a different kind of file in the snapshot'],
    ['deleted and absent', 2, null, null, null],
    ['deleted but still there', 2, null, file(1), '/p was deleted in the container but is in the snapshot'],
    ['directory kept (sizes not compared)', 0, dir, { ...dir, size: 8192 }, null],
    ['symlink to elsewhere', 1, link('/a'), link('/b'), '/p points elsewhere in the snapshot'],
    ['gone from the original too', 1, null, null, null],
  ])('%s', (_n, kind, original, snapshot, problem) => {
    expect(comparePath('/p', kind, original, snapshot)).toBe(problem);
  });
});

describe('pathsToCheck', () => {
  it('leaves (likely files) first, engine-mounted files and paths under mounts skipped, bounded', () => {
    const changes = [
      { Path: '/tmp', Kind: 0 },
      { Path: '/tmp/a', Kind: 1 },
      { Path: '/etc', Kind: 0 },
      { Path: '/etc/hosts', Kind: 1 },
      { Path: '/data', Kind: 0 },
      { Path: '/data/x', Kind: 1 },
      { Path: '/old', Kind: 2 },
    ];
    expect(pathsToCheck(changes, ['/data']).map((c) => c.Path)).toEqual(['/tmp/a', '/old', '/tmp', '/etc']);
    const many = Array.from({ length: 500 }, (_, i) => ({ Path: `/f${i}`, Kind: 1 }));
    expect(pathsToCheck(many, [], 200)).toHaveLength(200);
  });
});
