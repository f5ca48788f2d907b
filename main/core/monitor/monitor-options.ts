// The monitor's options and their defaults.

import type { BackoffPolicy } from './backoff';
import type { DesktopStartSource } from './change-facts';

export interface MonitorOptions {
  /** Safety re-verification period (default 24 hours). */
  intervalMs?: number;
  /** How long the engine may be away before the verdict becomes engine-unreachable (default 30 s). */
  graceMs?: number;
  settingsDebounceMs?: number;
  containerDebounceMs?: number;
  /**
   * A ping this often while connected, to notice an engine that stalls with its event stream
   * open. Off by default (0): it would keep Docker Desktop's VM from ever going to Resource
   * Saver; an engine that goes away closes the stream, which is noticed at once.
   */
  heartbeatMs?: number;
  backoff?: BackoffPolicy;
  /** Delays between reopenings of event streams the engine keeps ending (Resource Saver). */
  streamEndBackoff?: BackoffPolicy;
  /**
   * When Docker Desktop's processes started, when this host can see them: tells a full quit and
   * relaunch from an engine restart or a reopened stream (see change-facts.ts). Default: the
   * checker's reading of Desktop's processes (desktop/desktop-processes.ts).
   */
  desktopStart?: DesktopStartSource;
  log?: (message: string) => void;
}

export const DEFAULT_INTERVAL_MS = 24 * 60 * 60_000;
export const DEFAULT_GRACE_MS = 30_000;
