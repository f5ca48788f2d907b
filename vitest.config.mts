import { defineConfig } from 'vitest/config';

// Two projects: fast pure/unit tests, and integration tests that start real engines (the lab).
export default defineConfig({
  test: {
    pool: 'forks',
    // Lab test files each start their own engines; two at a time fits two cores.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['main/**/*.test.ts', 'e2e/lab/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['main/test-locale.ts'],
        },
      },
      {
        test: {
          name: 'lab',
          include: ['e2e/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['e2e/integration/global-setup.ts'],
          setupFiles: ['main/test-locale.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
