// An engine that answers slowly, not at all, or with garbage: every call times out or fails with a
// clear error, the check ends within its timeout, no probe container is left behind, and the
// verdict is never "protected" on partial evidence. The lab runs with ECI on, so a correct,
// complete check would say "protected".

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy, type FaultRule } from '../lab/fault-proxy';
import { Lab } from '../lab/lab';
import { checkJson, probeContainers } from './helpers';

describe('a misbehaving engine', () => {
  let lab: Lab;
  let proxy: FaultProxy;
  const args = (timeout = 4) => [
    '--docker-host',
    proxy.url,
    '--admin-settings',
    lab.paths.adminSettings,
    '--user-settings',
    lab.paths.userSettings,
    '--probe-image',
    lab.probeImage,
    '--timeout',
    String(timeout),
  ];

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'on' });
    proxy = new FaultProxy(join(lab.root, 'fault.sock'), lab.paths.desktopSocket);
    await proxy.start();
  });
  afterAll(async () => {
    await proxy?.stop();
    await lab?.teardown();
  });

  it('slow but correct answers: still protected, just later', async () => {
    proxy.setRules([{ path: /.*/, fault: { kind: 'delay', ms: 150 } }]);
    const { report, ms } = await checkJson(args(20));
    expect(report.verdict).toBe('protected');
    expect(ms).toBeGreaterThan(600);
  });

  const faults: Array<[string, FaultRule[], string, RegExp]> = [
    [
      'no answer to ping',
      [{ method: 'GET', path: /^\/_ping$/, fault: { kind: 'stall' } }],
      'engine-unreachable',
      /did not answer within/,
    ],
    [
      'no answer to container create',
      [{ method: 'POST', path: /^\/containers\/create$/, fault: { kind: 'stall' } }],
      'unknown',
      /did not answer within|did not finish within/,
    ],
    [
      'truncated JSON for /version',
      [{ method: 'GET', path: /^\/version$/, fault: { kind: 'truncate' } }],
      'unknown',
      /identity/,
    ],
    [
      'an HTML page instead of /info',
      [{ method: 'GET', path: /^\/info$/, fault: { kind: 'html' } }],
      'unknown',
      /identity/,
    ],
    [
      'an HTML page instead of container inspect',
      [{ method: 'GET', path: /^\/containers\/[^/]+\/json$/, fault: { kind: 'html' } }],
      'unknown',
      /runtime/,
    ],
    [
      'HTTP 500 on every create',
      [{ method: 'POST', path: /^\/containers\/create$/, fault: { kind: 'status', status: 500 } }],
      'unknown',
      /injected failure/,
    ],
    [
      'HTTP 500 on start',
      [{ method: 'POST', path: /^\/containers\/[^/]+\/start$/, fault: { kind: 'status', status: 500 } }],
      'unknown',
      /injected failure/,
    ],
    [
      'HTTP 500 on the container list',
      [{ method: 'GET', path: /^\/containers\/json$/, fault: { kind: 'status', status: 500 } }],
      'unknown',
      /containers could not be listed/,
    ],
    [
      'garbage from container wait',
      [{ method: 'POST', path: /^\/containers\/[^/]+\/wait$/, fault: { kind: 'truncate' } }],
      'unknown',
      /uid-map/,
    ],
    [
      'an HTML page instead of the logs',
      [{ method: 'GET', path: /^\/containers\/[^/]+\/logs$/, fault: { kind: 'html' } }],
      'unknown',
      /uid_map|uid-map/,
    ],
    [
      'HTTP 502 from a broken gateway on /version',
      [{ method: 'GET', path: /^\/version$/, fault: { kind: 'status', status: 502, body: '<html>502</html>' } }],
      'unknown',
      /502/,
    ],
  ];

  it.each(faults)(
    '%s: never protected, within the timeout, nothing left behind',
    async (_name, rules, verdict, why) => {
      proxy.setRules(rules);
      const { code, report, ms } = await checkJson(args(4));
      proxy.setRules([]);
      expect(report.verdict).toBe(verdict);
      expect(report.verdict).not.toBe('protected');
      expect(code).not.toBe(0);
      expect(
        `${report.reason} ${report.engine.error ?? ''} ${report.checks.map((c: { observation: string }) => c.observation).join(' ')}`,
      ).toMatch(why);
      expect(ms).toBeLessThan(9_000);
      // Removals may still be finishing on the engine: the next clean check sweeps what is left.
      const { report: after } = await checkJson(args(20));
      expect(after.verdict).toBe('protected');
      expect(await probeContainers(lab.engineHost)).toEqual([]);
    },
  );
});
