// Settings read while a slow verification runs: the verification read them when it started, and
// its older snapshot must not be shown over the newer one. Seen on the lab under load: a file made
// unreadable started a verification whose probe took seconds; two changes later, it ended and
// showed "Permission denied" again.

import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineEvidence } from '../verify/assemble-report';
import type { MonitorState } from './monitor-state';
import { monitorHarness, reachableEvidence, type MonitorHarness } from './testing/monitor-harness';

const adminPolicy = (value: boolean) =>
  JSON.stringify({ configurationFileVersion: 2, enhancedContainerIsolation: { value, locked: true } });

describe('Monitor: the newest settings read is the one shown', () => {
  let h: MonitorHarness;
  beforeEach(() => {
    h = monitorHarness({ settingsDebounceMs: 20 });
  });
  afterEach(() => h.close());

  const adminProblems = (s: MonitorState) => s.report.settingsProblems.filter((p) => p.file === h.adminSettings);

  it('a verification ending after a later change keeps the later settings', async () => {
    writeFileSync(h.adminSettings, adminPolicy(true));
    await h.monitor.start();

    // The verification this change starts is held until the next change has been read and shown.
    const held: { release?: (e: EngineEvidence) => void } = {};
    h.verifyAnswers.push(() => new Promise<EngineEvidence>((r) => (held.release = r)));
    writeFileSync(h.adminSettings, '{ "enhancedContainerIsolation": ');
    await h.waitFor((s) => adminProblems(s).some((p) => p.kind === 'invalid-json'));
    // The held verification has started: it read the broken file first.
    while (!held.release) await new Promise((r) => setTimeout(r, 5));

    writeFileSync(h.adminSettings, adminPolicy(false));
    const fixed = await h.waitFor(
      (s) =>
        adminProblems(s).length === 0 && s.report.desired.eci === false && s.report.desired.source === 'admin-locked',
    );
    const from = h.states.indexOf(fixed);
    held.release(reachableEvidence());
    await h.monitor.check(); // the held verification, then the one queued behind it, have ended

    const after = h.states.slice(from + 1).map((s) => s.state);
    expect(after.length).toBeGreaterThan(0);
    for (const s of after) {
      expect(adminProblems(s)).toEqual([]);
      expect(s.report.desired).toMatchObject({ eci: false, source: 'admin-locked' });
    }
  });
});
