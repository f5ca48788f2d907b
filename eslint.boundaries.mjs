// The architecture's boundaries as lint errors (kept apart so scripts/lint-boundaries.test.ts can
// show they still bite):
// - main/core is pure TypeScript on Node: it imports nothing from the app, CLI, IPC or renderer, nor electron;
// - only main/app (and the Electron end-to-end test) imports electron;
// - the pages (renderer/) take from main/ only types, and values only from the words module and
//   errorText, through renderer/common/words.ts and renderer/common/eci.ts.

const ELECTRON = {
  paths: [{ name: 'electron', message: 'Only main/app/ imports electron.' }],
  patterns: [{ group: ['electron/*'], message: 'Only main/app/ imports electron.' }],
};

/** @type {import('eslint').Linter.Config[]} */
export const boundaries = [
  {
    name: 'boundaries/electron-only-in-app',
    files: ['**/*.{ts,mts}'],
    ignores: ['main/app/**', 'e2e/electron/**'],
    rules: { 'no-restricted-imports': ['error', ELECTRON] },
  },
  {
    // The app updates itself; the CLI (an MDM's inventory run) and the core never update anything.
    name: 'boundaries/updater-only-in-app',
    files: ['**/*.{ts,mts}'],
    ignores: ['main/app/**', 'e2e/integration/updates.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron-updater',
              message:
                'Only main/app/ updates the app (main/app/updater.ts); the CLI and the core never update anything.',
            },
          ],
          patterns: [{ group: ['electron-updater/*'], message: 'Only main/app/ updates the app.' }],
        },
      ],
    },
  },
  {
    name: 'boundaries/core-is-pure',
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...ELECTRON,
          patterns: [
            ...ELECTRON.patterns,
            {
              // Relative paths that climb out of main/core into a face: ../app, ../../cli, ../ipc, ../../../renderer, .../main/app.
              regex: '^(\\.\\./)+(app|cli|ipc|renderer)(/|$)|(^|/)main/(app|cli|ipc)(/|$)|(^|/)renderer/',
              message:
                'main/core decides; it imports nothing from main/app, main/cli, main/ipc or renderer/ (they import core).',
            },
          ],
        },
      ],
    },
  },
  {
    name: 'boundaries/renderer-takes-types',
    files: ['renderer/**/*.ts'],
    rules: {
      // Errors: a value (code that would be bundled into the page) from main/, Node built-ins, electron.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          ...ELECTRON,
          patterns: [
            ...ELECTRON.patterns,
            {
              regex: '(^|/)main/',
              allowTypeImports: true,
              message:
                'The pages take only types from main/ (import type); words come through renderer/common/words.ts.',
            },
            { regex: '^node:', message: 'The pages run in a sandboxed browser window: no Node built-ins.' },
          ],
        },
      ],
      // Types come through the IPC contract only: it is the pages' one interface to main/.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '(^|/)main/(?!ipc/contract$|core/words$|core/error-text$|core/report/page-headline$|core/cleanup/(table-choices|plan-summary|held-data|result-words)$)',
              message: 'The pages should take their types from main/ipc/contract.ts only.',
            },
          ],
        },
      ],
    },
  },
  {
    name: 'boundaries/renderer-words',
    // The browser-safe core modules the pages share with the CLI and the tray, each through one
    // page module: the words, the one errorText, and the two page decisions that are words too
    // (the top of a page, the cleanup's words and first choices), which import the words themselves.
    files: ['renderer/common/words.ts', 'renderer/common/eci.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          ...ELECTRON,
          patterns: [
            ...ELECTRON.patterns,
            {
              regex:
                '(^|/)main/(?!core/words$|core/error-text$|core/report/page-headline$|core/cleanup/(table-choices|plan-summary|held-data|result-words)$)',
              allowTypeImports: true,
              message:
                'The pages take values only from main/core/words.ts, main/core/error-text.ts, main/core/report/page-headline.ts and the cleanup words (main/core/cleanup/table-choices.ts, plan-summary.ts, held-data.ts, result-words.ts) (browser-safe, shared with the CLI and the tray).',
            },
            { regex: '^node:', message: 'The pages run in a sandboxed browser window: no Node built-ins.' },
          ],
        },
      ],
    },
  },
];
