// Issue 3's benchmark, on the lab, with `eci-tray watch --json` as a real process:
//  - detection latency: settings file written -> new state printed (target <= 1 s);
//  - engine back after a full relaunch -> verified verdict printed (target <= 3 s after the engine answers);
//  - cost at rest over 60 s with nothing changing: CPU time (target < 1 % of one core), peak RSS
//    (target < 80 MB), probe containers started (target: none after the first verification), and
//    the calls it sends the engine, counted by the lab's Desktop proxy (target: none but the open
//    event stream, so Docker Desktop's Resource Saver can stop the VM), given per hour.

import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { Lab } from '../e2e/lab/lab';
import { WatchProcess } from '../e2e/integration/watch-process';
import { median, type Figure } from './measure';

const IDLE_MS = Number(process.env['BENCH_IDLE_MS'] ?? 60_000);

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** Resets the process's peak RSS (VmHWM), so the next reading covers only what follows. */
function resetPeakRss(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Counts probe containers created on the engine while `during` runs (the engine's own events). */
async function countProbeCreates(socketPath: string, during: () => Promise<void>): Promise<number> {
  let count = 0;
  const filters = encodeURIComponent(
    JSON.stringify({ type: ['container'], event: ['create'], label: ['com.eci-tray.probe'] }),
  );
  const req = request({ socketPath, path: `/events?filters=${filters}` }, (res) =>
    res.on(
      'data',
      (c: Buffer) =>
        (count += c
          .toString()
          .split('\n')
          .filter((l) => l.trim()).length),
    ),
  );
  req.on('error', () => undefined);
  req.end();
  try {
    await during();
  } finally {
    req.destroy();
  }
  return count;
}

export async function monitorBenchmarks(log: (s: string) => void): Promise<Figure[]> {
  const lab = await Lab.start({ mode: 'off' });
  const watch = new WatchProcess([...lab.productArgs(), '--no-notify', '--grace', '30'], lab.env());
  try {
    await watch.waitFor((s) => s.report.verdict === 'off');

    // Detection latency: alternate the user setting so every write changes the desired state.
    const latencies: number[] = [];
    for (let i = 0; i < 6; i++) {
      const from = watch.states.length;
      const want = i % 2 === 0;
      const t0 = Date.now();
      lab.writeUserSettings({ EnhancedContainerIsolation: want });
      const seen = await watch.waitFor(
        (s) => s.report.desired.eci === want && s.report.desired.source === 'user',
        10_000,
        from,
      );
      latencies.push(seen.receivedAt - t0);
      await new Promise((r) => setTimeout(r, 1500)); // let the follow-up verification settle
    }
    const detection = median(latencies);
    log(`settings write -> state: ${latencies.map((l) => l.toFixed(0)).join(', ')} ms`);

    // Engine back after a full relaunch: from the proxy answering to the verified verdict printed.
    const backs: number[] = [];
    for (let i = 0; i < 3; i++) {
      lab.writeAdminPolicy(i % 2 === 0, true);
      await watch.waitFor((s) => s.report.verdict === 'pending-restart', 10_000);
      const from = watch.states.length;
      const wanted = i % 2 === 0 ? 'protected' : 'off';
      await lab.relaunch(); // resolves when the Desktop socket answers
      const answered = Date.now();
      const seen = await watch.waitFor((s) => s.report.verdict === wanted && s.trigger === 'engine-back', 20_000, from);
      backs.push(seen.receivedAt - answered);
    }
    const back = median(backs);
    log(`engine answers -> verified verdict: ${backs.map((b) => b.toFixed(0)).join(', ')} ms`);

    // Cost at rest.
    await new Promise((r) => setTimeout(r, 3000));
    const pid = watch.pid;
    const lifetimePeak = peakRssMb(pid);
    resetPeakRss(pid);
    const cpuBefore = cpuMs(pid);
    const probesBefore = watch.last.probeRuns;
    const callsBefore = lab.requests().length;
    const created = await countProbeCreates(lab.paths.engineSocket, () => new Promise((r) => setTimeout(r, IDLE_MS)));
    const callsAtRest = lab
      .requests()
      .slice(callsBefore)
      .filter((r) => r.kind === 'call');
    const perHour = (callsAtRest.length * 3_600_000) / IDLE_MS;
    const cpu = cpuMs(pid) - cpuBefore;
    const rss = peakRssMb(pid);
    const cpuPercent = (cpu / IDLE_MS) * 100;
    log(
      `at rest for ${IDLE_MS / 1000} s: CPU ${cpu.toFixed(0)} ms (${cpuPercent.toFixed(2)} % of one core), peak RSS ${rss.toFixed(1)} MB ` +
        `(${lifetimePeak.toFixed(1)} MB over the whole run, including 9 probe runs and 3 relaunches), probe containers created ${created}, probe runs ${watch.last.probeRuns - probesBefore}`,
    );
    log(
      `at rest for ${IDLE_MS / 1000} s: ${callsAtRest.length} calls to the engine (${callsAtRest.map((r) => `${r.method} ${r.path}`).join(', ') || 'none'}) = ` +
        `${perHour.toFixed(0)} requests per hour at rest, besides the one event stream held open`,
    );
    return [
      {
        name: 'settings file written -> new state printed',
        value: detection,
        unit: 'ms',
        target: { max: 1000, of: 'value' },
        limitedBy: 'the 100 ms debounce of the folder watch, then reading and parsing the settings files.',
      },
      {
        name: 'engine answers after a full relaunch -> verified verdict printed',
        value: back,
        unit: 'ms',
        target: { max: 3000, of: 'value' },
        limitedBy: 'the reconnection backoff (at most 1 s) and one probe run.',
      },
      {
        name: `watch at rest: CPU over ${IDLE_MS / 1000} s, % of one core`,
        value: cpuPercent,
        unit: '%',
        target: { max: 1, of: 'value' },
        limitedBy: 'the open event stream (no heartbeat).',
      },
      {
        name: 'watch at rest: requests per hour to the engine (besides the open event stream)',
        value: perHour,
        unit: 'requests/h',
        target: { max: 0, of: 'value' },
        note: `${callsAtRest.length} calls in ${IDLE_MS / 1000} s, counted by the lab's Desktop proxy; the daily safety re-verification adds one verification a day`,
        limitedBy: 'nothing at rest: the event stream is the only connection, so Resource Saver can stop the VM.',
      },
      {
        name: `watch at rest: peak RSS over ${IDLE_MS / 1000} s`,
        value: rss,
        unit: 'MB',
        target: { max: 80, of: 'value' },
        note: `${lifetimePeak.toFixed(1)} MB peak over the whole run, probes and relaunches included`,
        limitedBy: 'Node itself (about 41 MB) plus the bundled CLI; V8 lite mode is on for watch.',
      },
      {
        name: `watch at rest: probe containers created in ${IDLE_MS / 1000} s`,
        value: created,
        unit: 'containers',
        target: { max: 0, of: 'value' },
        limitedBy: 'the safety re-verification (daily by default) only.',
      },
    ];
  } finally {
    await watch.stop();
    await lab.teardown();
  }
}
