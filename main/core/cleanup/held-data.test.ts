import { describe, expect, it } from 'vitest';
import { heldData, losesFilesOnRemove, type HeldDataFacts } from './held-data';

describe('heldData', () => {
  const none: HeldDataFacts = {
    writableLayerBytes: 0,
    namedVolumes: [],
    anonymousVolumes: [],
    bindMounts: [],
    imageExists: true,
  };
  const vol = (name: string) => ({ name, destination: '/d', readOnly: false });
  it.each<[string, Partial<HeldDataFacts>, string[], boolean]>([
    ['nothing', {}, [], false],
    ['files written', { writableLayerBytes: 1536 }, ['1.5 KiB written'], true],
    ['one named volume, by name', { namedVolumes: [vol('appdata')] }, ['volume appdata'], false],
    ['an anonymous volume, counted', { anonymousVolumes: [vol('b'.repeat(64))] }, ['1 volume'], false],
    ['volumes of both kinds', { namedVolumes: [vol('a')], anonymousVolumes: [vol('b')] }, ['2 volumes'], false],
    ['host folders', { bindMounts: [{ source: '/h', destination: '/m', readOnly: true }] }, ['1 host folder'], false],
    ['its image gone', { imageExists: false }, ['image gone'], true],
    [
      'everything, files first',
      {
        writableLayerBytes: 10,
        namedVolumes: [vol('x')],
        bindMounts: [{ source: '/h', destination: '/m', readOnly: false }],
      },
      ['10 bytes written', 'volume x', '1 host folder'],
      true,
    ],
  ])('%s', (_name, over, tags, loses) => {
    const c = { ...none, ...over };
    expect(heldData(c)).toEqual(tags);
    expect(losesFilesOnRemove(c)).toBe(loses);
  });
});
