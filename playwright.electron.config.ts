// The Electron specs without the engine lab, for the CI workflow's desktop machines (Linux, macOS,
// Windows: .github/workflows/desktop.yml). It builds the app and runs the real Electron binary.
// The home run (playwright.config.ts) includes the same spec, which reports itself as not run
// where no Electron binary exists.

import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e/electron',
  testMatch: /desktop-os\.spec\.ts$/,
  globalSetup: './e2e/electron/global-setup.ts',
  outputDir: 'test-results/playwright-electron',
  workers: 1,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  timeout: 300_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
});
