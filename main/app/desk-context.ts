// What the desks (cleanup, walkthrough, Desktop, report) share with AppCore: the verification in
// force, read through functions because AppCore builds a new checker and monitor when the
// preferences change what is verified, and the ports they all ask through.

import type { Auditor } from '../core/cleanup/audit';
import type { ConfirmRequest } from '../core/confirm';
import type { MonitorState } from '../core/monitor/monitor-state';
import type { EciChecker } from '../core/verify/check';
import type { EventChannel, EventPayloads } from '../ipc/contract';

export interface Verification {
  checker(): EciChecker;
  /** Null when no Docker engine is configured. */
  auditor(): Auditor | null;
  /** The last state the monitor emitted. */
  current(): MonitorState | null;
  /** A fresh verification, shown as "checking" while it runs. */
  checkNow(): Promise<MonitorState | null>;
}

export interface DeskPorts {
  /** A native dialog in the app; resolves true only when the user confirmed. */
  confirm(request: ConfirmRequest): Promise<boolean>;
  /** Sends an event to every open window. */
  emit<E extends EventChannel>(event: E, payload: EventPayloads[E]): void;
  log(message: string): void;
}
