// The sweep of leftover probe containers, against a small fake engine: what it removes and what it
// must leave alone, above all a probe of this process's verification under way whose create is
// still on the way (the engine lists a container before the create's answer arrives here).

import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { ContainerListEntry, EngineClient } from '../engine/engine-client';
import {
  PROBE_LABEL,
  PROBE_MAX_AGE_MS,
  PROBE_OWNER_LABEL,
  PROBE_RUN_LABEL,
  probeLabels,
  sweepLeftoverProbes,
  withProbeRun,
} from './probe-containers';

const NOW = Date.parse('2026-12-03T12:00:00Z');
/** No process has this pid: Linux caps pids at 2^22. */
const DEAD_PID = 2 ** 22 + 7;

const probe = (id: string, owner: string, ageMs = 1_000, run = 'a-run-that-ended'): ContainerListEntry =>
  ({
    Id: id,
    Names: [`/${id}`],
    Labels: { [PROBE_LABEL]: 'isolation', [PROBE_OWNER_LABEL]: owner, [PROBE_RUN_LABEL]: run },
    Created: Math.floor((NOW - ageMs) / 1000),
  }) as unknown as ContainerListEntry;

/** An engine that lists these probes and records what is removed. */
function engine(list: ContainerListEntry[]) {
  const removed: string[] = [];
  const client = {
    listContainers: () => Promise.resolve(list),
    removeContainer: (id: string) => {
      removed.push(id);
      return Promise.resolve();
    },
  } as unknown as EngineClient;
  return { client, removed };
}

const me = `${hostname()}:${process.pid}`;

describe('sweeping leftover probes', () => {
  it.each([
    ["this process's own, not in flight (a removal that failed earlier)", probe('own', me), true],
    ['of a process that has exited', probe('dead', `${hostname()}:${DEAD_PID}`), true],
    ['of a live process on this machine (a concurrent check)', probe('live', `${hostname()}:${process.ppid}`), false],
    ["of another machine's engine client, recent", probe('remote', 'elsewhere:12'), false],
    [
      "of another machine's engine client, older than the limit",
      probe('old', 'elsewhere:12', PROBE_MAX_AGE_MS + 1),
      true,
    ],
    ['with no owner label', { ...probe('anon', me), Labels: { [PROBE_LABEL]: 'isolation' } }, true],
  ] as const)('%s: removed %s', async (_what, entry, expected) => {
    const e = engine([entry]);
    expect(await sweepLeftoverProbes(e.client, NOW)).toEqual(expected ? [entry.Id] : []);
    expect(e.removed).toEqual(expected ? [entry.Id] : []);
  });

  it("never removes a probe of this process's verification under way; once it ends, a copy left is a leftover", async () => {
    let listed: ContainerListEntry[] = [];
    const e = engine(listed);
    await withProbeRun(async (run) => {
      // The engine made the container and lists it; its create's answer has not arrived yet.
      listed = [{ ...probe('mine', me), Labels: probeLabels('isolation', run) }];
      e.client.listContainers = () => Promise.resolve(listed);
      expect(await sweepLeftoverProbes(e.client, NOW)).toEqual([]);
    });
    expect(await sweepLeftoverProbes(e.client, NOW)).toEqual(['mine']);
  });

  it('spares the probes of the run under way (whatever their age) and only those: one of an earlier run is swept meanwhile', async () => {
    await withProbeRun(async (run) => {
      const e = engine([
        probe('earlier', me),
        probe('current', me, 1_000, run),
        probe('ancient', `${hostname()}:${DEAD_PID}`, PROBE_MAX_AGE_MS + 1, run),
      ]);
      expect((await sweepLeftoverProbes(e.client, NOW)).sort()).toEqual(['earlier']);
    });
  });

  it('a verification that fails ends its run all the same', async () => {
    let run = '';
    await expect(
      withProbeRun((r) => {
        run = r;
        return Promise.reject(new Error('engine gone'));
      }),
    ).rejects.toThrow('engine gone');
    const e = engine([probe('left', me, 1_000, run)]);
    expect(await sweepLeftoverProbes(e.client, NOW)).toEqual(['left']);
  });

  it('labels each probe with its owner and its run', () => {
    expect(probeLabels('host-pid', 'r1')).toEqual({
      [PROBE_LABEL]: 'host-pid',
      [PROBE_OWNER_LABEL]: me,
      [PROBE_RUN_LABEL]: 'r1',
    });
  });
});
