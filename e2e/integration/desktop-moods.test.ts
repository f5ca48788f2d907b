// Docker Desktop paused by hand, and asleep in Resource Saver, played by the lab's Desktop proxy:
// a paused Desktop is reported as paused with the advice to resume it (never "start it"); a
// sleeping one is verified after its wake-up wait, not reported unreachable; and `watch` at rest
// sends nothing but its event stream, so it never wakes a sleeping Desktop.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EciChecker, runCheck } from '../../main/core/verify/check';
import { Monitor } from '../../main/core/monitor/monitor';
import { Lab } from '../lab/lab';
import { probeContainers, runCli } from './helpers';
import { untilLabQuiet } from './lab-quiet';
import { WatchProcess } from './watch-process';

describe('a paused or sleeping Docker Desktop', () => {
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
  afterEach(() => lab.unpause());
  afterAll(async () => {
    await lab?.teardown();
  });

  // Which status Desktop sends with its paused text is not documented: the product must not care.
  it.each([500, 503])(
    'paused by hand (HTTP %i): engine-unreachable, says paused, advises resuming; no probe runs',
    async (status) => {
      lab.pause(status);
      const from = lab.requests().length;
      const report = await runCheck(config());
      expect(report.verdict).toBe('engine-unreachable');
      expect(report.engine).toMatchObject({ reachable: false, paused: true });
      expect(report.reason).toMatch(/^Docker Desktop is paused/);
      expect(report.reason).toContain(Lab.pausedMessage);
      expect(report.nextSteps.join('\n')).toContain('Resume Docker Desktop');
      expect(report.nextSteps.join('\n')).not.toMatch(/start Docker Desktop/i);
      const seen = lab.requests().slice(from);
      expect(seen.filter((r) => r.kind === 'paused').length).toBeGreaterThan(0);
      expect(seen.some((r) => r.kind === 'call' && r.method === 'POST' && r.path.includes('/containers/create'))).toBe(
        false,
      );

      lab.unpause();
      const after = await runCheck(config());
      expect(after.verdict).toBe('off');
      expect(after.engine.paused).toBeUndefined();
    },
  );

  it('the CLI exits 13 and says to resume Docker Desktop', async () => {
    lab.pause();
    const r = await runCli(['check', ...lab.productArgs()], lab.env());
    expect(r.code).toBe(13);
    expect(r.stdout).toContain('Docker Desktop is paused');
    expect(r.stdout).toContain('Resume Docker Desktop');
    expect(r.stdout).not.toMatch(/Start Docker Desktop/);
  });

  it('the monitor advises unpausing, then verifies again once resumed', async () => {
    const monitor = new Monitor(new EciChecker(config()), { graceMs: 1_000 });
    try {
      expect((await monitor.start())?.report.verdict).toBe('off');
      lab.pause();
      const paused = await monitor.check();
      expect(paused).toMatchObject({ report: { verdict: 'engine-unreachable' }, advice: ['unpause-docker-desktop'] });
      expect(paused!.report.reason).toMatch(/^Docker Desktop is paused/);
      lab.unpause();
      expect(await monitor.check()).toMatchObject({ report: { verdict: 'off' }, advice: ['turn-eci-on'] });
    } finally {
      await monitor.stop();
    }
  });

  it('asleep (Resource Saver): the first call waits for the VM; the check says so and verifies, not unreachable', async () => {
    // Longer than the 5 s ping timeout, within Docker's documented 3 to 10 s.
    lab.sleep({ quietMs: 600_000, wakeMs: 8_000 });
    const from = lab.requests().length;
    const progress: string[] = [];
    const report = await runCheck({ ...config(), onProgress: (m) => progress.push(m) });
    expect(report.verdict).toBe('off');
    expect(report.checks.map((c) => c.result)).toEqual([
      'not-isolated',
      'not-isolated',
      'not-isolated',
      'not-isolated',
    ]);
    expect(progress.join('\n')).toMatch(/wake up \(Resource Saver\)/);
    expect(
      lab
        .requests()
        .slice(from)
        .filter((r) => r.kind === 'wake'),
    ).toHaveLength(1);
    expect(await probeContainers(lab.engineHost)).toEqual([]);
  });

  it('asleep: the CLI prints the wake-up wait on stderr and the verdict on stdout', async () => {
    lab.sleep({ quietMs: 600_000, wakeMs: 7_000 });
    const r = await runCli(['check', '--json', ...lab.productArgs()], lab.env());
    expect(JSON.parse(r.stdout).verdict).toBe('off');
    expect(r.code).toBe(12);
    expect(r.stderr).toMatch(
      /eci-tray check: Docker Desktop did not answer within 5 s: waiting up to 15 s more for it to wake up/,
    );
  });

  // Docker's docs: commands that do not run containers "don't necessarily trigger an exit from
  // Resource Saver mode": then the ping answers at once and the probe's first container waits.
  it('asleep, woken only by running a container: the probe waits for the VM and verifies', async () => {
    lab.sleep({ quietMs: 600_000, wakeMs: 7_000, wakeOn: 'containers' });
    const from = lab.requests().length;
    const report = await runCheck(config());
    expect(report.verdict).toBe('off');
    const seen = lab.requests().slice(from);
    const wake = seen.find((r) => r.kind === 'wake');
    expect(wake).toMatchObject({ method: 'POST' });
    expect(wake!.path).toMatch(/\/containers\/create$/);
    expect(seen.findIndex((r) => r.path.endsWith('/_ping'))).toBeLessThan(seen.indexOf(wake!));
    expect(await probeContainers(lab.engineHost)).toEqual([]);
  });

  it('no socket at all is still reported at once, without a wake-up wait', async () => {
    const started = Date.now();
    const report = await runCheck({ ...config(), dockerHost: `unix://${lab.root}/no-such.sock` });
    expect(report.verdict).toBe('engine-unreachable');
    expect(report.engine.paused).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('watch at rest sends nothing but its event stream: a sleeping Desktop stays asleep', async () => {
    const watch = new WatchProcess(['--no-notify', ...lab.productArgs()], lab.env());
    try {
      await watch.waitFor((s) => s.report.verdict === 'off');
      // The probe containers' removal events bring one container listing after the first state;
      // wait until a whole poll interval passes with no call.
      await untilLabQuiet(lab, 2_000);
      lab.sleep({ quietMs: 1_000, wakeMs: 8_000 });
      const from = lab.requests().length;
      const streams = lab.requests().filter((r) => r.path.endsWith('/events'));
      expect(streams.length).toBeGreaterThan(0);
      // A measurement window longer than any periodic call the monitor used to make (a 15 s
      // heartbeat): nothing may arrive in it.
      const windowMs = 20_000;
      await new Promise((r) => setTimeout(r, windowMs));
      expect(
        lab
          .requests()
          .slice(from)
          .filter((r) => r.kind !== 'sleep'),
      ).toEqual([]);
      expect(watch.states.at(-1)!.state.report.verdict).toBe('off');

      // A settings change re-verifies: the first call wakes the VM, the probe runs after the
      // wait, and the engine is never reported unreachable. (The new desired state is printed at
      // once; the verification that confirms it changes nothing visible, so prints nothing.)
      const fromState = watch.states.length;
      lab.writeUserSettings({ EnhancedContainerIsolation: true });
      await watch.waitFor((s) => s.report.verdict === 'pending-restart', 30_000, fromState);
      const probeStarted = () =>
        lab
          .requests()
          .slice(from)
          .some((r) => r.kind === 'call' && r.method === 'POST' && /\/containers\/[^/]+\/start$/.test(r.path));
      await expect.poll(probeStarted, { timeout: 60_000, interval: 500 }).toBe(true);
      // Stopping lets the verification in flight finish (and print any change) first.
      expect(await watch.stop()).toBe(0);
      const verdicts = watch.states.slice(fromState).map((s) => s.state.report.verdict);
      expect(verdicts).not.toContain('engine-unreachable');
      expect(verdicts).not.toContain('unknown');
      expect(watch.last.report.verdict).toBe('pending-restart');
      expect(await probeContainers(lab.engineHost)).toEqual([]);
      expect(
        lab
          .requests()
          .slice(from)
          .filter((r) => r.kind === 'wake'),
      ).toHaveLength(1);
      expect(watch.stderr).toMatch(/wake up \(Resource Saver\)/);
    } finally {
      await watch.stop();
    }
  });
});
