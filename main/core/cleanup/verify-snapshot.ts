// Checking a snapshot before the container it was taken from is removed: the committed image
// must hold what the container wrote. The container's change list (GET /containers/{id}/changes)
// is compared with a never-started, network-less container of the snapshot image, path by path,
// through the archive stat header (HEAD /containers/{id}/archive), which reads a container's
// filesystem without running anything in it. An engine that commits an empty or partial layer
// (seen with a remapped engine) is caught here, before anything is lost.

import type { EngineClient } from '../engine/engine-client';
import type { PathStat } from '../engine/engine-responses';
import { ownershipLabels, PLAN_LABEL, SOURCE_LABEL, STEP_LABEL } from './ownership';

/** At most this many paths are compared (regular files first): enough to catch a dropped layer. */
export const VERIFY_MAX_PATHS = 200;

/** Files the engine mounts into every container: what the layer holds there is a placeholder. */
const ENGINE_MOUNTED = new Set(['/etc/hosts', '/etc/hostname', '/etc/resolv.conf', '/.dockerenv']);

// Go os.FileMode type bits (dir, symlink, named pipe, socket, device, char device, irregular).
const MODE_DIR = 2 ** 31;
const MODE_TYPE = [2 ** 31, 2 ** 27, 2 ** 25, 2 ** 24, 2 ** 26, 2 ** 21, 2 ** 19];
const hasBit = (mode: number, bit: number) => Math.floor(mode / bit) % 2 === 1;
const isRegular = (mode: number) => MODE_TYPE.every((b) => !hasBit(mode, b));
const isSymlink = (mode: number) => hasBit(mode, 2 ** 27);

export interface SnapshotCheck {
  ok: boolean;
  /** What is missing or different, in words (empty when ok). */
  problems: string[];
  checkedPaths: number;
}

function under(path: string, dirs: string[]): boolean {
  return dirs.some((d) => path === d || path.startsWith(d.endsWith('/') ? d : `${d}/`));
}

/** Paths most likely to be files first: entries no other entry lies below. Pure. */
export function pathsToCheck(
  changes: Array<{ Path: string; Kind: number }>,
  mountDestinations: string[],
  max = VERIFY_MAX_PATHS,
): Array<{ Path: string; Kind: number }> {
  const relevant = changes.filter((c) => !ENGINE_MOUNTED.has(c.Path) && !under(c.Path, mountDestinations));
  const parents = new Set<string>();
  for (const c of changes) {
    for (let p = c.Path; p.lastIndexOf('/') > 0;) {
      p = p.slice(0, p.lastIndexOf('/'));
      parents.add(p);
    }
  }
  const leaves = relevant.filter((c) => !parents.has(c.Path));
  const inner = relevant.filter((c) => parents.has(c.Path));
  return [...leaves, ...inner].slice(0, max);
}

/** Compares one path of the original with the same path in the snapshot. Pure. */
export function comparePath(
  path: string,
  kind: number,
  original: PathStat | null,
  snapshot: PathStat | null,
): string | null {
  if (kind === 2) return snapshot ? `${path} was deleted in the container but is in the snapshot` : null;
  if (!original) return null; // gone from the original too (under a mount, or changed since): nothing to compare
  if (!snapshot) return `${path} is missing from the snapshot`;
  if (
    isRegular(original.mode) !== isRegular(snapshot.mode) ||
    hasBit(original.mode, MODE_DIR) !== hasBit(snapshot.mode, MODE_DIR)
  )
    return `${path} is a different kind of file in the snapshot`;
  if (isRegular(original.mode) && original.size !== snapshot.size)
    return `${path} has ${snapshot.size} bytes in the snapshot, ${original.size} in the container`;
  if (isSymlink(original.mode) && original.linkTarget !== snapshot.linkTarget)
    return `${path} points elsewhere in the snapshot`;
  return null;
}

/** Removes verification containers of this plan and container left by an earlier, interrupted run. */
export async function removeVerifyContainers(client: EngineClient, planId: string, sourceId: string): Promise<void> {
  const leftovers = await client.listContainers({
    label: [`${PLAN_LABEL}=${planId}`, `${SOURCE_LABEL}=${sourceId}`, `${STEP_LABEL}=verify-snapshot`],
  });
  // Never started, created by us: the anonymous volumes its image declares were made for it alone.
  for (const c of leftovers) await client.removeContainer(c.Id, 30_000, true, true);
}

/**
 * Checks that `image` holds the changes of the (stopped) container `sourceId`. Creates and always
 * removes a never-started verification container labelled as this plan's.
 */
export async function verifySnapshot(
  client: EngineClient,
  opts: { planId: string; sourceId: string; image: string; mountDestinations: string[]; writableLayerBytes: number },
): Promise<SnapshotCheck> {
  const problems: string[] = [];
  const summary = await client.imageSummary(opts.image);
  if (!summary) return { ok: false, problems: [`the image ${opts.image} does not exist`], checkedPaths: 0 };
  const changes = await client.containerChanges(opts.sourceId);
  const paths = pathsToCheck(changes, opts.mountDestinations);
  const wroteFiles = changes.some(
    (c) => c.Kind !== 2 && !ENGINE_MOUNTED.has(c.Path) && !under(c.Path, opts.mountDestinations),
  );
  if (wroteFiles && opts.writableLayerBytes > 0 && summary.topLayerBytes === 0)
    problems.push(`its layer is empty (0 bytes) while the container wrote ${opts.writableLayerBytes} bytes`);
  if (!paths.length) return { ok: problems.length === 0, problems, checkedPaths: 0 };

  await removeVerifyContainers(client, opts.planId, opts.sourceId);
  const verifyId = await client.createContainer({
    Image: opts.image,
    // Never started: the entrypoint only has to be set for create to accept an image without one.
    Entrypoint: ['/eci-tray-verify-never-started'],
    Cmd: [],
    Labels: ownershipLabels(opts.planId, 'verify-snapshot', opts.sourceId),
    NetworkDisabled: true,
    HostConfig: { NetworkMode: 'none' },
  });
  try {
    for (const c of paths) {
      const original = c.Kind === 2 ? null : await client.statPath(opts.sourceId, c.Path);
      const copy = await client.statPath(verifyId, c.Path);
      const problem = comparePath(c.Path, c.Kind, original, copy);
      if (problem) problems.push(problem);
      if (problems.length >= 5) break; // enough to say why
    }
  } finally {
    await client.removeContainer(verifyId, 30_000, true, true);
  }
  return { ok: problems.length === 0, problems, checkedPaths: paths.length };
}
