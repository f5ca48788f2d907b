// What the cleanup table decides before the user touches it: which rows start selected (none that
// runs or holds data: a user who clicks through must not lose anything), the order of rows
// (worker-2 before worker-10), and the words on each row's chips (never colour alone). Pure.

import type { Strategy } from './plan';
import { heldData, losesFilesOnRemove, type HeldDataFacts } from './held-data';

export interface PreselectFacts extends HeldDataFacts {
  state: string;
}

/** Starts selected only when removing it stops nothing and loses nothing. */
export function preselected(c: PreselectFacts): boolean {
  return c.state !== 'running' && c.state !== 'restarting' && c.state !== 'paused' && heldData(c).length === 0;
}

const NATURAL = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Natural order by name: "worker-2" before "worker-10"; ties keep their order. */
export function naturalSort<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => NATURAL.compare(a.name, b.name));
}

/** The chips of a row in words: what stays and what goes on a removal. */
export function dataChips(c: HeldDataFacts): string[] {
  const out: string[] = [];
  if (c.writableLayerBytes > 0) out.push('Files inside (lost on remove)');
  const volumes = c.namedVolumes.length + c.anonymousVolumes.length;
  if (volumes) out.push(volumes === 1 ? 'Volume (kept)' : `${volumes} volumes (kept)`);
  if (c.bindMounts.length)
    out.push(c.bindMounts.length === 1 ? 'Host folder (kept)' : `${c.bindMounts.length} host folders (kept)`);
  if (!c.imageExists) out.push('Image gone (only a snapshot keeps its files)');
  return out;
}

/** The chip's tone: a warning only when a removal loses files (the words say it too). */
export function dataChipTone(c: HeldDataFacts): 'warn' | '' {
  return losesFilesOnRemove(c) ? 'warn' : '';
}

/** Each strategy as a choice in a menu: what happens to the old copy, in order. */
export const STRATEGY_CHOICE: Record<Strategy, string> = {
  remove: 'Remove (volumes are kept)',
  snapshot: 'Snapshot its files, then remove the old copy',
  recreate: 'Re-create under ECI, then remove the old copy',
};
