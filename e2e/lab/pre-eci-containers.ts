// Pre-ECI containers in the lab: how the ECI-on engine is made to keep them as Docker Desktop
// does (under runc, no user namespace).

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabMode } from './lab-paths';

/**
 * On Docker Desktop, containers created before ECI keep running under runc with no user
 * namespace. A userns-remap engine would remap them too (and fail to start them on their
 * root-owned files), so while the lab runs with ECI they are given `UsernsMode: host` in the
 * engine's own stored configuration, which the Desktop proxy hides again from inspect output.
 * Back to ECI off, the original value returns. Done while the engine is stopped.
 */
export function markPreEciContainers(containersDir: string, mode: LabMode, alreadyMarked: readonly string[]): string[] {
  const marked = new Set(alreadyMarked);
  let ids: string[] = [];
  try {
    ids = readdirSync(containersDir);
  } catch {
    return [];
  }
  for (const id of ids) {
    const file = join(containersDir, id, 'hostconfig.json');
    let hostConfig: Record<string, unknown>;
    try {
      hostConfig = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (mode === 'on' && hostConfig['Runtime'] !== 'sysbox-runc' && !hostConfig['UsernsMode']) {
      hostConfig['UsernsMode'] = 'host';
      marked.add(id);
    } else if (mode === 'off' && marked.has(id)) {
      hostConfig['UsernsMode'] = '';
      marked.delete(id);
    } else continue;
    writeFileSync(file, JSON.stringify(hostConfig));
  }
  return [...marked].filter((id) => ids.includes(id));
}
