// `policy validate` on the corpus in e2e/fixtures/policy: every admin-settings.json example in
// Docker's docs (verbatim, see docs/SOURCES.json), good files, and files broken one way each, with
// where the validator must point.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePolicyBytes } from './validate-policy';
import type { PolicyFinding } from './policy-findings';

const ROOT = join(__dirname, '..', '..', '..', 'e2e', 'fixtures', 'policy');
const read = (...p: string[]) => readFileSync(join(ROOT, ...p));

interface DocsExample {
  file: string;
  page: string;
  source: string;
  commit: string;
  wrap: null | 'root' | 'eci' | 'dockerSocketMount';
  expect: 'valid' | 'rejected';
}
const SOURCES = JSON.parse(read('docs', 'SOURCES.json').toString('utf8')) as { examples: DocsExample[] };

/** A fragment placed where its page puts it, inside an otherwise minimal file. */
function wrap(fragment: string, where: DocsExample['wrap']): string {
  switch (where) {
    case null:
      return fragment;
    case 'root':
      return `{\n"configurationFileVersion": 2,\n${fragment}\n}\n`;
    case 'eci':
      return `{\n"configurationFileVersion": 2,\n"enhancedContainerIsolation": {"value": true, "locked": true,\n${fragment}\n}\n}\n`;
    case 'dockerSocketMount':
      return `{\n"configurationFileVersion": 2,\n"enhancedContainerIsolation": {"value": true, "locked": true, "dockerSocketMount": {\n${fragment}\n}\n}\n}\n`;
  }
}

const worst = (findings: PolicyFinding[]) => {
  const order = ['rejected', 'uncertain', 'ignored', 'note'];
  return [...findings].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level))[0];
};

