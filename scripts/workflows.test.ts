// The CI workflows are checked at home, offline: each file against GitHub's workflow schema (the
// SchemaStore schema, compiled into @action-validator/core), plus the rules this project relies on
// that a schema cannot see: the desktop job covers the three desktop OSes and runs the same
// commands as .ci/run plus the Electron spec and packaging; every npm script and file it names
// exists; secrets never appear in an `if:` (GitHub does not allow it: "Secrets cannot be directly
// referenced in if: conditionals", docs.github.com, "Using secrets in GitHub Actions").
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const DIR = join(ROOT, '.github', 'workflows');
const FILES = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  strategy?: { matrix?: { os?: string[] } };
  container?: { image: string; options?: string };
  steps: Step[];
}
const workflow = (file: string) => load(readFileSync(join(DIR, file), 'utf8')) as { jobs: Record<string, Job> };
const runs = (job: Job) => job.steps.flatMap((s) => (s.run ? [s.run] : []));

describe('the CI workflows', () => {
  it('exist', () => {
    expect(FILES).toContain('desktop.yml');
  });

  it.each(FILES)('%s is a valid GitHub workflow', (file) => {
    const { errors } = validateWorkflow(readFileSync(join(DIR, file), 'utf8'));
    expect(errors).toEqual([]);
  });

  it('the validator catches a broken workflow (a misspelt key)', () => {
    const broken = readFileSync(join(DIR, 'desktop.yml'), 'utf8').replace(
      'runs-on: ${{ matrix.os }}',
      'runs_on: ${{ matrix.os }}',
    );
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it.each(FILES)('%s: no secret in an if:, every npm script and file it runs exists', (file) => {
    for (const job of Object.values(workflow(file).jobs)) {
      for (const step of job.steps) {
        expect(step.if ?? '', `${step.name}: if`).not.toMatch(/secrets\./);
        for (const [, script] of (step.run ?? '').matchAll(/npm run ([\w:-]+)/g))
          expect(PACKAGE.scripts, `npm run ${script}`).toHaveProperty(script!);
        for (const [path] of (step.run ?? '').matchAll(
          /(?:scripts|fleet|e2e)\/[\w./-]+\.(?:ts|sh|ps1)|[\w.-]+\.config\.ts|\.ci\/run/g,
        ))
          expect(existsSync(join(ROOT, path)), path).toBe(true);
      }
    }
  });

  it('the lab job runs exactly .ci/run, as root in Debian like the project machines', () => {
    const lab = workflow('desktop.yml').jobs['lab']!;
    expect(lab.container?.image).toMatch(/^debian:/);
    expect(lab.container?.options).toContain('--privileged');
    expect(runs(lab)).toContain('bash .ci/run');
    expect(readFileSync(join(ROOT, '.ci', 'run'), 'utf8')).toMatch(/^npm ci\nnpm test$/m);
  });

  it('the desktop job runs on Linux, macOS and Windows: install, typecheck, unit tests, the Electron spec, packaging', () => {
    const desktop = workflow('desktop.yml').jobs['desktop']!;
    const oses = desktop.strategy?.matrix?.os ?? [];
    for (const os of ['ubuntu', 'macos', 'windows'])
      expect(
        oses.some((o) => o.startsWith(os)),
        os,
      ).toBe(true);
    const commands = runs(desktop).join('\n');
    for (const command of [
      'npm ci',
      'npm run typecheck',
      'npx vitest run --project unit',
      'npx playwright test -c playwright.electron.config.ts',
      'npm run dist -- --publish never',
      'scripts/ci/check-packages.ts',
    ])
      expect(commands).toContain(command);
    // Packaging steps: one unsigned, one signed that gets the secrets; only the signed one sees them.
    const packaging = desktop.steps.filter((s) => s.run?.startsWith('npm run dist'));
    expect(packaging.map((s) => s.if)).toEqual(["env.SIGNING == 'no'", "env.SIGNING == 'yes'"]);
    expect(packaging[0]!.env).toBeUndefined();
    expect(Object.keys(packaging[1]!.env ?? {})).toContain('CSC_LINK');
  });

  it('the Electron spec it runs exists and is part of the home run too (where it reports itself as not run)', () => {
    expect(existsSync(join(ROOT, 'e2e', 'electron', 'desktop-os.spec.ts'))).toBe(true);
    expect(readFileSync(join(ROOT, 'playwright.config.ts'), 'utf8')).toContain("testDir: 'e2e/electron'");
  });
});
