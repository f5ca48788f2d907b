// What the Electron specs share. Where the Electron binary is: ELECTRON_OVERRIDE_DIST_PATH (an
// unpacked Electron), or the one a normal `npm install` downloaded. This project's own machines have
// none (it cannot be downloaded there): the specs then report themselves as not run, with this
// reason, in the run's output too. And opening each window through the app's test hook.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type ElectronApplication } from '@playwright/test';
import { REPO_ROOT } from '../lab/lab-paths';

export function electronBinary(): { path: string | null; why: string } {
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const exe =
    process.platform === 'win32'
      ? 'electron.exe'
      : process.platform === 'darwin'
        ? 'Electron.app/Contents/MacOS/Electron'
        : 'electron';
  if (override) {
    const path = join(override, exe);
    return existsSync(path)
      ? { path, why: '' }
      : { path: null, why: `ELECTRON_OVERRIDE_DIST_PATH is set but ${path} does not exist` };
  }
  const pathFile = join(REPO_ROOT, 'node_modules', 'electron', 'path.txt');
  if (existsSync(pathFile)) {
    const path = join(REPO_ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
    if (existsSync(path)) return { path, why: '' };
  }
  return {
    path: null,
    why: 'no Electron binary on this machine (it cannot be downloaded here); set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron to run it',
  };
}

/** Opens each window through the app's test hook (ECI_TRAY_E2E=1): its title, window.eci there and nothing of Node. */
export async function openEachWindow(app: ElectronApplication): Promise<void> {
  for (const [kind, title] of [
    ['details', 'Details'],
    ['cleanup', 'Containers created without ECI'],
    ['walkthrough', 'Walkthrough'],
    ['preferences', 'Preferences'],
  ] as const) {
    const opened = app.waitForEvent('window');
    await app.evaluate((_e, k) => (globalThis as any).__eciTray.open(k), kind);
    const page = await opened;
    await page.waitForLoadState('domcontentloaded');
    expect(await page.title()).toContain(title);
    expect(
      await page.evaluate(() => [
        typeof (globalThis as any).eci?.invoke,
        typeof (globalThis as any).require,
        typeof (globalThis as any).process,
      ]),
    ).toEqual(['function', 'undefined', 'undefined']);
    await page.close();
  }
}
