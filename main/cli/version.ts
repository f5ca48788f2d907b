// This eci-tray's version, for `eci-tray --version` and the doctor's trace.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The version in the package.json above the running script (unknown when there is none). */
export function appVersion(from: string = __dirname): string {
  for (let dir = from, i = 0; i < 4; i++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    try {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'eci-tray' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // Not ours.
    }
  }
  return 'unknown';
}
