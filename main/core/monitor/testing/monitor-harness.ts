// A monitor on the real checker, settings files and report, with a small typed fake of the
// engine calls it makes (the event stream, ping, the verification's evidence): for unit tests
// of orderings the lab cannot force, such as an engine gone before its stream says so, or a
// settings change read while a slow verification runs. The lab tests run it on a real engine.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { EngineClient, EngineEvent } from '../../engine/engine-client';
import { notVisible } from '../../desktop/desktop-processes';
import { EciChecker } from '../../verify/check';
import type { ContainerEvidence, EngineEvidence } from '../../verify/assemble-report';
import { desktop, ON } from '../../verify/testing/verdict-fixtures';
import { Monitor, type MonitorOptions } from '../monitor';
import type { MonitorState } from '../monitor-state';

export const NO_SOCKET = 'no engine socket at this path (is Docker Desktop running?)';

/** A container running outside ECI, as the listing reports it. */
export const outsideEci = (name: string): ContainerEvidence['list'][number] => ({
  id: name.padEnd(64, '0'),
  name,
  image: 'busybox',
  state: 'running',
  created: '2026-12-03T10:00:00Z',
  runtime: 'runc',
});

/** What a verification finds when the engine answers: a Docker Desktop with ECI on. */
export const reachableEvidence = (): EngineEvidence => ({
  engine: desktop(),
  engineId: 'engine-1',
  probe: ON,
  at: new Date().toISOString(),
});

/** The engine as the event watch sees it: a stream the test ends, and a ping the test answers. */
export class FakeEngine {
  stream: PassThrough | null = null;
  away = false;
  streamsOpened = 0;
  private onEvent: ((e: EngineEvent) => void) | null = null;

  /** A container event on the open stream. */
  containerEvent(action = 'start'): void {
    this.onEvent?.({ Type: 'container', Action: action, Actor: { ID: 'c'.repeat(64) } } as EngineEvent);
  }
  readonly port = {
    events: async (_filters: Record<string, string[]>, signal: AbortSignal, onEvent: (e: EngineEvent) => void) => {
      if (this.away) throw new Error(`events: ${NO_SOCKET}`);
      this.onEvent = onEvent;
      const stream = new PassThrough();
      stream.resume(); // read as the real client reads it, so that its end is seen
      signal.addEventListener('abort', () => stream.destroy());
      this.stream = stream;
      this.streamsOpened++;
      return stream;
    },
    ping: async () => {
      if (this.away) throw new Error(NO_SOCKET);
    },
    info: async () => ({ ID: 'engine-1' }),
    close: () => {},
  } satisfies Partial<EngineClient>;
}

export interface MonitorHarness {
  dir: string;
  adminSettings: string;
  engine: FakeEngine;
  monitor: Monitor;
  states: Array<{ at: number; state: MonitorState }>;
  /** What the next container listings answer (the containers outside ECI). */
  containers: ContainerEvidence;
  /** Answers of the next verifications, in order (then: reachable). */
  verifyAnswers: Array<() => EngineEvidence | Promise<EngineEvidence>>;
  waitFor(test: (s: MonitorState) => boolean, ms?: number): Promise<{ at: number; state: MonitorState }>;
  close(): Promise<void>;
}

export function monitorHarness(options: MonitorOptions = {}): MonitorHarness {
  const dir = mkdtempSync(join(tmpdir(), 'eci-monitor-'));
  const adminSettings = join(dir, 'admin-settings.json');
  const engine = new FakeEngine();
  const checker = new EciChecker({
    dockerHost: `unix://${join(dir, 'docker.sock')}`,
    adminSettings,
    userSettings: join(dir, 'settings-store.json'),
    desktopProcesses: async () => notVisible('not read in this test'),
  });
  const verifyAnswers: MonitorHarness['verifyAnswers'] = [];
  Object.assign(checker, {
    engine: () => engine.port as unknown as EngineClient,
    verifyEngine: async () => (verifyAnswers.shift() ?? reachableEvidence)(),
    listContainers: async () => h.containers,
    ping: async () => (engine.away ? NO_SOCKET : null),
    sweep: async () => [],
  });
  const monitor = new Monitor(checker, { streamEndBackoff: { initialMs: 50, maxMs: 50 }, ...options });
  const states: MonitorHarness['states'] = [];
  monitor.onState((state) => states.push({ at: Date.now(), state }));
  const h: MonitorHarness = {
    containers: { list: [] },
    dir,
    adminSettings,
    engine,
    monitor,
    states,
    verifyAnswers,
    async waitFor(test, ms = 5_000) {
      const until = Date.now() + ms;
      for (;;) {
        const found = states.find((s) => test(s.state));
        if (found) return found;
        if (Date.now() > until)
          throw new Error(
            `no such state among: ${states.map((s) => `${s.state.trigger} ${s.state.report.verdict}`).join(', ')}`,
          );
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      await monitor.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
