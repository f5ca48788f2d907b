// The monitor's grace period when a verification finds the engine gone before the event stream
// says so (a stream the engine ends is reopened a second later, and only that attempt fails).
// Seen on the lab under load: a verification still settling after the engine came back ran into
// the next stop and said "unreachable" at once.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unreachableEvidence, type EngineEvidence } from '../verify/assemble-report';
import {
  monitorHarness,
  NO_SOCKET,
  outsideEci,
  reachableEvidence,
  type MonitorHarness,
} from './testing/monitor-harness';

const GRACE_MS = 400;

describe('Monitor: an engine a verification finds gone gets its grace period', () => {
  let h: MonitorHarness;
  beforeEach(() => {
    h = monitorHarness({ graceMs: GRACE_MS, containerDebounceMs: 20 });
  });
  afterEach(() => h.close());

  it('the stream has not noticed: within the grace period, then unreachable; the stream noticing later adds nothing', async () => {
    const first = await h.monitor.start();
    expect(first?.engine.connected).toBe(true);
    expect(first?.report.verdict).not.toBe('engine-unreachable');
    const verdictBefore = first!.report.verdict;

    h.engine.away = true;
    h.verifyAnswers.push(() => unreachableEvidence(`ping: ${NO_SOCKET}`));
    const lostAt = Date.now();
    const lost = await h.monitor.check();
    expect(lost?.engine.connected).toBe(false);
    expect(lost?.report.verdict).toBe(verdictBefore);
    expect(lost?.advice).toContain('engine-reconnecting');

    // Now the stream ends; its reopening fails: the engine is already away, its clock unchanged.
    h.engine.stream?.end();
    const down = await h.waitFor((s) => s.report.verdict === 'engine-unreachable');
    expect(down.at - lostAt).toBeGreaterThanOrEqual(GRACE_MS);
    expect(down.state.engine.lostSince).toBe(lost?.engine.lostSince);
    expect(down.state.report.reason).toContain('no engine socket');
    expect(h.states.filter((s) => s.state.trigger === 'engine-lost')).toEqual([]);
  });

  it('the engine answers again at the end of the grace period: verified again, not unreachable, no restart counted', async () => {
    await h.monitor.start();
    h.verifyAnswers.push(() => unreachableEvidence('ping: timed out after 5 s'));
    const lost = await h.monitor.check();
    expect(lost?.engine.connected).toBe(false);

    const again = await h.waitFor((s) => s.trigger === 'engine-back' && s.engine.connected);
    expect(again.state.engine.restarts).toBe(0);
    expect(again.state.report.verdict).not.toBe('engine-unreachable');
    await new Promise((r) => setTimeout(r, GRACE_MS));
    expect(h.states.some((s) => s.state.report.verdict === 'engine-unreachable')).toBe(false);
  });

  it('the stream comes back first: connected again, counted as a restart, no unreachable after the period', async () => {
    await h.monitor.start();
    h.engine.away = true;
    h.verifyAnswers.push(() => unreachableEvidence(`ping: ${NO_SOCKET}`));
    await h.monitor.check();
    const opened = h.engine.streamsOpened;
    h.engine.stream?.end();
    h.engine.away = false;
    const back = await h.waitFor((s) => s.engine.connected && s.engine.restarts === 1);
    expect(h.engine.streamsOpened).toBeGreaterThan(opened);
    expect(back.state.report.verdict).not.toBe('engine-unreachable');
    await new Promise((r) => setTimeout(r, GRACE_MS + 100));
    expect(h.states.some((s) => s.state.report.verdict === 'engine-unreachable')).toBe(false);
  });

  it('a verification that looked while the engine was away, ending after it came back: neither lost nor unreachable', async () => {
    await h.monitor.start();
    const held: { release?: (e: EngineEvidence) => void } = {};
    h.verifyAnswers.push(() => new Promise<EngineEvidence>((r) => (held.release = r)));
    const checked = h.monitor.check();
    while (!held.release) await new Promise((r) => setTimeout(r, 5));

    // The engine goes (the stream ends, its reopening fails) and comes back while the check waits.
    h.engine.away = true;
    h.engine.stream?.end();
    await h.waitFor((s) => !s.engine.connected);
    const opened = h.engine.streamsOpened;
    h.engine.away = false;
    // Back: a stream is open again (its verification waits behind the held one).
    while (h.engine.streamsOpened === opened) await new Promise((r) => setTimeout(r, 5));
    const from = h.states.length;
    held.release(unreachableEvidence(`ping: ${NO_SOCKET}`));
    const answered = await checked;
    expect(answered?.engine).toMatchObject({ connected: true, restarts: 1 });
    expect(answered?.report.verdict).not.toBe('engine-unreachable');
    await new Promise((r) => setTimeout(r, GRACE_MS + 100));
    expect(
      h.states.slice(from).filter((s) => !s.state.engine.connected || s.state.report.verdict === 'engine-unreachable'),
    ).toEqual([]);
  });

  it('container events after the engine came back wait for its verification: nothing shown from the old evidence', async () => {
    await h.monitor.start();
    h.engine.away = true;
    h.engine.stream?.end();
    await h.waitFor((s) => !s.engine.connected);
    const held: { release?: (e: EngineEvidence) => void } = {};
    h.verifyAnswers.push(() => new Promise<EngineEvidence>((r) => (held.release = r)));
    h.engine.away = false;
    while (!held.release) await new Promise((r) => setTimeout(r, 5)); // back, and verifying

    const from = h.states.length;
    h.containers = { list: [outsideEci('made-after-the-return')] };
    h.engine.containerEvent();
    await new Promise((r) => setTimeout(r, 200)); // past the 20 ms debounce
    expect(h.states.slice(from).map((s) => s.state.trigger)).toEqual([]);
    held.release(reachableEvidence());
    const verified = await h.waitFor((s) => s.trigger === 'engine-back');
    expect(verified.state.engine).toMatchObject({ connected: true, restarts: 1 });
    expect(verified.state.report.unprotectedContainers.map((c) => c.name)).toEqual(['made-after-the-return']);

    // Verified: container events are shown again.
    h.containers = { list: [] };
    h.engine.containerEvent('die');
    const shown = await h.waitFor((s) => s.seq > verified.state.seq && s.trigger === 'containers');
    expect(shown.state.report.unprotectedContainers).toEqual([]);
  });
});
