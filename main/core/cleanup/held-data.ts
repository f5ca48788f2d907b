// The cleanup table's "holds data" marker: in a few words, what of a container's data a cleanup
// touches or leaves behind. Files written inside the container come first: they are the only data
// a plain removal loses. Pure and browser-safe: the pages reach it through main/core/words.ts.

import type { AuditedContainer } from './audit-model';
import { bytes, plural } from '../text/format';

export type HeldDataFacts = Pick<
  AuditedContainer,
  'writableLayerBytes' | 'namedVolumes' | 'anonymousVolumes' | 'bindMounts' | 'imageExists'
>;

/** Short tags ("1.5 KiB written", "volume appdata", "2 volumes", "host folder"); empty when it holds nothing. */
export function heldData(c: HeldDataFacts): string[] {
  const out: string[] = [];
  if (c.writableLayerBytes > 0) out.push(`${bytes(c.writableLayerBytes)} written`);
  const volumes = [...c.namedVolumes, ...c.anonymousVolumes];
  if (volumes.length === 1 && c.namedVolumes.length === 1) out.push(`volume ${c.namedVolumes[0]!.name}`);
  else if (volumes.length) out.push(plural(volumes.length, 'volume'));
  if (c.bindMounts.length) out.push(plural(c.bindMounts.length, 'host folder'));
  if (!c.imageExists) out.push('image gone');
  return out;
}

/** Whether a removal without a snapshot would lose files: what the marker warns about. */
export function losesFilesOnRemove(c: HeldDataFacts): boolean {
  return c.writableLayerBytes > 0 || !c.imageExists;
}
