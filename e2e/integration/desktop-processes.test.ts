// Docker Desktop's processes as the product reads them from this host (desktop-processes.ts), on
// the lab whose proxy plays Desktop's process: it serves the engine socket, a menu restart keeps
// it, a full quit through the `docker desktop` plugin starts a new one. Two labs run at once, as
// they do on a shared machine: each lab's reading names its own process only.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { desktopProcessPort } from '../../main/core/desktop/desktop-processes';
import { Lab } from '../lab/lab';
import { engineApi } from './helpers';

const exec = promisify(execFile);
const desktop = (lab: Lab, command: string) =>
  exec('docker', ['desktop', command], { env: { ...process.env, ...lab.env() }, timeout: 120_000 });

describe("Docker Desktop's processes, read from the host", () => {
  it("finds this lab's Desktop process only; a menu restart keeps it, a full quit starts a new one", async () => {
    const [lab, other] = await Promise.all([Lab.start({ mode: 'off' }), Lab.start({ mode: 'off' })]);
    try {
      const read = desktopProcessPort({ endpoint: lab.dockerHost });
      const first = await read();
      expect(first.visible).toBe(true);
      expect(first.processes.map((p) => p.pid)).toEqual([lab.desktopPid]);
      expect(first.startedAt).toBe(first.processes[0]?.startedAt);
      // Started within the last minutes, by this host's clock.
      expect(Date.now() - Date.parse(first.startedAt ?? '')).toBeLessThan(10 * 60_000);
      const others = await desktopProcessPort({ endpoint: other.dockerHost })();
      expect(others.processes.map((p) => p.pid)).toEqual([other.desktopPid]);
      expect(other.desktopPid).not.toBe(lab.desktopPid);

      // Menu restart: the engine goes away and comes back; Desktop's process does not change.
      await desktop(lab, 'restart');
      expect((await engineApi(lab.dockerHost, 'GET', '/_ping')).status).toBe(200);
      expect(await read()).toEqual(first);

      // Full quit: no Desktop process; start: a new one, started after the quit.
      await desktop(lab, 'stop');
      const quit = await read();
      expect(quit).toEqual({ visible: true, processes: [], startedAt: null });
      const quitAt = Date.now();
      await desktop(lab, 'start');
      const again = await read();
      expect(again.processes.map((p) => p.pid)).toEqual([lab.desktopPid]);
      expect(again.processes[0]?.pid).not.toBe(first.processes[0]?.pid);
      // /proc gives the start from the boot time in whole seconds (bootTimeMs): up to 1 s early,
      // never late; plus a clock tick (10 ms) of rounding.
      expect(Date.parse(again.startedAt ?? '')).toBeGreaterThanOrEqual(quitAt - 1_010);
      // The other lab's Desktop was left alone.
      expect(await desktopProcessPort({ endpoint: other.dockerHost })()).toEqual(others);
    } finally {
      await Promise.all([lab.teardown(), other.teardown()]);
    }
  });

  it('cannot see the processes of a remote engine', async () => {
    const remote = await desktopProcessPort({ endpoint: 'tcp://user:secret@10.0.0.1:2376' })();
    expect(remote.visible).toBe(false);
    expect(remote.why).toContain('remote');
    expect(remote.why).not.toContain('secret');
  });
});
