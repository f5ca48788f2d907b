// The real app in Electron, driven by Playwright's _electron: starts quietly into the tray (no
// window), shows the verdict in the tray menu, and opens each window. Runs wherever an Electron
// binary is available (ELECTRON_OVERRIDE_DIST_PATH, or a normal `npm install` that could download
// it); where there is none, it reports itself as not run, with the reason.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, expect, test } from '@playwright/test';
import { DEFAULT_PREFERENCES } from '../../main/core/preferences/preferences';
import { Lab } from '../lab/lab';
import { REPO_ROOT } from '../lab/lab-paths';
import { electronBinary, openEachWindow } from './electron-support';

const binary = electronBinary();
// Said in the run's output too, not only in the report's annotations: a skip must never pass unnoticed.
if (!binary.path) console.warn(`electron.spec.ts not run: ${binary.why}`);

test.describe('the Electron app', () => {
  test.skip(!binary.path, `not run: ${binary.why}`);

  test('starts into the tray without a window, shows the verdict, opens each window', async () => {
    const lab = await Lab.start({ mode: 'off' });
    const userData = mkdtempSync(join(tmpdir(), 'eci-electron-'));
    writeFileSync(
      join(userData, 'preferences.json'),
      JSON.stringify({
        ...DEFAULT_PREFERENCES,
        dockerHost: lab.dockerHost,
        adminSettings: lab.paths.adminSettings,
        userSettings: lab.paths.userSettings,
        probeImage: lab.probeImage,
      }),
    );
    const app = await _electron.launch({
      executablePath: binary.path!,
      args: [REPO_ROOT, '--no-sandbox'],
      env: {
        ...process.env,
        ...lab.env(),
        ECI_TRAY_USER_DATA: userData,
        ECI_TRAY_STATE_DIR: join(userData, 'state'),
        ECI_TRAY_E2E: '1',
      },
    });
    try {
      expect(app.windows()).toHaveLength(0);
      await expect
        .poll(() => app.evaluate(() => (globalThis as any).__eciTray?.verdict() ?? null), { timeout: 30_000 })
        .toBe('off');
      const menu: string[] = await app.evaluate(() => (globalThis as any).__eciTray.menu());
      expect(menu[0]).toBe('ECI: Off');
      expect(menu).toEqual(
        expect.arrayContaining([
          'Turn ECI on…',
          'Check now',
          'Details…',
          'Copy report for IT',
          'Pause notifications',
          'Start at login',
          'Preferences…',
          'Quit ECI Tray',
        ]),
      );
      await openEachWindow(app);
    } finally {
      await app.close();
      await lab.teardown();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
