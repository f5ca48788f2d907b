// Fails when any import circle exists among the project's own files (import, import type,
// export ... from, import(), require): a circle means two modules cannot be read, tested or moved
// apart, and a runtime one can leave a binding undefined at load. Run by `npm run lint`.
//
//   tsx scripts/check-import-cycles.ts [root]

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** The folders whose TypeScript is checked, relative to the root. */
export const CHECKED_DIRS = ['main', 'renderer', 'e2e', 'scripts', 'bench'];

const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git']);

function tsFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) out.push(...tsFiles(full));
    } else if (/\.(m|c)?ts$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.Node16,
  moduleResolution: ts.ModuleResolutionKind.Node16,
  resolveJsonModule: true,
  allowJs: false,
};

/** Each file's imports that resolve to another checked file (type-only ones included). */
export function importGraph(root: string, dirs = CHECKED_DIRS): Map<string, string[]> {
  const files = dirs.flatMap((d) => tsFiles(path.join(root, d)));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    // preProcessFile scans the syntax alone: `import type`, `export ... from`, import() and require.
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue; // packages and node: built-ins cannot close a circle
      const resolved = ts.resolveModuleName(fileName, file, OPTIONS, ts.sys).resolvedModule?.resolvedFileName;
      if (resolved && known.has(path.resolve(resolved))) targets.add(path.resolve(resolved));
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** A group of files that reach each other, and one chain through it that returns to its start. */
export interface Circle {
  chain: string[];
  members: string[];
}

/** One circle per strongly connected group of files. */
export function findCycles(graph: Map<string, string[]>): Circle[] {
  // Tarjan's strongly connected components, iteratively (deep chains would overflow the stack).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let next = 0;
  for (const start of [...graph.keys()].sort()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; i: number }> = [{ node: start, i: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const edges = graph.get(top.node) ?? [];
      if (top.i < edges.length) {
        const to = edges[top.i++]!;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, i: 0 });
        } else if (onStack.has(to)) low.set(top.node, Math.min(low.get(top.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === index.get(top.node)) {
        const group: string[] = [];
        let n: string;
        do {
          n = stack.pop()!;
          onStack.delete(n);
          group.push(n);
        } while (n !== top.node);
        const selfLoop = (graph.get(top.node) ?? []).includes(top.node);
        if (group.length > 1 || selfLoop) groups.push(group);
      }
    }
  }
  return groups.map((g) => ({ chain: circleIn(graph, new Set(g)), members: g.sort() }));
}

/** A shortest chain from the group's first file back to itself, inside the group. */
function circleIn(graph: Map<string, string[]>, group: Set<string>): string[] {
  const start = [...group].sort()[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const n = queue.shift()!;
    for (const to of graph.get(n) ?? []) {
      if (!group.has(to)) continue;
      if (to === start) {
        const chain = [start];
        for (let at: string | undefined = n; at !== undefined && at !== start; at = cameFrom.get(at)) chain.unshift(at);
        chain.unshift(start);
        return chain;
      }
      if (!cameFrom.has(to)) {
        cameFrom.set(to, n);
        queue.push(to);
      }
    }
  }
  return [start, start];
}

/**
 * The circles under root, each as "a.ts -> b.ts -> a.ts" (paths relative to root), followed by
 * the group's other files when the chain does not pass through them all.
 */
export function importCycles(root: string, dirs = CHECKED_DIRS): string[] {
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');
  return findCycles(importGraph(root, dirs)).map(({ chain, members }) => {
    const others = members.filter((m) => !chain.includes(m));
    const line = chain.map(rel).join(' -> ');
    return others.length ? `${line}  (same circle: ${others.map(rel).join(', ')})` : line;
  });
}

if (require.main === module) {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
  const cycles = importCycles(root);
  if (cycles.length > 0) {
    process.stderr.write(`check-import-cycles: ${cycles.length} import circle(s):\n`);
    for (const c of cycles) process.stderr.write(`  ${c}\n`);
    process.exitCode = 1;
  } else process.stdout.write('check-import-cycles: no import circles\n');
}
