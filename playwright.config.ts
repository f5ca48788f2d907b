// Renderer end-to-end tests: the real pages in Debian's Chromium, window.eci bound to the real
// handlers (AppCore) on the engine lab. One worker: each spec file runs its own lab engines,
// and lab operations (relaunches, probes) take seconds. The Electron launch spec runs here too
// (it skips itself where no Electron binary exists).

import { defineConfig } from '@playwright/test';

export default defineConfig({
  testMatch: /.*\.spec\.ts$/,
  projects: [
    { name: 'renderer', testDir: 'e2e/renderer' },
    { name: 'electron', testDir: 'e2e/electron' },
  ],
  globalSetup: './e2e/renderer/global-setup.ts',
  outputDir: 'test-results/playwright',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  timeout: 300_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1000, height: 900 },
    // The pages format times in the browser's locale: one pinned locale, as in the unit tests.
    locale: 'en-GB',
    // Never a downloaded browser: Debian's Chromium (apt-get install chromium).
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
