// Lint: typescript-eslint's type-aware recommended rules over the three TypeScript projects, plus
// the architecture's boundaries (eslint.boundaries.mjs) as errors that fail `npm run lint`.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { boundaries } from './eslint.boundaries.mjs';

export default defineConfig(
  {
    ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.lab/**', 'build/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The same three projects `npm run typecheck` checks: Node code and tests, the pages, the page tests.
        project: ['./tsconfig.test.json', './renderer/tsconfig.json', './e2e/renderer/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    // The recommended type-aware set, minus rules that flag style rather than defects here:
    // an async method with no await is how a Promise-returning interface is implemented
    // (require-await); a redundant `as` or a `{}` type parameter changes nothing at run time.
    rules: {
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-empty-object-type': 'off',
      // `let x = fallback; try { x = read() } catch { ... }` is the house pattern for optional files.
      'no-useless-assignment': 'off',
      // `_name` marks a deliberately unused binding; `{ dropped: _x, ...rest }` omits a field.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests, the lab and the fakes poke at parsed JSON and hostile inputs on purpose: `any` there is
    // the point (a wrong shape fails the assertion), so the any-tracking rules stay for product code.
    files: ['**/*.test.ts', '**/*.spec.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'main/**/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // describe() stringifies only what is neither object nor string (numbers, booleans, functions).
    files: ['main/core/schema.ts'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
  // Plain JavaScript config files belong to no TypeScript project.
  { files: ['**/*.{js,mjs,cjs}'], extends: [tseslint.configs.disableTypeChecked] },
  boundaries,
);
