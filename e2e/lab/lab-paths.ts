// Every file, socket and folder of one lab lives under one private temp folder.

import { basename, join, resolve } from 'node:path';

export type LabMode = 'on' | 'off';

export interface LabPaths {
  root: string;
  /** The state file shared by the test API, `npm run lab` and the docker-desktop plugin. */
  state: string;
  lock: string;
  /** Data root of the ECI-off engine (and, bind-mounted, the remapped root of the ECI-on one). */
  offData: string;
  /** Data root given to the ECI-on engine; it looks under `<onRoot>/<uid>.<gid>`. */
  onRoot: string;
  execRoot: string;
  pidfile: string;
  daemonConfig: string;
  /** The real engine's socket. */
  engineSocket: string;
  /** The Docker Desktop personality proxy's socket: what the product talks to. */
  desktopSocket: string;
  logs: string;
  /** Docker Desktop's settings files, as the lab's "Desktop" reads them at start. */
  adminSettings: string;
  userSettings: string;
  /** A DOCKER_CONFIG with the lab's docker-desktop CLI plugin. */
  dockerConfig: string;
  probeRootfs: string;
  probeTar: string;
}

export function labPaths(rootDir: string): LabPaths {
  const root = resolve(rootDir);
  return {
    root,
    state: join(root, 'lab.json'),
    lock: join(root, 'lab.lock'),
    offData: join(root, 'data'),
    onRoot: join(root, 'on-root'),
    execRoot: join(root, 'exec'),
    pidfile: join(root, 'dockerd.pid'),
    daemonConfig: join(root, 'daemon.json'),
    engineSocket: join(root, 'engine.sock'),
    desktopSocket: join(root, 'docker.sock'),
    logs: join(root, 'logs'),
    adminSettings: join(root, 'desktop', 'admin-settings.json'),
    userSettings: join(root, 'desktop', 'settings-store.json'),
    dockerConfig: join(root, 'docker-config'),
    probeRootfs: join(root, 'probe-rootfs'),
    probeTar: join(root, 'probe.tar'),
  };
}

/** Root of this repository (for the compiled lab helpers the detached processes run). */
export const REPO_ROOT =
  basename(resolve(__dirname, '../..')) === 'dist' ? resolve(__dirname, '../../..') : resolve(__dirname, '../..');

/** Compiled entry points; detached processes run plain JavaScript. */
export function compiledEntry(name: 'proxy-main' | 'desktop-plugin' | 'lab-cli'): string {
  return join(REPO_ROOT, 'dist', 'e2e', 'lab', `${name}.js`);
}

/** Name prefix of lab folders under the temp dir (used to find labs a crashed run left). */
export const LAB_DIR_PREFIX = 'eci-lab-';
