// Issue 5's main-process figures, measured without Electron, with the core wired as the app
// wires it (AppCore + the tray controller over a fake tray):
//  - time from process start to the first verdict (a fresh Node process each run);
//  - heap after 1,000 state changes through the app's state path (alerts, view, tray model),
//    against the heap after a warm-up: target no growth beyond 10 %.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppCore } from '../main/app/app-core';
import { fakeMenu } from '../main/app/testing/fake-electron';
import { TrayController } from '../main/app/tray-controller';
import type { MonitorState } from '../main/core/monitor/monitor-state';
import { DEFAULT_PREFERENCES } from '../main/core/preferences/preferences';
import type { TrayAction } from '../main/core/monitor/tray-menu';
import { Lab } from '../e2e/lab/lab';
import { median, type Figure } from './measure';

const quietPorts = {
  notifier: { notify: async () => undefined },
  openWindow: () => undefined,
  confirm: async () => false,
  emit: () => undefined,
  setStartAtLogin: async () => undefined,
  log: () => undefined,
};

function prefsFor(lab: Lab, dir: string): void {
  writeFileSync(
    join(dir, 'preferences.json'),
    JSON.stringify({
      ...DEFAULT_PREFERENCES,
      dockerHost: lab.dockerHost,
      adminSettings: lab.paths.adminSettings,
      userSettings: lab.paths.userSettings,
      probeImage: lab.probeImage,
    }),
  );
}

/** Run as a child: start the core and print the milliseconds since process start at the first verdict. */
export async function startOnce(userData: string): Promise<void> {
  const core = new AppCore({ userDataDir: userData, stateDir: join(userData, 'state'), ports: quietPorts });
  const first = await core.start();
  process.stdout.write(JSON.stringify({ ms: performance.now(), verdict: first?.report.verdict }) + '\n');
  await core.stop();
}

export async function appBenchmarks(log: (s: string) => void): Promise<Figure[]> {
  const lab = await Lab.start({ mode: 'on' });
  const dir = mkdtempSync(join(tmpdir(), 'eci-app-bench-'));
  try {
    prefsFor(lab, dir);
    const starts: number[] = [];
    let verdict = '';
    for (let i = 0; i < 5; i++) {
      const r = spawnSync(
        process.execPath,
        ['-e', `require(${JSON.stringify(__filename)}).startOnce(${JSON.stringify(dir)})`],
        { encoding: 'utf8', env: { ...process.env, ...lab.env() } },
      );
      const line = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { ms: number; verdict: string };
      starts.push(line.ms);
      verdict = line.verdict;
    }
    log(`process start -> first verdict (${verdict}): ${starts.map((s) => s.toFixed(0)).join(', ')} ms`);

    // Heap over state changes: real states from the lab, alternated, through AppCore's state path.
    const core = new AppCore({ userDataDir: dir, stateDir: join(dir, 'state'), ports: quietPorts });
    const actions = new Proxy({} as Record<TrayAction, () => void>, { get: () => () => undefined });
    // A tray that keeps nothing (the test fake records every call, which would be our own leak).
    const discard = {
      setImage: () => undefined,
      setToolTip: () => undefined,
      setContextMenu: () => undefined,
      destroy: () => undefined,
    };
    const tray = new TrayController({
      tray: discard,
      menu: fakeMenu,
      icon: (f) => f,
      actions,
      startAtLogin: () => false,
      version: 'bench',
      recent: () => core.recentChanges(),
    });
    core.onViewChanged((v) => tray.update(v));
    const protectedState = (await core.start())!;
    lab.writeAdminPolicy(false, true);
    const pending = (await core.checkNow())!;
    await core.stop();
    const feed = (n: number) => {
      for (let i = 0; i < n; i++) {
        const base = i % 2 ? protectedState : pending;
        (core as unknown as { onState(s: MonitorState): void }).onState({
          ...base,
          seq: i,
          at: new Date().toISOString(),
        });
      }
    };
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('run the benchmark with --expose-gc');
    feed(200);
    gc();
    const warm = process.memoryUsage().heapUsed;
    feed(1000);
    gc();
    const after = process.memoryUsage().heapUsed;
    log(`heap after warm-up ${(warm / 1e6).toFixed(2)} MB, after 1,000 state changes ${(after / 1e6).toFixed(2)} MB`);
    return [
      {
        name: 'app core: process start -> first verdict',
        value: median(starts),
        unit: 'ms',
        note: `median of 5, ECI on (${verdict})`,
      },
      {
        name: 'app core: heap after 1,000 state changes',
        value: after / 1e6,
        unit: 'MB',
        anchor: { name: 'heap after warm-up', value: warm / 1e6 },
        target: { max: 1.1, of: 'ratio' },
        note: 'alternating real pending and protected states through AppCore and the tray model',
        limitedBy: 'alert history is bounded (rate-limit window, announced ids pruned).',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await lab.teardown();
  }
}
