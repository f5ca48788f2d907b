// Makes the seed fixtures of e2e/fixtures/traces/: each plays a public report of Docker Desktop
// behaviour. No recording from a real machine showing them exists yet, so each is recorded with
// `eci-tray doctor` on the engine lab set up like the report, then edited by hand where the lab
// cannot play it (named in the fixture's `handWritten.note` and its README). Run after
// `npm run build`: `npx tsx scripts/record-trace-fixtures.ts` (overwrites trace.json files).

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTrace, type Trace } from '../main/core/trace/trace-format';
import { Lab } from '../e2e/lab/lab';
import { REPO_ROOT } from '../e2e/lab/lab-paths';

const CLI = join(REPO_ROOT, 'dist', 'bin', 'eci-tray.js');
const FIXTURES = join(REPO_ROOT, 'e2e', 'fixtures', 'traces');
const work = mkdtempSync(join(tmpdir(), 'eci-trace-fixtures-'));

function doctor(args: string[], env: Record<string, string>): Trace {
  const out = join(work, `t${Date.now()}.json`);
  const r = spawnSync(process.execPath, [CLI, 'doctor', '--out', out, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(`doctor exited ${r.status}: ${r.stderr}`);
  return parseTrace(readFileSync(out, 'utf8'));
}

function save(name: string, trace: Trace, handWritten: NonNullable<Trace['handWritten']>): void {
  const dir = join(FIXTURES, name);
  mkdirSync(dir, { recursive: true });
  const { format, version, ...rest } = trace;
  writeFileSync(join(dir, 'trace.json'), JSON.stringify({ format, version, handWritten, ...rest }, null, 2) + '\n');
  process.stdout.write(`${name}: ${trace.calls.length} calls, verdict ${trace.outcome.check}\n`);
}

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

async function main(): Promise<void> {
  const lab = await Lab.start({ mode: 'on' });
  try {
    lab.writeAdminPolicy(true, true);

    // docker/for-mac#7158: in Resource Saver, `docker events` ends at once.
    const saver = doctor(['--minutes', '0.1', ...lab.productArgs()], lab.env());
    for (const call of saver.calls)
      if (call.path === '/events' && call.stream) call.stream = { events: [], endedAfterMs: 0 };
    save('resource-saver-events-end', saver, {
      sources: ['https://github.com/docker/for-mac/issues/7158'],
      note: 'Recorded on the engine lab (ECI on, admin policy on, locked) with a check and 6 s of watching; then every events stream was edited to end at once with no event, as the report describes for Resource Saver.',
    });

    // docker/desktop-feedback#406: a container list call woke the VM.
    lab.sleep({ quietMs: 60_000, wakeMs: 7_000, wakeOn: 'any' });
    const wake = doctor(['--minutes', '0', ...lab.productArgs()], lab.env());
    lab.unpause();
    save('list-call-wakes-vm', wake, {
      sources: ['https://github.com/docker/desktop-feedback/issues/406'],
      note: "Recorded on the engine lab's Resource Saver personality (ECI on, admin policy on, locked): the VM was asleep and any call woke it, 7 s; the first ping timed out (5 s) while it woke. No hand edit.",
    });
  } finally {
    await lab.teardown();
  }

  // docker/for-win#14950 and #14700: a BOM in registry.json stops Desktop's backend.
  const settingsDir = join(work, 'ProgramData-DockerDesktop');
  mkdirSync(settingsDir, { recursive: true });
  writeFileSync(
    join(settingsDir, 'admin-settings.json'),
    JSON.stringify({ configurationFileVersion: 2, enhancedContainerIsolation: { value: true, locked: true } }),
  );
  writeFileSync(join(settingsDir, 'registry.json'), '\uFEFF' + JSON.stringify({ allowedOrgs: ['example'] }));
  const bom = doctor(
    [
      '--minutes',
      '0',
      '--docker-host',
      `unix://${join(work, 'no-engine.sock')}`,
      '--admin-settings',
      join(settingsDir, 'admin-settings.json'),
      '--user-settings',
      join(work, 'none.json'),
    ],
    {},
  );
  bom.machine = { ...bom.machine, platform: 'win32', release: '10.0.22631', arch: 'x64' };
  save('bom-in-registry-json', bom, {
    sources: ['https://github.com/docker/for-win/issues/14950', 'https://github.com/docker/for-win/issues/14700'],
    note: "Recorded with no engine behind the socket and a registry.json starting with a UTF-8 BOM beside admin-settings.json (ECI on, locked); then the machine facts were set to Windows 11, where the reports were made. Desktop's backend does not start, so no engine answers.",
  });

  // docker/for-win#14760 and #14340: com.docker.backend survives a quit.
  const quit = await Lab.start({ mode: 'off' });
  try {
    quit.writeAdminPolicy(true, true);
    const survived = doctor(['--minutes', '0', ...quit.productArgs()], quit.env());
    const changed = survived.settings.files.find((f) => f.role === 'admin');
    if (changed) changed.modifiedAt = minutesAgo(30);
    survived.machine = { ...survived.machine, platform: 'win32', release: '10.0.22631', arch: 'x64' };
    survived.processes = {
      list: [
        { name: 'Docker Desktop', startedAt: minutesAgo(5) },
        { name: 'com.docker.build', startedAt: minutesAgo(5) },
        { name: 'com.docker.backend', startedAt: minutesAgo(120) },
      ],
    };
    save('backend-survives-quit', survived, {
      sources: ['https://github.com/docker/for-win/issues/14760', 'https://github.com/docker/for-win/issues/14340'],
      note: 'Recorded on the engine lab with ECI off in effect and an admin policy asking for it (on, locked). Hand edits: Windows machine facts; the policy file changed 30 min ago; Docker Desktop was quit and started 5 min ago but com.docker.backend kept running from 2 h ago, as the reports describe, so the policy was never read.',
    });
  } finally {
    await quit.teardown();
  }
  rmSync(work, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
