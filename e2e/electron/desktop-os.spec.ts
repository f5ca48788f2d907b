// The real app on a desktop OS without Docker Desktop (the CI workflow's Linux, macOS and Windows
// machines): it starts into the tray with no window, its verdict is `engine-unreachable` or
// `not-docker-desktop` (nothing else is true there), it opens each window, its welcome notification
// reaches the OS (on Linux, a real notification daemon says it received it), a second launch hands
// over to the first (which opens its details window), and the app run as a CLI prints
// `check --json` and exits with the verdict's code. Needs no engine lab: it runs as any user.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, expect, test, type ElectronApplication } from '@playwright/test';
import { VERDICT_EXIT_CODES } from '../../main/cli/exit-codes';
import { welcomeNotification } from '../../main/core/alerts/reminders';
import { REPO_ROOT } from '../lab/lab-paths';
import { startDesktopSession, type DesktopSession } from '../support/desktop-session';
import { electronBinary, openEachWindow } from './electron-support';

const binary = electronBinary();
if (!binary.path) console.warn(`desktop-os.spec.ts not run: ${binary.why}`);

/** Without Docker Desktop, these are the only true verdicts. */
const EXPECTED = ['engine-unreachable', 'not-docker-desktop'];
const WELCOME = welcomeNotification(null, process.platform).title;

/** What the app's test hook (main/app/main.ts, ECI_TRAY_E2E=1) says. */
const verdict = (app: ElectronApplication): Promise<string | null> =>
  app.evaluate(() => (globalThis as any).__eciTray.verdict());
const menu = (app: ElectronApplication): Promise<string[]> => app.evaluate(() => (globalThis as any).__eciTray.menu());
const notifications = (app: ElectronApplication): Promise<{ created: string[]; shown: string[] }> =>
  app.evaluate(() => (globalThis as any).__eciTray.notifications());

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary.path!, [REPO_ROOT, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill(), 120_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

test.describe('the Electron app on a desktop without Docker Desktop', () => {
  test.skip(!binary.path, `not run: ${binary.why}`);

  let desktop: DesktopSession | null = null;
  let userData = '';
  let env: NodeJS.ProcessEnv = {};
  test.beforeAll(async () => {
    // On Linux: our own display, session bus and notification daemon, so the test can read back
    // what the daemon received. macOS and Windows use the logged-in session.
    if (process.platform === 'linux') desktop = await startDesktopSession();
    userData = mkdtempSync(join(tmpdir(), 'eci-electron-os-'));
    env = {
      ...process.env,
      ...(desktop?.env ?? {}),
      ECI_TRAY_USER_DATA: userData,
      ECI_TRAY_STATE_DIR: join(userData, 'state'),
      ECI_TRAY_E2E: '1',
    };
  });
  test.afterAll(async () => {
    await desktop?.stop();
    rmSync(userData, { recursive: true, force: true });
  });

  test('tray, verdict, windows, notification, second launch', async () => {
    const app = await _electron.launch({
      executablePath: binary.path!,
      args: [REPO_ROOT, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
      env: env as Record<string, string>,
    });
    try {
      expect(app.windows()).toHaveLength(0);
      await expect.poll(() => verdict(app), { timeout: 90_000 }).not.toBeNull();
      expect(EXPECTED).toContain(await verdict(app));
      expect(await menu(app)).toEqual(expect.arrayContaining(['Details…', 'Quit ECI Tray']));

      // The welcome notification went to the OS; on Linux the daemon confirms it arrived.
      await expect.poll(() => notifications(app).then((n) => n.created), { timeout: 30_000 }).toContain(WELCOME);
      if (desktop) {
        await expect.poll(() => notifications(app).then((n) => n.shown), { timeout: 30_000 }).toContain(WELCOME);
        expect((await desktop.history()).map((n) => n.summary)).toContain(WELCOME);
      }

      await openEachWindow(app);

      // A second launch (same user data: same single-instance lock) exits and the first opens its details.
      const focused = app.waitForEvent('window');
      const second = await run(process.platform === 'linux' ? ['--no-sandbox'] : [], env);
      expect(second.code).toBe(0);
      expect(await (await focused).title()).toContain('Details');
    } finally {
      await app.close();
    }
  });

  test('the app as a CLI prints check --json and exits with the verdict code', async () => {
    const r = await run(['check', '--json', '--timeout', '60'], env);
    const report = JSON.parse(r.stdout) as { verdict: keyof typeof VERDICT_EXIT_CODES };
    expect(EXPECTED).toContain(report.verdict);
    expect(r.code).toBe(VERDICT_EXIT_CODES[report.verdict]);
  });
});
