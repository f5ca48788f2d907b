// The architecture's boundaries are lint rules (eslint.boundaries.mjs); this proves they still
// bite. Each case lints a small file through the ESLint Node API with the repository's own config,
// at a path in the position under test: ESLint picks its rules by path, so the text is judged as a
// file there would be, without writing into the source tree (where tsc or a watcher would see it).
// Type-aware rules are switched off here: the boundaries need no type information.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const BOUNDARY_RULES = new Set(['no-restricted-imports', '@typescript-eslint/no-restricted-imports']);
const eslint = new ESLint({ cwd: ROOT, overrideConfig: tseslint.configs.disableTypeChecked });

async function boundaryFindings(
  path: string,
  code: string,
): Promise<Array<{ rule: string; severity: number; message: string }>> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  if (!result) throw new Error(`ESLint returned no result for ${path}`);
  const fatal = result.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${path} did not parse: ${fatal.message}`);
  if (result.messages.some((m) => m.message.startsWith('File ignored')))
    throw new Error(`${path} is ignored by the lint config`);
  return result.messages
    .filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId))
    .map((m) => ({ rule: m.ruleId!, severity: m.severity, message: m.message }));
}

describe('the boundary lint rules', () => {
  // Loading the config (typescript-eslint and its parser) takes seconds on a busy machine: once, here.
  beforeAll(async () => {
    await eslint.calculateConfigForFile(join(ROOT, 'main/core/verify/verdict.ts'));
  }, 120_000);

  it.each([
    ['main/core imports electron', 'main/core/fixture.ts', "import { app } from 'electron';\nexport const x = app;"],
    [
      'main/core imports electron types',
      'main/core/cleanup/fixture.ts',
      "import type { BrowserWindow } from 'electron';\nexport type X = BrowserWindow;",
    ],
    ['main/core imports an electron subpath', 'main/core/fixture.ts', "import 'electron/main';"],
    [
      'main/core imports the CLI',
      'main/core/fixture.ts',
      "import { runCli } from '../cli/run';\nexport const x = runCli;",
    ],
    ['main/core imports main/cli.ts', 'main/core/monitor/fixture.ts', "import '../../cli';"],
    [
      'main/core imports the app',
      'main/core/monitor/fixture.ts',
      "import { AppCore } from '../../app/app-core';\nexport const x = AppCore;",
    ],
    [
      'main/core imports the IPC contract (even its types)',
      'main/core/fixture.ts',
      "import type { EciBridge } from '../ipc/contract';\nexport type X = EciBridge;",
    ],
    ['main/core re-exports from the app', 'main/core/fixture.ts', "export * from '../app/tray-controller';"],
    [
      'main/core imports the renderer',
      'main/core/fixture.ts',
      "import { CHECK_TITLE } from '../../renderer/common/words';\nexport const x = CHECK_TITLE;",
    ],
    [
      'main/cli imports electron',
      'main/cli/fixture.ts',
      "import { dialog } from 'electron';\nexport const x = dialog;",
    ],
    ['main/ipc imports electron', 'main/ipc/fixture.ts', "import 'electron';"],
    [
      'the CLI imports the updater',
      'main/cli/fixture.ts',
      "import { autoUpdater } from 'electron-updater';\nexport const x = autoUpdater;",
    ],
    [
      'the core imports the updater',
      'main/core/updates/fixture.ts',
      "import type { AppUpdater } from 'electron-updater';\nexport type X = AppUpdater;",
    ],
    ['a script imports electron', 'scripts/fixture.ts', "import { app } from 'electron';\nexport const x = app;"],
    [
      'a lab test imports electron',
      'e2e/integration/fixture.test.ts',
      "import { app } from 'electron';\nexport const x = app;",
    ],
    [
      'a page imports electron',
      'renderer/common/fixture.ts',
      "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;",
    ],
    [
      'a page imports a value from main/core',
      'renderer/details/fixture.ts',
      "import { verdictTitle } from '../../main/core/words';\nexport const x = verdictTitle;",
    ],
    [
      'a page imports a value from the IPC contract',
      'renderer/details/fixture.ts',
      "import { INVOKE } from '../../main/ipc/contract';\nexport const x = INVOKE;",
    ],
    [
      'a page imports a Node built-in',
      'renderer/walkthrough/fixture.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;",
    ],
    [
      'the words module imports a value from a non-words module',
      'renderer/common/words.ts',
      "export { EciChecker } from '../../main/core/verify/check';",
    ],
    [
      'the words module imports a value from the model',
      'renderer/common/words.ts',
      "export { ADVICE_CODES } from '../../main/core/model';",
    ],
  ])('refuses: %s', async (_what, path, code) => {
    const findings = await boundaryFindings(path, code);
    expect(
      findings.filter((f) => f.severity === 2),
      JSON.stringify(findings),
    ).not.toHaveLength(0);
  });

  it.each([
    ['main/app imports electron', 'main/app/fixture.ts', "import { app } from 'electron';\nexport const x = app;"],
    [
      'main/app imports the updater',
      'main/app/fixture.ts',
      "import { autoUpdater } from 'electron-updater';\nexport const x = autoUpdater;",
    ],
    [
      'the Electron end-to-end test imports electron',
      'e2e/electron/fixture.spec.ts',
      "import { _electron } from 'playwright';\nimport type { App } from 'electron';\nexport type X = App;\nexport const y = _electron;",
    ],
    [
      'main/core imports core and Node',
      'main/core/cleanup/fixture.ts',
      "import { readFileSync } from 'node:fs';\nimport { EciChecker } from '../check';\nexport const x = [readFileSync, EciChecker];",
    ],
    [
      'main/core imports a core module whose name starts like a face',
      'main/core/fixture.ts',
      "import { x } from './apply-words';\nexport const y = x;",
    ],
    [
      'main/app and main/cli import core',
      'main/cli/fixture.ts',
      "import { EciChecker } from '../core/verify/check';\nexport const x = EciChecker;",
    ],
    [
      'electron-builder is not electron',
      'scripts/fixture.ts',
      "import type { Configuration } from 'electron-builder';\nexport type X = Configuration;",
    ],
    [
      'a page imports the IPC contract types',
      'renderer/details/fixture.ts',
      "import type { AppStateView } from '../../main/ipc/contract';\nexport type X = AppStateView;",
    ],
    [
      'the words module as it is',
      'renderer/common/words.ts',
      readFileSync(join(ROOT, 'renderer/common/words.ts'), 'utf8'),
    ],
  ])('allows: %s', async (_what, path, code) => {
    const findings = await boundaryFindings(path, code);
    expect(findings.filter((f) => f.severity === 2)).toEqual([]);
  });

  it('fails a page taking types from a core module rather than the IPC contract', async () => {
    const findings = await boundaryFindings(
      'renderer/details/fixture.ts',
      "import type { CheckReport } from '../../main/core/model';\nexport type X = CheckReport;",
    );
    expect(findings).toEqual([expect.objectContaining({ rule: 'no-restricted-imports', severity: 2 })]);
  });
});
