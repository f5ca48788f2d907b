// The architecture's boundaries as lint errors (kept apart so scripts/lint-boundaries.test.ts can
// show they still bite):
// - main/core is pure TypeScript on Node: it imports nothing from the app, CLI, IPC or renderer, nor electron;
// - only main/app (and the Electron end-to-end test) imports electron;
// - the pages (renderer/) take from main/ only types, and values only from the words modules
//   through renderer/shared/words.ts.

const ELECTRON = { paths: [{ name: 'electron', message: 'Only main/app/ imports electron.' }], patterns: [{ group: ['electron/*'], message: 'Only main/app/ imports electron.' }] };

/** @type {import('eslint').Linter.Config[]} */
export const boundaries = [
  {
    name: 'boundaries/electron-only-in-app',
    files: ['**/*.{ts,mts}'],
    ignores: ['main/app/**', 'e2e/electron/**'],
    rules: { 'no-restricted-imports': ['error', ELECTRON] },
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
              message: 'main/core decides; it imports nothing from main/app, main/cli, main/ipc or renderer/ (they import core).',
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
            { regex: '(^|/)main/', allowTypeImports: true, message: 'The pages take only types from main/ (import type); words come through renderer/shared/words.ts.' },
            { regex: '^node:', message: 'The pages run in a sandboxed browser window: no Node built-ins.' },
          ],
        },
      ],
      // Warnings: types taken from main/ other than the IPC contract. The contract is the one
      // interface; these type-only imports of core modules are known debt (listed, not hidden).
      'no-restricted-imports': [
        'warn',
        { patterns: [{ regex: '(^|/)main/(?!ipc/contract$|core/verdict-words$)', message: 'The pages should take their types from main/ipc/contract.ts only.' }] },
      ],
    },
  },
  {
    name: 'boundaries/renderer-words',
    files: ['renderer/shared/words.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          ...ELECTRON,
          patterns: [
            ...ELECTRON.patterns,
            { regex: '(^|/)main/(?!core/verdict-words$|core/monitor/monitor-state$)', allowTypeImports: true, message: 'renderer/shared/words.ts takes values only from main/core/verdict-words.ts (and ADVICE_TEXT).' },
            { regex: '(^|/)main/core/monitor/monitor-state$', allowTypeImports: true, allowImportNames: ['ADVICE_TEXT'], message: 'Only ADVICE_TEXT, the advice words, comes from monitor-state.' },
            { regex: '^node:', message: 'The pages run in a sandboxed browser window: no Node built-ins.' },
          ],
        },
      ],
    },
  },
];
