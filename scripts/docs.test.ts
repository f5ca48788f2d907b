// The README and docs/ stay true to the tree: every relative link and anchor resolves, every
// `eci-tray` command shown in a code block exists with the flags shown (held against the CLI's own
// --help), every path into the tree exists, and the README stays short. Each rule is first shown
// to catch a bad sample. The help texts are imported, not got through runCli: run in-process,
// runCli's dynamic import of one command after another crashes Node 20 under vitest's and tsx's
// loaders now and then (a segfault; the built CLI does not).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_HELP } from '../main/cli/check-command';
import { CLEANUP_HELP } from '../main/cli/cleanup-command';
import { CONTAINERS_HELP } from '../main/cli/containers-command';
import { DOCTOR_HELP } from '../main/cli/doctor-command';
import { HISTORY_HELP } from '../main/cli/history-command';
import { POLICY_HELP } from '../main/cli/policy-command';
import { POLICY_EXPLAIN_HELP } from '../main/cli/policy-explain-command';
import { POLICY_SET_ECI_HELP } from '../main/cli/policy-set-eci-command';
import { POLICY_VALIDATE_HELP } from '../main/cli/policy-validate-command';
import { RELAUNCH_HELP } from '../main/cli/relaunch-command';
import { usage } from '../main/cli/run';
import { WATCH_HELP } from '../main/cli/watch-command';
import {
  anchors,
  commandUses,
  decisionProblems,
  linkProblems,
  pathPattern,
  repoPaths,
  slug,
  unknownFlags,
  type CommandUse,
  type Doc,
} from './docs-check';

const ROOT = join(__dirname, '..');
const SKIP = new Set(['node_modules', 'dist', 'out', 'test-results', 'playwright-report', '.git', '.lab']);

function walk(dir: string, into: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const full = join(dir, name);
    into.push(relative(ROOT, full).split(sep).join('/'));
    if (statSync(full).isDirectory()) walk(full, into);
  }
  return into;
}

const FILES = walk(ROOT);
const DOCS: Doc[] = ['README.md', ...FILES.filter((f) => /^docs\/[^/]+\.md$/.test(f)).sort()].map((path) => ({
  path,
  text: readFileSync(join(ROOT, path), 'utf8'),
}));
const BY_PATH = new Map(DOCS.map((d) => [d.path, d.text]));
const exists = (path: string) => FILES.some((f) => pathPattern(path).test(f));

/** What `eci-tray <words> --help` prints, for every command and policy subcommand. */
const HELP: Record<string, string> = {
  check: CHECK_HELP,
  watch: WATCH_HELP,
  containers: CONTAINERS_HELP,
  cleanup: CLEANUP_HELP,
  relaunch: RELAUNCH_HELP,
  doctor: DOCTOR_HELP,
  history: HISTORY_HELP,
  policy: POLICY_HELP,
  'policy validate': POLICY_VALIDATE_HELP,
  'policy explain': POLICY_EXPLAIN_HELP,
  'policy set-eci': POLICY_SET_ECI_HELP,
};
/** The commands the CLI's own usage lists (its command table). */
const COMMANDS = [...usage().matchAll(/^ {2}([a-z][a-z-]*) /gm)].map((m) => m[1] as string);

function commandProblems(use: CommandUse): string[] {
  const name = use.words.join(' ');
  const help = HELP[name];
  if (!COMMANDS.includes(use.words[0] as string) || help === undefined) return [`eci-tray ${name} is not a command`];
  return unknownFlags(use, help).map((flag) => `eci-tray ${name} has no flag ${flag}`);
}

describe('the docs checker catches', () => {
  it.each([
    ['Policy files: `eci-tray policy`', 'policy-files-eci-tray-policy'],
    ['admin-settings.json', 'admin-settingsjson'],
    ["Docker Desktop's own containers: labels are not proof", 'docker-desktops-own-containers-labels-are-not-proof'],
    ['Hardening: faults, fuzzing, soak', 'hardening-faults-fuzzing-soak'],
  ])('GitHub slugs: %s -> %s', (heading, expected) => {
    expect(slug(heading)).toBe(expected);
  });

  it('repeated headings numbered, and headings inside code ignored', () => {
    expect([...anchors('# A\n\n## A\n\n    # B\n```\n# C\n```\n')]).toEqual(['a', 'a-1']);
  });

  it('a missing file, a missing anchor, and a link out of the repository', () => {
    const docs = new Map([
      ['docs/A.md', '# A\n\n## Real one\n'],
      ['README.md', ''],
    ]);
    const doc = {
      path: 'docs/A.md',
      text: '[ok](#real-one) [ok](../README.md) [x](B.md) [y](#gone) [z](../../etc) ![i](shot.png) [w](https://x.y/#q)\n',
    };
    const problems = linkProblems(doc, docs, (p) => docs.has(p)).map((p) => p.message);
    expect(problems).toEqual([
      'link B.md: docs/B.md does not exist',
      'link #gone: docs/A.md has no heading with the anchor #gone',
      'link ../../etc leaves the repository',
      'link shot.png: docs/shot.png does not exist',
    ]);
  });

  it('links inside code are not links', () => {
    expect(linkProblems({ path: 'R.md', text: '\n    [x](nowhere.md)\n' }, new Map(), () => false)).toEqual([]);
  });

  it('the help table covers every command the CLI lists', () => {
    expect(COMMANDS.length).toBeGreaterThan(0);
    expect(COMMANDS.filter((c) => HELP[c] === undefined)).toEqual([]);
  });

  it('an unknown command and an unknown flag, also on a usage line that continues', () => {
    const uses = commandUses(
      [
        '    $ npx eci-tray check --json --no-such-flag',
        '    eci-tray chekc --json',
        '    eci-tray watch: engine went away --not-a-use',
        '    eci-tray watch [--json]',
        '                   [--intervall SECONDS]',
        '    eci-tray policy validate FILE --json --locked',
        '',
        'eci-tray check --not-in-code',
      ].join('\n'),
    );
    expect(uses.flatMap(commandProblems)).toEqual([
      'eci-tray check has no flag --no-such-flag',
      'eci-tray chekc is not a command',
      'eci-tray watch has no flag --intervall',
      'eci-tray policy validate has no flag --locked',
    ]);
  });

  it('a path that is not in the tree, with or without a wildcard', () => {
    const files = ['main/core/verify/verdict.ts', 'e2e/integration/faults-kill-probe.test.ts'];
    const found = (p: string) => files.some((f) => pathPattern(p).test(f));
    const named = repoPaths(
      '`main/core/verify/verdict.ts`, main/core/verify/, e2e/integration/faults-kill-*.test.ts\n',
    );
    expect(named.map((n) => n.path)).toEqual([
      'main/core/verify/verdict.ts',
      'main/core/verify/',
      'e2e/integration/faults-kill-*.test.ts',
    ]);
    expect(named.every((n) => found(n.path))).toBe(true);
    expect(found('main/core/verdict.ts')).toBe(false);
    expect(found('e2e/integration/faults-*.spec.ts')).toBe(false);
  });
});

