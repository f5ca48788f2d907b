// `eci-tray doctor` on the lab: a container holds a secret in its name, environment, labels,
// command and a mounted path's name, and a second one carrying it is started while the doctor
// watches (so it reaches the event stream too). The trace file holds the secret nowhere, is 0600,
// refuses a symbolic link at --out, and, replayed as Docker Desktop, gives the verdict the
// machine gave.

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrace, type Trace } from '../../main/core/trace/trace-format';
import { Lab } from '../lab/lab';
import { createTraceReplay, settingsFor } from '../lab/trace-replay';
import { checkJson, createContainer, runCli } from './helpers';

const SECRET = `s3cr3t${randomBytes(6).toString('hex')}`;
const KEEP_RUNNING = ['sh', '-c', `trap 'exit 0' TERM; sleep 3600 & wait # ${SECRET}`];

describe('eci-tray doctor', () => {
  let lab: Lab;
  let dir: string;

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'off' });
    dir = mkdtempSync(join(tmpdir(), 'eci-trace-'));
    const mounted = join(dir, `data-${SECRET}`);
    mkdirSync(mounted);
    await createContainer(lab.engineHost, `app-${SECRET}`, {
      Image: lab.probeImage,
      Cmd: KEEP_RUNNING,
      Env: [`API_TOKEN=${SECRET}`, `${SECRET}_KEY=1`],
      Labels: { [`com.example.${SECRET}`]: 'x', owner: SECRET },
      HostConfig: { Binds: [`${mounted}:/mnt/${SECRET}`] },
    });
  });
  afterAll(async () => {
    await lab?.teardown();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes a 0600 trace that holds no secret, recorded through a check and a watch', async () => {
    const out = join(dir, 'trace.json');
    const doctor = runCli(['doctor', '--out', out, '--minutes', '0.25', ...lab.productArgs()], lab.env());
    // Once the watch holds its event stream, a container named after the secret comes and goes.
    const from = Date.now();
    while (!lab.requests().some((r) => r.at >= from - 60_000 && r.method === 'GET' && r.path.includes('/events')))
      await new Promise((r) => setTimeout(r, 100));
    await createContainer(lab.engineHost, `later-${SECRET}`, {
      Image: lab.probeImage,
      Cmd: KEEP_RUNNING,
      Labels: { note: SECRET },
    });
    const r = await doctor;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Trace written to ${out}`);

    const text = readFileSync(out, 'utf8');
    expect(text.toLowerCase()).not.toContain(SECRET.toLowerCase());
    expect(text).not.toContain(hostname());
    expect(text).not.toContain(dir);
    expect(text).not.toContain(lab.root);
    expect(statSync(out).mode & 0o777).toBe(0o600);

    const trace = parseTrace(text);
    expect(trace.outcome.check).toBe('off');
    // The shape is kept: the containers are listed (two of ours, stand-ins for every name).
    const lists = trace.calls.filter(
      (c) => c.method === 'GET' && c.path === '/containers/json' && c.query.join() === 'all',
    );
    expect(lists.length).toBeGreaterThan(0);
    expect((lists.at(-1)?.body as unknown[]).length).toBeGreaterThanOrEqual(1);
    // Facts a verdict rests on are kept as they were.
    const version = trace.calls.find((c) => c.path === '/version')?.body as { Platform?: { Name?: string } };
    expect(version.Platform?.Name).toMatch(/^Docker Desktop \d+\.\d+\.\d+/);
    const logs = trace.calls.find((c) => c.path.endsWith('/logs'))?.body as { $output: { stdout: string } };
    expect(logs.$output.stdout.trim()).toMatch(/^0\s+0\s+4294967295$/);
    // The watch's event stream saw the new container's events.
    const events = trace.calls.filter((c) => c.path === '/events').flatMap((c) => c.stream?.events ?? []);
    expect(events.some((e) => e.Type === 'container' && e.Action === 'create')).toBe(true);
    // The lab plays Desktop's process (its proxy): seen, with a start time and no pid or path.
    expect(trace.processes.list?.length).toBeGreaterThan(0);
    expect(Object.keys(trace.processes.list?.[0] ?? {}).sort()).toEqual(['name', 'startedAt']);
    expect(trace.settings.files.map((f) => f.role)).toEqual(['admin', 'user', 'registry']);
  });

  it('refuses a symbolic link at --out and leaves its target alone (exit 40)', async () => {
    const target = join(dir, 'target.txt');
    writeFileSync(target, 'untouched');
    const link = join(dir, 'link.json');
    symlinkSync(target, link);
    const r = await runCli(['doctor', '--out', link, '--minutes', '0', ...lab.productArgs()], lab.env());
    expect(r.code).toBe(40);
    expect(r.stderr).toContain('symbolic link');
    expect(readFileSync(target, 'utf8')).toBe('untouched');
  });

  it('a trace replayed as Docker Desktop gives the verdict the machine gave', async () => {
    lab.writeAdminPolicy(true, true);
    try {
      const out = join(dir, 'pending.json');
      const r = await runCli(['doctor', '--out', out, '--minutes', '0', ...lab.productArgs()], lab.env());
      expect(r.code, r.stderr).toBe(0);
      const trace: Trace = parseTrace(readFileSync(out, 'utf8'));
      expect(trace.outcome.check).toBe('pending-restart');
      const socket = join(dir, 'replay.sock');
      const { server, stats } = createTraceReplay(trace);
      await new Promise<void>((resolve) => server.listen(socket, resolve));
      try {
        const files = settingsFor(trace, join(dir, 'replay-settings'));
        const replayed = await checkJson([
          '--docker-host',
          `unix://${socket}`,
          '--admin-settings',
          files.adminSettings,
          '--user-settings',
          files.userSettings,
          '--probe-image',
          trace.probeImage,
        ]);
        expect(stats.unmatched).toEqual([]);
        expect(replayed.report.verdict).toBe('pending-restart');
      } finally {
        server.close();
      }
    } finally {
      lab.removeAdminSettings();
    }
  });
});
