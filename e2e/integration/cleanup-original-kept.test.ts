// The original container is never lost to a cleanup, on the lab. Data is written by the test
// (docker exec, after the container started) with random tokens the container cannot produce by
// itself, and read back by content from the container that exists afterwards:
// - every engine call of a re-create failed in turn (the fault proxy answers it with HTTP 500), and
//   with it the next one (the first call of the rollback): afterwards, resumed if the rollback itself
//   failed, the original is whole, under its own name and running, or the new one is;
// - a container with `--restart always`, stopped by the cleanup, comes back during a full quit and
//   reopen and writes more: the resumed cleanup sees it and puts it back instead of removing it;
// - ECI off by the time a re-create is resumed: it is put back, not re-created without ECI.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan, CleanupError } from '../../main/core/cleanup/apply';
import type { ApplyResult } from '../../main/core/cleanup/apply-result';
import { Auditor } from '../../main/core/cleanup/audit';
import { makePlan } from '../../main/core/cleanup/plan';
import { EciChecker } from '../../main/core/verify/check';
import { FaultProxy } from '../lab/fault-proxy';
import { Lab } from '../lab/lab';
import { labConfig } from './fault-rounds';
import { createContainer, engineApi, execIn, inspect, runCli } from './helpers';

const RUNNING = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"];
const token = () => `unique-${randomBytes(8).toString('hex')}`;
/** Independent rounds side by side, each through its own fault proxy. */
const LANES = 3;

