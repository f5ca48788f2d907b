// The app's launch dispatch with the fake Electron: a command runs the real CLI headless (no
// window, tray, lock or Dock icon) and its exit code reaches app.exit; no command starts the tray.

import { beforeAll, describe, expect, it } from 'vitest';
import { schemaErrors } from '../../e2e/support/fleet-schemas';
import type { CliIO } from '../cli/io';
import { runCli } from '../cli/run';
import { launch, type LaunchDeps } from './launch';
import { FakeApp, FakeTray } from './testing/fake-electron';

// runCli loads a command's code when it first runs it: loaded here, so a test's time is the command's.
beforeAll(async () => {
  await import('../cli/check-command.js');
});

const EXE = 'C:\\Program Files\\ECI Tray\\ECI Tray.exe';

function harness(
  argv: string[],
  options: {
    platform?: NodeJS.Platform;
    defaultApp?: boolean;
    lockHeldElsewhere?: boolean;
    runCli?: LaunchDeps['runCli'];
  } = {},
) {
  const app = new FakeApp(options.lockHeldElsewhere);
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t) };
  // The tray start is the only path that creates a tray or a window (windows open from the tray).
  const created = { trays: [] as FakeTray[] };
  let flushed = 0;
  const deps: LaunchDeps = {
    app,
    argv,
    defaultApp: options.defaultApp ?? false,
    platform: options.platform ?? 'linux',
    runCli: options.runCli ?? runCli,
    io,
    flush: async () => void flushed++,
    startTray: () => void created.trays.push(new FakeTray()),
  };
  return { app, out, err, created, deps, flushed: () => flushed };
}

describe('launching the app', () => {
  it("check --format intune on an engine that is not there: headless, the CLI's own output and exit code", async () => {
    const h = harness([
      EXE,
      'check',
      '--format',
      'intune',
      '--docker-host',
      'unix:///nonexistent/eci-tray-test.sock',
      '--admin-settings',
      '/nonexistent/a.json',
      '--user-settings',
      '/nonexistent/u.json',
    ]);
    const started = launch(h.deps);
    expect(started.kind).toBe('cli');
    const code = await (started as { done: Promise<number> }).done;
    expect(code).toBe(13);
    expect(h.app.exits).toEqual([13]);
    expect(h.flushed()).toBe(1);
    const line = JSON.parse(h.out.join(''));
    expect(schemaErrors('intune-result', line)).toEqual([]);
    expect(line).toMatchObject({ verdict: 'engine-unreachable', eciVerified: false });
    expect(h.created.trays).toEqual([]);
    expect(h.app.lockRequests).toBe(0);
    expect(h.app.quits).toBe(0);
  });

  it('the same arguments give the same output and exit code as eci-tray (runCli)', async () => {
    const args = [
      'check',
      '--json',
      '--docker-host',
      'tcp://127.0.0.1:1',
      '--timeout',
      '5',
      '--admin-settings',
      '/nonexistent/a.json',
      '--user-settings',
      '/nonexistent/u.json',
    ];
    const h = harness([EXE, ...args]);
    const launched = launch(h.deps);
    const viaApp = await (launched as { done: Promise<number> }).done;
    const out: string[] = [];
    const direct = await runCli(args, { out: (t) => void out.push(t), err: () => undefined });
    expect(viaApp).toBe(direct);
    const strip = (text: string) => ({ ...JSON.parse(text), checkedAt: 'T', durationMs: 0 });
    expect(strip(h.out.join(''))).toEqual(strip(out.join('')));
  });

  it.each<[string, string[], number]>([
    ['a usage error', [EXE, 'check', '--timeout', 'soon'], 2],
    ['an unknown command', [EXE, 'chekc'], 2],
    ['help', [EXE, '--help'], 0],
  ])('%s: exit %i through app.exit, nothing else started', async (_, argv, code) => {
    const h = harness(argv);
    const started = launch(h.deps);
    expect(await (started as { done: Promise<number> }).done).toBe(code);
    expect(h.app.exits).toEqual([code]);
    expect(h.created.trays).toEqual([]);
  });

  it.each<[NodeJS.Platform, Array<[string, string | undefined]>, number]>([
    ['linux', [['ozone-platform', 'headless']], 0],
    ['darwin', [], 1],
    ['win32', [], 0],
  ])('on %s: no GPU, no display needed, no Dock icon', async (platform, switches, dockHides) => {
    const h = harness([EXE, 'help'], { platform });
    await (launch(h.deps) as { done: Promise<number> }).done;
    expect(h.app.hardwareAccelerationDisabled).toBe(true);
    expect(h.app.switches).toEqual(switches);
    expect(h.app.dockHidden).toBe(dockHides);
  });

  it('a command that throws is exit 1 with the reason, never a hang', async () => {
    const h = harness([EXE, 'check'], {
      runCli: async () => {
        throw new Error('boom');
      },
    });
    expect(await (launch(h.deps) as { done: Promise<number> }).done).toBe(1);
    expect(h.app.exits).toEqual([1]);
    expect(h.err.join('')).toContain('boom');
  });

  it('no command: the tray starts after taking the single-instance lock; no exit', () => {
    const h = harness([EXE]);
    expect(launch(h.deps).kind).toBe('tray');
    expect(h.app.lockRequests).toBe(1);
    expect(h.created.trays).toHaveLength(1);
    expect(h.app.exits).toEqual([]);
  });

  it('no command while the tray runs: hands over to it (quit), starts nothing', () => {
    const h = harness([EXE], { lockHeldElsewhere: true });
    expect(launch(h.deps).kind).toBe('second-instance');
    expect(h.app.quits).toBe(1);
    expect(h.created.trays).toEqual([]);
  });

  it('a command while the tray runs: no lock asked, the command runs', async () => {
    const h = harness([EXE, 'help'], { lockHeldElsewhere: true });
    expect(await (launch(h.deps) as { done: Promise<number> }).done).toBe(0);
    expect(h.app.lockRequests).toBe(0);
    expect(h.app.quits).toBe(0);
  });

  it('started as `electron . check`: the folder is skipped', async () => {
    const h = harness(['/repo/node_modules/electron/dist/electron', '.', 'help'], { defaultApp: true });
    expect(await (launch(h.deps) as { done: Promise<number> }).done).toBe(0);
    expect(h.out.join('')).toContain('Usage: eci-tray <command>');
  });
});
