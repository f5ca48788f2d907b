// The settings the monitor shows: the newest read wins, whatever order reads finish in. A
// verification reads them when it starts and may end seconds later (probes under load), after
// settings changes read since then; its older snapshot must not replace theirs.

import type { SettingsSnapshot } from '../settings/load-settings';

export interface SettingsRead {
  settings: SettingsSnapshot;
  /** Shows this snapshot unless a later read is shown already; whether it is shown. */
  keep(): boolean;
}

export class LatestSettings {
  private started = 0;
  private shown = 0;
  private snapshot: SettingsSnapshot | null = null;

  constructor(private readonly reader: () => Promise<SettingsSnapshot>) {}

  /** The newest snapshot kept (null before the first). */
  get value(): SettingsSnapshot | null {
    return this.snapshot;
  }

  async read(): Promise<SettingsRead> {
    const n = ++this.started;
    const settings = await this.reader();
    return {
      settings,
      keep: () => {
        if (n < this.shown) return false;
        this.shown = n;
        this.snapshot = settings;
        return true;
      },
    };
  }
}
