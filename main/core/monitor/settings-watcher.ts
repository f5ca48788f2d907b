// Watches the folders that hold the settings files, not the files: a file that is created,
// replaced atomically (write + rename) or deleted is seen the same way. A folder that does not
// exist yet is awaited by watching its nearest existing ancestor. Bursts are debounced.

import { existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export class SettingsWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly byDir = new Map<string, Set<string>>();
  /** For each settings folder, the folder actually watched (itself or an ancestor). */
  private readonly watching = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    files: string[],
    private readonly onChange: () => void,
    private readonly debounceMs = 100,
  ) {
    for (const file of files) {
      const dir = dirname(file);
      const names = this.byDir.get(dir) ?? new Set<string>();
      names.add(basename(file));
      this.byDir.set(dir, names);
    }
  }

  start(): void {
    for (const dir of this.byDir.keys()) this.arm(dir);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  /** How many OS watches are open (the soak test checks they do not accumulate). */
  get watchCount(): number {
    return this.watchers.size;
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) this.onChange();
    }, this.debounceMs);
  }

  private isDir(path: string): boolean {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  }

  /** Watches `dir` itself, or its nearest existing ancestor until `dir` appears. */
  private arm(dir: string): void {
    if (this.stopped) return;
    let target = dir;
    while (!this.isDir(target) && dirname(target) !== target) target = dirname(target);
    const waiting = target !== dir;
    if (this.watching.get(dir) === target && this.watchers.has(dir)) return; // already watching there
    this.watchers.get(dir)?.close();
    this.watchers.delete(dir);
    this.watching.set(dir, target);
    let watcher: FSWatcher;
    try {
      watcher = watch(target, { persistent: true }, (_event, filename) => {
        if (waiting) {
          // Something changed on the way to the folder: move the watch as deep as now exists
          // (folders made by `mkdir -p` appear one level at a time).
          this.arm(dir);
          if (this.isDir(dir)) this.schedule();
          return;
        }
        if (!existsSync(dir)) {
          this.watching.delete(dir);
          this.arm(dir);
          this.schedule();
          return;
        }
        const names = this.byDir.get(dir);
        if (!filename || names?.has(filename.toString())) this.schedule();
      });
    } catch {
      // Cannot watch (permissions, too many watches): the monitor's safety re-check still runs.
      return;
    }
    watcher.on('error', () => {
      watcher.close();
      if (this.watchers.get(dir) === watcher) {
        this.watchers.delete(dir);
        this.watching.delete(dir);
      }
      setTimeout(() => this.arm(dir), 200).unref();
      this.schedule();
    });
    this.watchers.set(dir, watcher);
  }
}