describe('the original container is kept whole', () => {
  let lab: Lab;
  let state: string;
  const proxies: FaultProxy[] = [];

  const allContainers = async () =>
    (await engineApi(lab.engineHost, 'GET', '/containers/json?all=1')).json as Array<{
      Id: string;
      Names: string[];
      Labels: Record<string, string>;
    }>;
  const named = async (name: string) => (await allContainers()).filter((c) => c.Names.includes(`/${name}`));
  /** What a cleanup of `id` made and left: the renamed original's name taken by another, verify containers, new containers not at the name. */
  const madeOf = async (id: string) =>
    (await allContainers()).filter((c) => c.Labels['com.eci-tray.cleanup.source'] === id);
  const snapshotsOf = async (id: string) =>
    ((await engineApi(lab.engineHost, 'GET', '/images/json')).json as Array<{ RepoTags: string[] | null }>)
      .flatMap((i) => i.RepoTags ?? [])
      .filter((t) => t.startsWith('eci-tray-snapshot/') && t.includes(`-${id.slice(0, 12)}:`));

  /** A running pre-ECI container with data in its layer and in a named volume, written by exec. */
  const withData = async (name: string, hostConfig: Record<string, unknown> = {}, withVolume = true) => {
    const id = await createContainer(lab.engineHost, name, {
      Image: lab.probeImage,
      Cmd: RUNNING,
      HostConfig: {
        Runtime: 'runc',
        ...(withVolume ? { Binds: [`${name}-vol-${randomBytes(3).toString('hex')}:/data`] } : {}),
        ...hostConfig,
      },
    });
    const layer = token();
    const volume = withVolume ? token() : null;
    await execIn(lab.engineHost, id, [
      'sh',
      '-c',
      `mkdir -p /keep && echo ${layer} > /keep/x${volume ? ` && echo ${volume} > /data/v` : ''}`,
    ]);
    return { id, layer, volume };
  };
  const read = (idOrName: string, path: string) => execIn(lab.engineHost, idOrName, ['cat', path]);

  /** The original, under its own name, running, with its data; nothing the cleanup made is left. */
  const expectOriginalWhole = async (
    name: string,
    before: { id: string; layer: string; volume: string | null },
    what: string,
  ) => {
    expect(await named(name), `${what}: one container named ${name}`).toHaveLength(1);
    const info = await inspect(lab.engineHost, name);
    expect(info.Id, `${what}: the original is at its name`).toBe(before.id);
    expect(info.State.Running, `${what}: running again`).toBe(true);
    expect(await read(name, '/keep/x'), `${what}: layer data`).toBe(`${before.layer}\n`);
    if (before.volume) expect(await read(name, '/data/v'), `${what}: volume data`).toBe(`${before.volume}\n`);
    expect(await madeOf(before.id), `${what}: nothing the cleanup made is left`).toEqual([]);
    expect(await snapshotsOf(before.id), `${what}: its snapshot deleted`).toEqual([]);
  };

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'on' });
    state = mkdtempSync(join(tmpdir(), 'eci-kept-'));
    for (let lane = 0; lane < LANES; lane++) {
      const proxy = new FaultProxy(join(lab.root, `fault-${lane}.sock`), lab.paths.desktopSocket);
      await proxy.start();
      proxies.push(proxy);
    }
  });
  afterAll(async () => {
    for (const p of proxies) await p.stop();
    await lab?.teardown();
    rmSync(state, { recursive: true, force: true });
  });

  /**
   * Plans a re-create of a fresh container and applies it through `proxy`, failing the
   * (skip + 1)-th engine call made once the apply reached the container (after its ECI check).
   * Returns the result (or error), how many calls that part made, and the container's data.
   */
  const applyFailing = async (proxy: FaultProxy, name: string, skip: number, times = 1) => {
    const before = await withData(name);
    const checker = new EciChecker({ ...labConfig(lab), dockerHost: proxy.url });
    try {
      const auditor = new Auditor(checker.engine());
      const audit = await auditor.audit();
      const plan = makePlan({
        containers: audit.containers
          .filter((c) => c.name === name)
          .map((audited) => ({ audited, info: auditor.inspectOf(audited.id)! })),
        choices: new Map(),
        strategy: 'recreate',
        endpoint: proxy.url,
        context: { eciEffective: true, socketMountAllowList: [], createdAt: new Date() },
      });
      expect(
        plan.items.map((i) => [i.name, i.allowed]),
        name,
      ).toEqual([[name, true]]);
      let armedAt = -1;
      const stateDir = mkdtempSync(join(state, 'round-'));
      const result: ApplyResult | Error = await applyPlan(checker, plan, {
        confirmed: true,
        stateDir,
        onProgress: () => {
          if (armedAt >= 0) return;
          armedAt = proxy.seen.length;
          proxy.setRules([
            { path: /.*/, skip, times, fault: { kind: 'status', status: 500, body: '{"message":"injected failure"}' } },
          ]);
        },
      }).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
      const calls = proxy.seen.length - armedAt;
      proxy.setRules([]);
      // Interrupted (the rollback itself failed): the next run finishes it.
      const resumed =
        result instanceof CleanupError ? await applyPlan(checker, plan, { confirmed: true, stateDir }) : null;
      return { before, result, resumed, calls };
    } finally {
      checker.close();
    }
  };

  const isEciSkip = (r: ApplyResult | Error) =>
    !(r instanceof Error) && r.items[0]!.outcome === 'skipped' && /ECI is not verified/.test(r.items[0]!.reason ?? '');

  it.each([
    ['one call', 1],
    ['two calls in a row (the second one puts it back)', 2],
  ])(
    'every engine call of a re-create failed in turn, %s: the original is whole under its name, or the new container is',
    async (_what, times) => {
      // A run without a failure says how many calls there are to fail.
      const clean = await applyFailing(proxies[0]!, `fault-clean-${times}`, 1_000_000);
      expect(clean.result instanceof Error ? clean.result.message : clean.result.items.map((i) => i.outcome)).toEqual([
        'done',
      ]);
      const calls = clean.calls;
      expect(calls).toBeGreaterThan(10);

      const outcomes: string[] = [];
      const round = async (proxy: FaultProxy, k: number) => {
        let name = `fault-${times}-${k}`;
        let run = await applyFailing(proxy, name, k, times);
        // The fault is armed after the ECI check; that check can still miss under load (three lanes
        // probe at once): then the item is skipped before any call of its own, and the round runs again.
        for (let again = 1; again <= 3 && isEciSkip(run.result); again++)
          run = await applyFailing(proxy, (name = `fault-${times}-${k}-${again}`), k, times);
        const { before, result, resumed } = run;
        const last = resumed ?? result;
        const outcome = `${result instanceof Error ? `error: ${result.message}` : `${result.items[0]!.outcome}: ${result.items[0]!.reason ?? ''}`}${resumed ? ` / resumed: ${resumed.items[0]!.outcome}: ${resumed.items[0]!.reason ?? ''}` : ''}`;
        outcomes[k] = outcome;
        const what = `call ${k + 1} of ${calls} failed (${outcome})`;
        if (!(last instanceof Error) && last.items[0]!.outcome === 'done') {
          // The failure hit a call whose effect was checked another way: the new container is whole.
          expect(await named(name), what).toHaveLength(1);
          const info = await inspect(lab.engineHost, name);
          expect(info.Id, what).not.toBe(before.id);
          expect(info.HostConfig.Runtime, what).toBe('sysbox-runc');
          expect(await read(name, '/keep/x'), what).toBe(`${before.layer}\n`);
          expect(await read(name, '/data/v'), what).toBe(`${before.volume}\n`);
          expect(await inspect(lab.engineHost, before.id), what).toBeNull();
        } else {
          if (!(last instanceof Error))
            expect(last.items[0]!.reason, what).toMatch(/nothing was removed: .* is as it was/);
          await expectOriginalWhole(name, before, what);
        }
      };
      const ks = Array.from({ length: calls }, (_, k) => k);
      await Promise.all(
        proxies.map(async (proxy, lane) => {
          for (const k of ks.filter((x) => x % LANES === lane)) await round(proxy, k);
        }),
      );
      // Most failures must have ended in a rollback: the test failed the steps, not only idle reads.
      expect(
        outcomes.filter((o) => o.startsWith('failed') || o.includes('resumed: failed')).length,
        outcomes.join('\n'),
      ).toBeGreaterThan(calls / 2);
    },
    1_200_000,
  );

  const cli = (args: string[], extra: Record<string, string> = {}) =>
    runCli([...args, ...lab.productArgs()], { ...lab.env(), ...extra });
  /** Plans a re-create of `name` and applies it, killed (SIGKILL) at crash point `point`; returns its state folder. */
  const killedAt = async (name: string, point: number) => {
    const own = { ECI_TRAY_STATE_DIR: mkdtempSync(join(state, 'killed-')) };
    const path = join(own.ECI_TRAY_STATE_DIR, 'plan.json');
    const made = await cli(['cleanup', '--plan', '--strategy', 'recreate', '--only', name, '--output', path], own);
    expect(made.code, made.stderr + made.stdout).toBe(0);
    const killed = await cli(['cleanup', '--apply', path, '--yes'], { ...own, ECI_TRAY_TEST_CRASH_AT: String(point) });
    expect(killed.code, `killed at point ${point}: ${killed.stdout}${killed.stderr}`).toBeNull();
    return own;
  };
  const until = async (what: string, ok: () => Promise<boolean>) => {
    for (const deadline = Date.now() + 60_000; !(await ok());) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('a container with --restart always comes back during a quit and reopen and writes more: the resume puts it back instead of removing it', async () => {
    const name = 'always-back';
    const before = await withData(name, { RestartPolicy: { Name: 'always' } });
    // Points: stop, snapshot, verify-snapshot, rename-old, create, start (2 each), then 13: the
    // removal's "started" record is on disk, the old container (renamed, stopped) not yet removed.
    const own = await killedAt(name, 13);
    expect((await inspect(lab.engineHost, before.id)).State.Running).toBe(false);
    await lab.switchTo('on'); // a full quit and reopen: the engine restarts, `always` brings it back
    await until(
      'the original to run again',
      async () => (await inspect(lab.engineHost, before.id))?.State?.Running === true,
    );
    const later = token();
    await execIn(lab.engineHost, before.id, ['sh', '-c', `echo ${later} > /keep/later`]);

    const resumed = await cli(['cleanup', '--resume', '--yes'], own);
    expect(resumed.code, resumed.stderr + resumed.stdout).toBe(21);
    expect(resumed.stdout).toMatch(
      /it is running again since the cleanup stopped it .*nothing was removed: always-back is as it was/,
    );
    await expectOriginalWhole(name, before, 'after the resume');
    expect(await read(name, '/keep/later'), 'written after the quit and reopen').toBe(`${later}\n`);
  }, 300_000);

  it('ECI off by the time a re-create is resumed: it is put back as it was, not re-created without ECI', async () => {
    const name = 'eci-went-off';
    // No volume: the lab's ECI-off engine does not see volumes made by its ECI-on one.
    const before = await withData(name, {}, false);
    // Point 5: the snapshot is taken, its check has started.
    const own = await killedAt(name, 5);
    await lab.switchTo('off');
    try {
      const resumed = await cli(['cleanup', '--resume', '--yes'], own);
      expect(resumed.code, resumed.stderr + resumed.stdout).toBe(21);
      expect(resumed.stdout).toMatch(
        /ECI is not verified in effect now, so a re-created container would still run without it.*nothing was removed: eci-went-off is as it was/,
      );
      await expectOriginalWhole(name, before, 'after the resume without ECI');
      expect((await inspect(lab.engineHost, name)).HostConfig.Runtime).toBe('runc');
    } finally {
      await lab.switchTo('on');
    }
  }, 300_000);
});
