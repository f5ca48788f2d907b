// A private desktop for notification tests: Xvfb on a free display, a D-Bus session bus, and
// dunst as the notification daemon. Tests read back what dunst received with `dunstctl history`.
// Everything is started by PID and stopped by PID.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface DesktopSession {
  env: Record<string, string>;
  /** Closes every open notification, then returns what the daemon received (newest first). */
  history(): Promise<Array<{ summary: string; body: string; appname: string; urgency: string }>>;
  stop(): Promise<void>;
}

function waitForLine(child: ChildProcess, stream: 'stdout' | 'stderr', timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`no output from ${child.spawnfile} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    child[stream]!.on('data', (c: Buffer) => {
      text += c.toString();
      const nl = text.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(text.slice(0, nl).trim());
      }
    });
    child.on('exit', (code) => reject(new Error(`${child.spawnfile} exited with ${code}`)));
  });
}

export async function startDesktopSession(): Promise<DesktopSession> {
  const dir = mkdtempSync(join(tmpdir(), 'eci-desktop-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const c of children.reverse()) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // -displayfd picks a free display and tells us which.
    const xvfb = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1024x768x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    children.push(xvfb);
    const display = `:${await waitForLine(xvfb, 'stdout', 10_000)}`;
    const bus = spawn(
      'dbus-daemon',
      ['--session', '--nofork', '--print-address=1', `--address=unix:path=${join(dir, 'bus')}`],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    children.push(bus);
    const address = await waitForLine(bus, 'stdout', 10_000);
    const env = { DISPLAY: display, DBUS_SESSION_BUS_ADDRESS: address, XDG_RUNTIME_DIR: dir };
    const dunst = spawn('dunst', ['-config', '/dev/null'], { stdio: 'ignore', env: { ...process.env, ...env } });
    children.push(dunst);
    // Ready once it owns the notification service.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const r = await exec('dunstctl', ['is-paused'], { env: { ...process.env, ...env } }).catch(() => null);
      if (r) break;
      if (Date.now() > deadline) throw new Error('dunst did not start');
      await new Promise((res) => setTimeout(res, 100));
    }
    return {
      env,
      async history() {
        const e = { ...process.env, ...env };
        await exec('dunstctl', ['close-all'], { env: e });
        const { stdout } = await exec('dunstctl', ['history'], { env: e });
        const data = JSON.parse(stdout) as { data: Array<Array<Record<string, { data: string }>>> };
        return (data.data[0] ?? []).map((n) => ({
          summary: n['summary']?.data ?? '',
          body: n['body']?.data ?? '',
          appname: n['appname']?.data ?? '',
          urgency: n['urgency']?.data ?? '',
        }));
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Reads a file if present (for diagnostics in failing tests). */
export function readIfPresent(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
