// Issue 4's benchmark: audit time for 10, 100 and 500 containers on the lab, first audit and
// re-audit, with the Engine API calls each made. Targets: a re-audit with nothing new makes one
// list call and no inspect call; the first audit grows linearly.

import { Auditor } from '../main/core/cleanup/audit';
import type { Audit } from '../main/core/cleanup/audit-model';
import { mapLimit } from '../main/core/verify/containers';
import { EngineClient } from '../main/core/engine/engine-client';
import { Lab } from '../e2e/lab/lab';
import { engineApi } from '../e2e/integration/helpers';
import { timeIt, type Figure } from './measure';

const SIZES = (process.env['BENCH_AUDIT_SIZES'] ?? '10,100,500').split(',').map(Number);

export async function auditBenchmarks(log: (s: string) => void): Promise<Figure[]> {
  const lab = await Lab.start({ mode: 'off' });
  const figures: Figure[] = [];
  try {
    let made = 0;
    let perContainerAt10 = 0;
    for (const n of SIZES) {
      await mapLimit(
        Array.from({ length: n - made }, (_, i) => made + i),
        4,
        (i) =>
          engineApi(lab.dockerHost, 'POST', `/containers/create?name=bench-${i}`, {
            Image: lab.probeImage,
            Cmd: ['true'],
            Labels: { bench: String(i) },
            HostConfig: { NetworkMode: 'none' },
          }),
      );
      made = n;
      // One warm-up audit with its own cache, so the engine's own caches are warm for both.
      const warm = new EngineClient({ connection: { socketPath: lab.paths.desktopSocket } });
      await new Auditor(warm).audit();
      warm.close();
      const client = new EngineClient({ connection: { socketPath: lab.paths.desktopSocket } });
      const auditor = new Auditor(client);
      let first!: Audit;
      let again!: Audit;
      const t1 = await timeIt(async () => {
        first = await auditor.audit();
      });
      const t2 = await timeIt(async () => {
        again = await auditor.audit();
      });
      client.close();
      if (first.containers.length !== n)
        throw new Error(`audited ${first.containers.length} containers, expected ${n}`);
      const calls = (a: Audit) =>
        Object.entries(a.apiCalls)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ');
      log(`audit of ${n}: first ${t1.toFixed(0)} ms (${calls(first)}), re-audit ${t2.toFixed(0)} ms (${calls(again)})`);
      if (n === SIZES[0]) perContainerAt10 = t1 / n;
      const inspects = again.apiCalls['container-inspect'] ?? 0;
      const lists = again.apiCalls['container-list'] ?? 0;
      figures.push({
        name: `first audit of ${n} containers`,
        value: t1,
        unit: 'ms',
        note: `${calls(first)}; ${(t1 / n).toFixed(1)} ms per container`,
      });
      figures.push({
        name: `re-audit of ${n} containers, API calls beyond one list`,
        value: inspects + Math.max(0, lists - 1),
        unit: 'calls',
        target: { max: 0, of: 'value' },
        note: `${t2.toFixed(0)} ms; ${calls(again)}`,
        limitedBy: 'one list call with sizes; inspect data is cached by container id.',
      });
      if (n !== SIZES[0]) {
        figures.push({
          name: `first audit per container at ${n} vs at ${SIZES[0]}`,
          value: t1 / n,
          unit: 'ms',
          anchor: { name: `per container at ${SIZES[0]}`, value: perContainerAt10 },
          target: { max: 2, of: 'ratio' },
          note: 'linear growth keeps this ratio near 1',
          limitedBy: 'one inspect per container, one at a time (dockerd serialises inspects).',
        });
      }
    }
  } finally {
    await lab.teardown();
  }
  return figures;
}
