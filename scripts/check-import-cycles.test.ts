// The import-circle check on small trees written to a temp directory: a two-file circle (through
// `import type` alone), a three-file one (through export-from and import()) are each reported as a
// chain; a tree whose arrows all run one way passes; and the project itself has none.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importCycles } from './check-import-cycles';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'eci-cycles-'));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

describe('check-import-cycles', () => {
  it('reports a two-file circle made of type-only imports', () => {
    const root = tree({
      'main/a.ts': "import type { B } from './b';\nexport type A = { b?: B };\n",
      'main/b.ts': "import type { A } from './a';\nexport type B = { a?: A };\n",
    });
    expect(importCycles(root)).toEqual(['main/a.ts -> main/b.ts -> main/a.ts']);
  });

  it('reports a three-file circle across folders, through export-from, import() and require', () => {
    const root = tree({
      'main/core/x.ts': "export { y } from './y';\nexport const x = 1;\n",
      'main/core/y.ts': "export const y = () => import('../../scripts/z');\n",
      'scripts/z.ts': "const { x } = require('../main/core/x');\nexport const z = x;\n",
    });
    expect(importCycles(root)).toEqual(['main/core/x.ts -> main/core/y.ts -> scripts/z.ts -> main/core/x.ts']);
  });

  it('reports both circles of one tree', () => {
    const root = tree({
      'main/a.ts': "import { b } from './b';\nexport const a = b;\n",
      'main/b.ts': "import type { A } from './a';\nexport const b = 1 as unknown as A;\n",
      'renderer/p.ts': "import { q } from './q';\nexport const p = q;\n",
      'renderer/q.ts': "import { r } from './r';\nexport const q = r;\n",
      'renderer/r.ts': "import { p } from './p';\nexport const r = p;\n",
    });
    expect(importCycles(root)).toEqual([
      'main/a.ts -> main/b.ts -> main/a.ts',
      'renderer/p.ts -> renderer/q.ts -> renderer/r.ts -> renderer/p.ts',
    ]);
  });

  it('passes a tree whose imports all run one way (a diamond, packages and built-ins)', () => {
    const root = tree({
      'main/top.ts': "import { l } from './left';\nimport { r } from './right';\nexport const t = l + r;\n",
      'main/left.ts': "import { leaf } from './leaf';\nexport const l = leaf;\n",
      'main/right.ts': "import type { Leaf } from './leaf';\nimport { z } from 'zod';\nexport const r: Leaf = 1;\n",
      'main/leaf.ts': "import { join } from 'node:path';\nexport type Leaf = number;\nexport const leaf = 1;\n",
    });
    expect(importCycles(root)).toEqual([]);
  });

  it('finds no circle in this project', () => {
    expect(importCycles(join(__dirname, '..'))).toEqual([]);
  }, 60_000); // every file of the project, resolved: seconds on a busy machine
});
