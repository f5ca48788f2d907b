// Docker Desktop's Resource Saver, in each plausible behaviour the lab plays (desktop-states.ts):
// event streams stay open; end and reopen; end and are refused until a wake; any call wakes the
// VM. Under each, a monitor at rest runs no probe when a stream ends and reopens, parks the
// stream when it ends quietly again (then sends nothing: no VM wake), is never "unreachable", runs no probe at a resume or when Docker Desktop
// rewrites settings-store.json without changing an ECI value, and still sees a real settings
// change within a second (which reopens the parked stream). A full relaunch (Desktop's process
// starts again) is still verified, parked too (the engine socket is made anew); a probe whose
// create waits longer than a call's timeout for the VM still verifies.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EciChecker, runCheck } from '../../main/core/verify/check';
import { Monitor } from '../../main/core/monitor/monitor';
import type { MonitorState } from '../../main/core/monitor/monitor-state';
import { RESOURCE_SAVER_PERSONALITIES, type ResourceSaverPersonality } from '../lab/desktop-states';
import { Lab } from '../lab/lab';
import { probeContainers } from './helpers';
import { untilLabQuiet } from './lab-quiet';

const PERSONALITIES = Object.keys(RESOURCE_SAVER_PERSONALITIES) as ResourceSaverPersonality[];

