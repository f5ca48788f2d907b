// What a lab's state file holds (shared by the test process, `npm run lab` and the docker-desktop
// plugin), and the options a lab starts with.

import type { RefusalMoment } from './desktop-refusals';
import type { LabMode } from './lab-paths';
import type { IdRange } from './prerequisites';

export interface LabState {
  root: string;
  /** PID of the process that owns the lab; null for a lab started by hand (`npm run lab -- up`). */
  owner: number | null;
  /** The running engine's mode; null while "Docker Desktop" is stopped. */
  mode: LabMode | null;
  /** The mode it last ran in (what a menu restart keeps). */
  lastMode: LabMode;
  desktopVersion: string;
  /** The kernel Desktop's VM reports (WSL 2's, to play that backend); the host's when unset. */
  kernelVersion?: string;
  proxy: boolean;
  /** When the Desktop proxy refuses host namespaces and the socket mount (unset: see desktop-refusals.ts). */
  refuseAt?: RefusalMoment;
  daemonPid: number | null;
  proxyPid: number | null;
  range: IdRange;
  cgroupParent: string;
  imageImported: boolean;
  /** Pre-ECI containers given `UsernsMode: host` while the engine runs with ECI (see below). */
  hostUsernsContainers?: string[];
}

export interface LabOptions {
  mode: LabMode;
  desktopVersion?: string;
  /** Run the Docker Desktop personality proxy (default true). */
  proxy?: boolean;
  /** Refuse host namespaces and the socket mount at `create` or at `start` (default: namespaces at
   * start, the socket mount at create). */
  refuseAt?: RefusalMoment;
  /** Survives the process that started it (for `npm run lab -- up`). */
  persistent?: boolean;
}