describe.each(DOCS.map((d) => [d.path, d] as const))('%s', (_, doc) => {
  it('every relative link and anchor resolves', () => {
    expect(linkProblems(doc, BY_PATH, exists)).toEqual([]);
  });

  it('every eci-tray command shown is a command, with flags it has', () => {
    expect(commandUses(doc.text).flatMap(commandProblems)).toEqual([]);
  });

  it('every path it names into the tree exists', () => {
    const missing = repoPaths(doc.text).filter((p) => !exists(p.path));
    expect(missing.map((p) => `line ${p.line}: ${p.path}`)).toEqual([]);
  });
});

describe('README.md', () => {
  const readme = BY_PATH.get('README.md') ?? '';

  it('is at most 150 lines', () => {
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(150);
  });

  it('shows an example of check, watch and cleanup, and the screenshot of the details window', () => {
    const shown = commandUses(readme).map((u) => u.words[0]);
    expect(shown).toEqual(expect.arrayContaining(['check', 'watch', 'cleanup']));
    expect(readme).toMatch(/!\[[^\]]*\]\(docs\/screenshots\/details-[\w-]+\.png\)/);
  });

  it('still says the two set-up commands, the second being what CI runs', () => {
    expect(readme).toContain('\n    npm install && npm start\n');
    expect(readme).toContain('\n    npm ci && npm test\n');
    expect(readFileSync(join(ROOT, '.ci', 'run'), 'utf8')).toMatch(/\nnpm ci\nnpm test\n/);
  });
});

describe('docs/ARCHITECTURE.md', () => {
  const readSource = (path: string) =>
    /\.(ts|sh|ps1)$/.test(path) && FILES.includes(path) ? readFileSync(join(ROOT, path), 'utf8') : undefined;

  it('the checker catches a function that is not in the file the table names', () => {
    const table = [
      '| decision | file | function |',
      '| --- | --- | --- |',
      '| verdict | `main/a/verdict.ts`, `guide.ts` | `decide`, `notes(r)`, `gone`, `Checker.port` |',
      '',
    ].join('\n');
    const files: Record<string, string> = { 'main/a/verdict.ts': 'function decide', 'main/a/guide.ts': 'const notes' };
    expect(decisionProblems(table, (p) => files[p]).map((p) => p.message)).toEqual([
      'gone is not in `main/a/verdict.ts`, `guide.ts`',
      'Checker.port is not in `main/a/verdict.ts`, `guide.ts`',
    ]);
    expect(decisionProblems(table, (p) => files[p], 'port(): void').map((p) => p.line)).toEqual([3]);
  });

  it('every function in "Where each decision lives" is in the files its row names', () => {
    const core = FILES.filter((f) => /^main\/.*\.ts$/.test(f) && !f.endsWith('.test.ts'));
    const elsewhere = core.map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');
    const problems = decisionProblems(BY_PATH.get('docs/ARCHITECTURE.md') ?? '', readSource, elsewhere);
    expect(problems.map((p) => `line ${p.line}: ${p.message}`)).toEqual([]);
  });

  it('names exactly the values the IPC layer takes from core', () => {
    const imported = FILES.filter((f) => /^main\/ipc\/[^/]+\.ts$/.test(f) && !f.endsWith('.test.ts')).flatMap((f) =>
      [
        ...readFileSync(join(ROOT, f), 'utf8').matchAll(/^import\s+\{([^}]*)\}\s+from\s+'\.\.\/core\/[^']+';/gm),
      ].flatMap((m) =>
        (m[1] as string)
          .split(',')
          .map((name) => name.trim())
          .filter((name) => name !== '' && !name.startsWith('type ')),
      ),
    );
    const sentence = /The IPC layer takes these values from core: ([^(]*)\(/.exec(
      BY_PATH.get('docs/ARCHITECTURE.md') ?? '',
    );
    const named = [...(sentence?.[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    expect(named.sort()).toEqual(imported.sort());
  });
});
