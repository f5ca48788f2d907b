import { describe, expect, it } from 'vitest';
import { socketAllowList, socketAllowListSources } from './socket-allow-list';

describe('socket allow list: the admin file first, then the stored exceptions, each image once', () => {
  it.each<[string, string[], string[], Array<[string, string]>]>([
    ['nothing allowed', [], [], []],
    [
      'admin only',
      ['a', 'b'],
      [],
      [
        ['a', 'admin-file'],
        ['b', 'admin-file'],
      ],
    ],
    ['stored only', [], ['s'], [['s', 'docker-home']]],
    [
      'both, the admin file first',
      ['a'],
      ['s'],
      [
        ['a', 'admin-file'],
        ['s', 'docker-home'],
      ],
    ],
    [
      'an image in both counts as the admin file’s',
      ['a'],
      ['a', 's'],
      [
        ['a', 'admin-file'],
        ['s', 'docker-home'],
      ],
    ],
    [
      'repeats within one list once',
      ['a', 'a'],
      ['s', 's'],
      [
        ['a', 'admin-file'],
        ['s', 'docker-home'],
      ],
    ],
  ])('%s', (_what, admin, stored, expected) => {
    expect(socketAllowListSources(admin, stored).map((a) => [a.image, a.from])).toEqual(expected);
    expect(socketAllowList(admin, stored)).toEqual(expected.map(([image]) => image));
  });
});
