// The lab's probe image: no registry is reachable, so it is built from Debian's busybox-static
// into a tar and imported. It is also tagged alpine:latest inside the lab, so the product's
// default probe image works there as it would on a developer's machine.

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { LabPaths } from './lab-paths';
import { findStaticBusybox, type IdRange } from './prerequisites';

export const LAB_PROBE_IMAGE = 'eci-tray-lab/probe:busybox';
const APPLETS = [
  'sh',
  'cat',
  'true',
  'false',
  'id',
  'ls',
  'echo',
  'sleep',
  'mkdir',
  'rm',
  'touch',
  'stat',
  'wc',
  'test',
  'env',
];

/**
 * The files belong to the remapped root (e.g. uid 100000): under ECI that is the containers'
 * root, so they can create mount points in the image; with ECI off, root in a container may
 * write anywhere anyway. One image then works in both modes.
 */
export function buildProbeTar(paths: LabPaths, owner: IdRange): string {
  const busybox = findStaticBusybox();
  if (!busybox) throw new Error('lab: a static busybox is needed for the probe image (apt-get install busybox-static)');
  const root = paths.probeRootfs;
  for (const dir of ['bin', 'proc', 'sys', 'dev', 'etc', 'tmp', 'data'])
    mkdirSync(join(root, dir), { recursive: true });
  copyFileSync(busybox, join(root, 'bin', 'busybox'));
  execFileSync('chmod', ['0755', join(root, 'bin', 'busybox')]);
  execFileSync('chmod', ['1777', join(root, 'tmp')]);
  for (const applet of APPLETS) {
    try {
      symlinkSync('busybox', join(root, 'bin', applet));
    } catch {
      // Already there from an earlier build.
    }
  }
  execFileSync('tar', [
    '-C',
    root,
    '--numeric-owner',
    `--owner=${owner.uid}`,
    `--group=${owner.gid}`,
    '-cf',
    paths.probeTar,
    '.',
  ]);
  return paths.probeTar;
}

function engineCall(
  socketPath: string,
  method: string,
  path: string,
  body?: Buffer,
  contentType?: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath,
        method,
        path,
        headers: body ? { 'Content-Type': contentType ?? 'application/x-tar', 'Content-Length': body.length } : {},
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () =>
          (res.statusCode ?? 500) < 300
            ? resolve(text)
            : reject(new Error(`lab: ${method} ${path}: HTTP ${res.statusCode} ${text}`)),
        );
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error(`lab: ${method} ${path} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Imports the probe tar into the engine and tags it as the lab image and as alpine:latest. */
export async function importProbeImage(paths: LabPaths, engineSocket: string, owner: IdRange): Promise<void> {
  const tar = readFileSync(buildProbeTar(paths, owner));
  const [repo, tag] = LAB_PROBE_IMAGE.split(':') as [string, string];
  const out = await engineCall(
    engineSocket,
    'POST',
    `/images/create?fromSrc=-&repo=${encodeURIComponent(repo)}&tag=${tag}`,
    tar,
  );
  if (/"error"/.test(out)) throw new Error(`lab: importing the probe image failed: ${out}`);
  await engineCall(engineSocket, 'POST', `/images/${encodeURIComponent(LAB_PROBE_IMAGE)}/tag?repo=alpine&tag=latest`);
}
