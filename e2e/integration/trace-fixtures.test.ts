// Every trace in e2e/fixtures/traces/ is a test: the lab replays it as Docker Desktop
// (e2e/lab/trace-replay.ts), with settings files asking for what the traced machine's asked for,
// and `eci-tray check` must give the fixture's expected verdict (expected.json), with every
// request it sends answered from the trace.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VERDICTS, type Verdict } from '../../main/core/model';
import { parseTrace } from '../../main/core/trace/trace-format';
import { REPO_ROOT } from '../lab/lab-paths';
import { createTraceReplay, engineAnswered, settingsFor } from '../lab/trace-replay';
import { checkJson, CLI } from './helpers';

const FIXTURES = join(REPO_ROOT, 'e2e', 'fixtures', 'traces');

interface Expected {
  check: Verdict;
  /** `eci-tray watch` on the replay, until it has opened the event stream `streams` times: every state's verdict is one of these. */
  /** `parks`: after those streams it opens no more for a while (Resource Saver: it stops reopening). */
  watch?: { streams: number; verdicts: Verdict[]; parks?: boolean };
}

const fixtures = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('trace fixtures replayed as Docker Desktop', () => {
  const work = mkdtempSync(join(tmpdir(), 'eci-trace-replay-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('there are fixtures, each with a trace, an expected verdict and a README naming its source', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
    for (const name of fixtures) {
      const dir = join(FIXTURES, name);
      const trace = parseTrace(readFileSync(join(dir, 'trace.json'), 'utf8'));
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
      expect(VERDICTS, `${name}/expected.json`).toContain(expected.check);
      expect(existsSync(join(dir, 'README.md')), `${name}/README.md`).toBe(true);
      // A hand-made trace says so and names the public reports it plays.
      if (trace.handWritten) {
        expect(trace.handWritten.sources.length, name).toBeGreaterThan(0);
        const readme = readFileSync(join(dir, 'README.md'), 'utf8');
        for (const source of trace.handWritten.sources) expect(readme, `${name}/README.md`).toContain(source);
      }
    }
  });

  it.each(fixtures)('%s: eci-tray check gives the expected verdict', async (name) => {
    const dir = join(FIXTURES, name);
    const trace = parseTrace(readFileSync(join(dir, 'trace.json'), 'utf8'));
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    const socket = join(work, `${name}.sock`);
    const files = settingsFor(trace, join(work, name));
    const { server, stats } = createTraceReplay(trace);
    // A trace in which no engine ever answered is played as no engine: nothing listens.
    if (engineAnswered(trace)) await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      const r = await checkJson([
        '--docker-host',
        `unix://${socket}`,
        '--admin-settings',
        files.adminSettings,
        '--user-settings',
        files.userSettings,
        '--probe-image',
        trace.probeImage,
      ]);
      expect(r.report.verdict, r.report.reason).toBe(expected.check);
      expect(r.report.verdict).toBe(trace.outcome.check);
      expect(stats.unmatched).toEqual([]);
    } finally {
      server.close();
    }
  });

  const watched = fixtures.filter(
    (name) => (JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')) as Expected).watch,
  );
  it.each(watched)('%s: eci-tray watch stays right', async (name) => {
    const dir = join(FIXTURES, name);
    const trace = parseTrace(readFileSync(join(dir, 'trace.json'), 'utf8'));
    const expected = (JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected).watch!;
    const socket = join(work, `${name}-watch.sock`);
    const files = settingsFor(trace, join(work, `${name}-watch`));
    const { server, stats } = createTraceReplay(trace);
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    const args = [
      'watch',
      '--json',
      '--no-notify',
      '--docker-host',
      `unix://${socket}`,
      '--admin-settings',
      files.adminSettings,
      '--user-settings',
      files.userSettings,
      '--probe-image',
      trace.probeImage,
    ];
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (c) => (stdout += c));
    const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
    try {
      // Until the replay has played the event stream as often as asked, and a state was printed.
      const deadline = Date.now() + 120_000;
      while (stats.answered.filter((a) => a === 'GET /events').length < expected.streams || !stdout.includes('\n')) {
        if (Date.now() > deadline)
          throw new Error(`watch did not get there: ${stats.answered.length} answers, output ${stdout.slice(0, 200)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      if (expected.parks) {
        // The backoff alone would reopen within seconds; a parked stream stays closed.
        await new Promise((r) => setTimeout(r, 5_000));
        expect(stats.answered.filter((a) => a === 'GET /events')).toHaveLength(expected.streams);
      }
    } finally {
      child.kill('SIGTERM');
      await closed;
      server.close();
    }
    const verdicts = stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { verdict: Verdict }).verdict);
    expect(verdicts.length).toBeGreaterThan(0);
    for (const v of verdicts) expect(expected.verdicts).toContain(v);
    expect(stats.unmatched).toEqual([]);
  });
});