describe("every admin-settings.json example in Docker's docs", () => {
  it('the corpus lists every file in the folder, each with its page and commit', () => {
    const files = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.json') && f !== 'SOURCES.json');
    expect(SOURCES.examples.map((e) => e.file).sort()).toEqual(files.sort());
    for (const e of SOURCES.examples) {
      expect(e.page).toMatch(/^https:\/\/docs\.docker\.com\//);
      expect(e.commit).toMatch(/[0-9a-f]{40}/);
    }
    expect(SOURCES.examples.length).toBe(19);
  });

  it.each(SOURCES.examples.map((e) => [e.file, e] as const))('%s', (_file, example) => {
    const text = wrap(read('docs', example.file).toString('utf8'), example.wrap);
    const result = validatePolicyBytes(Buffer.from(text), example.file);
    if (example.expect === 'valid') {
      expect(result.findings.filter((f) => f.level !== 'note')).toEqual([]);
      expect(result.outcome).toBe('valid');
    } else {
      expect(result.outcome).toBe(example.expect);
    }
  });

  it('the commented example from "Grouped settings" is refused where the first comment starts, saying why', () => {
    const text = wrap(read('docs', 'configure-json-file.grouped-settings.fragment.json').toString('utf8'), 'root');
    const [finding] = validatePolicyBytes(Buffer.from(text), 'x.json').findings;
    expect(finding).toMatchObject({ level: 'rejected', code: 'syntax', line: 4, column: 20 });
    expect(finding?.message).toContain('Comments are not allowed');
  });

  it('the "*" allow list is valid, with a note that every image may mount the socket', () => {
    const text = wrap(
      read('docs', 'eci-config.wildcard-allowlist.fragment.json').toString('utf8'),
      'dockerSocketMount',
    );
    expect(validatePolicyBytes(Buffer.from(text), 'x.json').findings).toEqual([
      expect.objectContaining({ level: 'note', code: 'every-image', key: expect.stringContaining('images[0]') }),
    ]);
  });
});

describe('good files', () => {
  const files = readdirSync(join(ROOT, 'good'));
  it.each(files)('%s is valid', (file) => {
    const result = validatePolicyBytes(read('good', file), file);
    expect(result.findings.filter((f) => f.level !== 'note')).toEqual([]);
    expect(result.outcome).toBe('valid');
  });
});

// [file, outcome, worst finding {level, code, line, column}, suggestion?]
const BROKEN: Array<[string, string, Partial<PolicyFinding>]> = [
  ['trailing-comma.json', 'rejected', { level: 'rejected', code: 'syntax', line: 6, column: 3 }],
  ['comments.json', 'rejected', { level: 'rejected', code: 'syntax', line: 3, column: 3 }],
  ['bom.json', 'rejected', { level: 'rejected', code: 'bom', line: 1, column: 1 }],
  ['utf16.json', 'rejected', { level: 'rejected', code: 'encoding', line: 1, column: 1 }],
  [
    'typo-top-level-key.json',
    'ignored-parts',
    { level: 'ignored', code: 'unknown-key', line: 3, column: 3, suggestion: 'enhancedContainerIsolation' },
  ],
  [
    'value-is-a-string.json',
    'rejected',
    { level: 'rejected', code: 'wrong-type', key: 'enhancedContainerIsolation.value', line: 4, column: 14 },
  ],
  ['image-list-is-an-array.json', 'rejected', { level: 'rejected', code: 'wrong-type', line: 7, column: 20 }],
  [
    'image-pattern-upper-case.json',
    'uncertain',
    {
      level: 'uncertain',
      code: 'bad-image-pattern',
      key: 'enhancedContainerIsolation.dockerSocketMount.imageList.images[1]',
      line: 7,
      column: 68,
    },
  ],
  [
    'image-pattern-bad-digest.json',
    'uncertain',
    { level: 'uncertain', code: 'bad-image-pattern', line: 7, column: 33 },
  ],
  [
    'image-pattern-glob-in-name.json',
    'uncertain',
    { level: 'uncertain', code: 'undocumented-wildcard', line: 7, column: 33 },
  ],
  ['command-type-block.json', 'rejected', { level: 'rejected', code: 'bad-command-type', line: 7, column: 32 }],
  ['commands-is-a-string.json', 'rejected', { level: 'rejected', code: 'wrong-type', line: 7, column: 52 }],
  ['command-with-arguments.json', 'uncertain', { level: 'uncertain', code: 'bad-command', line: 7, column: 61 }],
  ['no-version.json', 'uncertain', { level: 'uncertain', code: 'no-version', line: 1, column: 1 }],
  ['version-is-a-string.json', 'rejected', { level: 'rejected', code: 'wrong-type', line: 2, column: 31 }],
  [
    'key-in-another-case.json',
    'uncertain',
    { level: 'uncertain', code: 'key-case', line: 3, column: 3, suggestion: 'enhancedContainerIsolation' },
  ],
  ['repeated-key.json', 'ignored-parts', { level: 'ignored', code: 'repeated-key', line: 4, column: 3 }],
  ['top-level-array.json', 'rejected', { level: 'rejected', code: 'wrong-type', line: 1, column: 1 }],
  ['null-locked.json', 'ignored-parts', { level: 'ignored', code: 'null-value', line: 3, column: 60 }],
  ['daemon-options-not-json.json', 'rejected', { level: 'rejected', code: 'bad-daemon-options', line: 4, column: 55 }],
  ['empty.json', 'rejected', { level: 'rejected', code: 'syntax', line: 1, column: 1 }],
  [
    'typo-nested-key.json',
    'ignored-parts',
    { level: 'ignored', code: 'unknown-key', line: 7, column: 7, suggestion: 'imageList' },
  ],
  ['truncated.json', 'rejected', { level: 'rejected', code: 'syntax', line: 5, column: 1 }],
  ['enum-not-documented.json', 'uncertain', { level: 'uncertain', code: 'not-an-option', line: 3, column: 53 }],
];

describe('broken files: the outcome, and the worst finding placed at its line and column', () => {
  it('the table covers every broken file', () => {
    expect(BROKEN.map(([f]) => f).sort()).toEqual(readdirSync(join(ROOT, 'broken')).sort());
  });

  it.each(BROKEN)('%s: %s', (file, outcome, expected) => {
    const result = validatePolicyBytes(read('broken', file), file);
    expect(result.outcome).toBe(outcome);
    expect(worst(result.findings)).toMatchObject(expected);
  });
});