describe('Docker Desktop in Resource Saver, each behaviour', () => {
  let lab: Lab;
  const config = () => ({
    dockerHost: lab.dockerHost,
    adminSettings: lab.paths.adminSettings,
    userSettings: lab.paths.userSettings,
    probeImage: lab.probeImage,
  });

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'off' });
  });
  afterEach(() => {
    lab.unpause();
    lab.writeUserSettings({ EnhancedContainerIsolation: false });
  });
  afterAll(async () => {
    await lab?.teardown();
  });

  /** A monitor with its log and states kept, started and left to settle (no call for a while). */
  async function restingMonitor(): Promise<{
    monitor: Monitor;
    checker: EciChecker;
    logs: string[];
    states: MonitorState[];
  }> {
    lab.writeUserSettings({ EnhancedContainerIsolation: false });
    const checker = new EciChecker(config());
    const logs: string[] = [];
    const states: MonitorState[] = [];
    const monitor = new Monitor(checker, { log: (m) => logs.push(m) });
    monitor.onState((s) => states.push(s));
    expect((await monitor.start())?.report.verdict).toBe('off');
    await untilLabQuiet(lab, 1_500);
    return { monitor, checker, logs, states };
  }

  const calls = (from: number) =>
    lab
      .requests()
      .slice(from)
      .filter((r) => r.kind === 'call');
  const creates = (from: number) =>
    calls(from).filter((r) => r.method === 'POST' && /\/containers\/create$/.test(r.path));

  it.each(PERSONALITIES)(
    '%s: at rest, no probe when streams end and reopen; never unreachable; no probe at a resume or a rewrite without ECI change',
    async (personality) => {
      const { monitor, checker, logs, states } = await restingMonitor();
      try {
        const probes = checker.probeRuns;
        const from = lab.requests().length;
        lab.sleepAs(personality, { quietMs: 1_500, wakeMs: 1_000 });
        const ending = RESOURCE_SAVER_PERSONALITIES[personality].events !== 'stay-open';
        if (ending) {
          // Two ends in a row with no event: Resource Saver likely, the stream is parked.
          await expect
            .poll(() => monitor.streamEndsInARow, { timeout: 30_000, interval: 250 })
            .toBeGreaterThanOrEqual(2);
          expect(monitor.streamParked).toBe(true);
          expect(lab.logged('sleep', from).length).toBeGreaterThanOrEqual(1);
          // Parked: nothing is sent, so nothing wakes the VM, over several of its quiet periods.
          const at = lab.requests().length;
          await new Promise((r) => setTimeout(r, 6_000));
          expect(calls(at)).toEqual([]);
          expect(lab.logged('wake', at)).toEqual([]);
        } else {
          await expect
            .poll(() => lab.logged('sleep', from).length, { timeout: 10_000, interval: 250 })
            .toBeGreaterThanOrEqual(1);
          // The open stream is not activity: the VM stays asleep, nothing is sent.
          const at = lab.requests().length;
          await expect
            .poll(() => lab.logged('sleep', from).length > 0 && Date.now() - lab.logged('sleep', from)[0]!.at > 5_000, {
              timeout: 15_000,
              interval: 500,
            })
            .toBe(true);
          expect(calls(at)).toEqual([]);
        }
        expect(checker.probeRuns).toBe(probes);
        expect(creates(from)).toEqual([]);
        const opened = calls(from).filter((r) => r.path.endsWith('/events')).length;
        // Each reopening is one events call (and, in 'any-call-wakes', one wake): bounded by the ends.
        expect(opened).toBeLessThanOrEqual(monitor.streamEndsInARow + 1);
        expect(lab.logged('wake', from).length).toBeLessThanOrEqual(
          RESOURCE_SAVER_PERSONALITIES[personality].wakeOn === 'any' ? opened : 0,
        );
        expect(states.map((s) => s.report.verdict)).not.toContain('engine-unreachable');
        expect(monitor.current?.engine.connected).toBe(true);

        // A screen unlock or resume with nothing changed: nothing is sent to the engine.
        const beforeResume = lab.requests().length;
        monitor.resumed();
        await expect
          .poll(() => logs.some((l) => l.startsWith('system resumed: nothing changed; no probe')), { timeout: 5_000 })
          .toBe(true);
        // (The stream's own reopening may fall in this moment: it is not the resume's.)
        expect(calls(beforeResume).filter((r) => !r.path.endsWith('/events'))).toEqual([]);

        // Docker Desktop rewrites settings-store.json with another key: no probe.
        lab.writeUserSettings({ EnhancedContainerIsolation: false, AutoPauseTimeoutSeconds: 300 });
        await expect
          .poll(() => logs.includes('settings files written: no ECI value changed, no probe'), { timeout: 5_000 })
          .toBe(true);
        expect(checker.probeRuns).toBe(probes);
        expect(creates(from)).toEqual([]);

        // A real change is still seen within a second, and verified (the VM wakes for it).
        const written = Date.now();
        lab.writeUserSettings({ EnhancedContainerIsolation: true });
        await expect
          .poll(() => states.find((s) => s.report.desired.eci === true && s.report.desired.source === 'user'), {
            timeout: 5_000,
            interval: 50,
          })
          .toBeDefined();
        const seen = states.find((s) => s.report.desired.eci === true)!;
        expect(Date.parse(seen.at) - written).toBeLessThan(1_000);
        await expect.poll(() => checker.probeRuns, { timeout: 60_000, interval: 250 }).toBe(probes + 1);
        await expect.poll(() => monitor.current?.report.verdict, { timeout: 30_000 }).toBe('pending-restart');
        // The probe woke the VM: once it is done, the parked stream listens again.
        await expect.poll(() => monitor.streamParked, { timeout: 30_000, interval: 250 }).toBe(false);
      } catch (err) {
        throw new Error(
          `${String(err)}\nmonitor log:\n${logs.join('\n')}\nlab log:\n${lab
            .requests()
            .slice(-30)
            .map((r) => `${r.at} ${r.kind} ${r.method} ${r.path}`)
            .join('\n')}`,
          { cause: err },
        );
      } finally {
        await monitor.stop();
      }
      expect(await probeContainers(lab.engineHost)).toEqual([]);
    },
  );

  it('a restart from the Docker menu at rest runs no probe; a full quit and relaunch (a new Desktop process) is verified', async () => {
    const { monitor, checker, logs, states } = await restingMonitor();
    try {
      const probes = checker.probeRuns;
      const from = states.length;
      await lab.menuRestart();
      // Seen as the engine back after going away, or as a stream reopened at once (a quick
      // restart): either way Desktop's process and the engine ID are the same, so no probe.
      const back = () => logs.find((l) => /^event stream (restarted|reopened)/.test(l));
      await expect.poll(back, { timeout: 30_000, interval: 250 }).toBeDefined();
      expect(back()).toMatch(/^event stream (restarted|reopened): nothing changed; no probe$/);
      expect(checker.probeRuns).toBe(probes);
      await expect.poll(() => monitor.current?.engine.connected, { timeout: 10_000 }).toBe(true);
      expect(states.slice(from).map((s) => s.report.verdict)).not.toContain('engine-unreachable');

      await lab.relaunch();
      await expect.poll(() => checker.probeRuns, { timeout: 30_000, interval: 250 }).toBe(probes + 1);
      expect(logs.filter((l) => /^event stream (restarted|reopened)/.test(l)).at(-1)).toMatch(
        /changed: .*desktop-start.*; verifying$/,
      );
    } catch (err) {
      throw new Error(`${String(err)}\nmonitor log:\n${logs.join('\n')}`, { cause: err });
    } finally {
      await monitor.stop();
    }
  });

  it('parked (any call wakes the VM): a full quit and relaunch makes the engine socket anew, the stream reopens and the new Desktop is verified', async () => {
    const { monitor, checker, logs } = await restingMonitor();
    try {
      const probes = checker.probeRuns;
      lab.sleepAs('any-call-wakes', { quietMs: 1_500, wakeMs: 1_000 });
      await expect.poll(() => monitor.streamParked, { timeout: 30_000, interval: 250 }).toBe(true);
      lab.unpause();
      await lab.relaunch();
      await expect.poll(() => checker.probeRuns, { timeout: 30_000, interval: 250 }).toBe(probes + 1);
      expect(logs).toContain('engine socket changed: event stream reopened');
      await expect.poll(() => monitor.current?.engine.connected, { timeout: 10_000 }).toBe(true);
      expect(monitor.streamParked).toBe(false);
    } catch (err) {
      throw new Error(`${String(err)}\nmonitor log:\n${logs.join('\n')}`, { cause: err });
    } finally {
      await monitor.stop();
    }
  });

  // Docker: the VM restarts in about 3 to 10 s, slower on Windows with Hyper-V. When only running
  // a container wakes it, the create is the call that waits: longer than a call's 10 s timeout.
  it('asleep, woken only by a container, waking slower than a call timeout: the probe still verifies', async () => {
    lab.sleep({ quietMs: 600_000, wakeMs: 13_000, wakeOn: 'containers' });
    const report = await runCheck(config());
    expect(report.checks.map((c) => c.result)).toEqual([
      'not-isolated',
      'not-isolated',
      'not-isolated',
      'not-isolated',
    ]);
    expect(report.verdict).toBe('off');
    expect(await probeContainers(lab.engineHost)).toEqual([]);
  });
});
