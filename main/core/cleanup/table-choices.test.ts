import { describe, expect, it } from 'vitest';
import { dataChips, dataChipTone, naturalSort, preselected, type PreselectFacts } from './table-choices';

const facts = (over: Partial<PreselectFacts> = {}): PreselectFacts => ({
  state: 'exited',
  writableLayerBytes: 0,
  namedVolumes: [],
  anonymousVolumes: [],
  bindMounts: [],
  imageExists: true,
  ...over,
});
const volume = { name: 'appdata', destination: '/data', readOnly: false } as PreselectFacts['namedVolumes'][number];
const bind = { source: '/Users/ada/src', destination: '/src', readOnly: false } as PreselectFacts['bindMounts'][number];

describe('preselected: nothing that runs or holds data', () => {
  it.each<[string, Partial<PreselectFacts>, boolean]>([
    ['stopped, holds nothing', {}, true],
    ['created, holds nothing', { state: 'created' }, true],
    ['running', { state: 'running' }, false],
    ['paused', { state: 'paused' }, false],
    ['restarting', { state: 'restarting' }, false],
    ['files written inside', { writableLayerBytes: 1536 }, false],
    ['a named volume', { namedVolumes: [volume] }, false],
    ['an anonymous volume', { anonymousVolumes: [volume] }, false],
    ['a host folder', { bindMounts: [bind] }, false],
    ['its image is gone', { imageExists: false }, false],
  ])('%s → %s', (_, over, expected) => {
    expect(preselected(facts(over))).toBe(expected);
  });
});

describe('naturalSort', () => {
  it.each<[string[], string[]]>([
    [
      ['worker-10', 'worker-2', 'worker-1'],
      ['worker-1', 'worker-2', 'worker-10'],
    ],
    [
      ['db', 'Api', 'cache'],
      ['Api', 'cache', 'db'],
    ],
    [
      ['app_v10_2', 'app_v9_10', 'app_v9_9'],
      ['app_v9_9', 'app_v9_10', 'app_v10_2'],
    ],
  ])('%j → %j', (names, sorted) => {
    expect(naturalSort(names.map((name) => ({ name }))).map((c) => c.name)).toEqual(sorted);
  });
});

describe('dataChips: words, not colour alone', () => {
  it.each<[string, Partial<PreselectFacts>, string[], string]>([
    ['nothing', {}, [], ''],
    ['files inside', { writableLayerBytes: 10 }, ['Files inside (lost on remove)'], 'warn'],
    ['one volume', { namedVolumes: [volume] }, ['Volume (kept)'], ''],
    ['two volumes', { namedVolumes: [volume], anonymousVolumes: [volume] }, ['2 volumes (kept)'], ''],
    ['a host folder', { bindMounts: [bind] }, ['Host folder (kept)'], ''],
    ['image gone', { imageExists: false }, ['Image gone (only a snapshot keeps its files)'], 'warn'],
  ])('%s', (_, over, chips, tone) => {
    expect(dataChips(facts(over))).toEqual(chips);
    expect(dataChipTone(facts(over))).toBe(tone);
  });
});
