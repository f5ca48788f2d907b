// What the docs test checks in README.md and docs/*.md, as pure functions over a document's text
// (and a file lookup), so each rule can be shown to catch a bad sample: links and anchors that
// resolve, `eci-tray` commands and flags that exist, and repository paths that exist.

import { posix } from 'node:path';

export interface Doc {
  /** Path from the repository root, with forward slashes (`docs/CLI.md`). */
  path: string;
  text: string;
}

export interface Problem {
  path: string;
  line: number;
  message: string;
}

interface Line {
  n: number;
  text: string;
  code: boolean;
}

/** Each line, marked as code when inside a fenced block or an indented block (after a blank line). */
export function lines(text: string): Line[] {
  const out: Line[] = [];
  let fenced = false;
  let indented = false;
  let prevBlank = true;
  text.split('\n').forEach((text, i) => {
    const n = i + 1;
    if (/^\s*(```|~~~)/.test(text)) {
      fenced = !fenced;
      out.push({ n, text, code: true });
      prevBlank = false;
      return;
    }
    const blank = text.trim() === '';
    if (!fenced) {
      if (/^( {4}|\t)/.test(text) && (prevBlank || indented)) indented = true;
      else if (!blank) indented = false;
    }
    out.push({ n, text, code: fenced || (indented && !blank) });
    prevBlank = blank;
  });
  return out;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a document offers (duplicates numbered as GitHub does). */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const l of lines(text)) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(l.text);
    if (l.code || !m) continue;
    const base = slug(m[1] as string);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    out.add(count === 0 ? base : `${base}-${count}`);
  }
  return out;
}

/** Relative links and images outside code: each must name a file that exists, and a heading of it. */
export function linkProblems(doc: Doc, docs: ReadonlyMap<string, string>, exists: (path: string) => boolean) {
  const problems: Problem[] = [];
  for (const l of lines(doc.text)) {
    if (l.code) continue;
    for (const m of l.text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = m[1] as string;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      const [file = '', anchor] = target.split('#', 2);
      const resolved = file === '' ? doc.path : posix.normalize(posix.join(posix.dirname(doc.path), file));
      const say = (message: string) => problems.push({ path: doc.path, line: l.n, message });
      if (resolved.startsWith('..')) {
        say(`link ${target} leaves the repository`);
        continue;
      }
      if (!exists(resolved)) {
        say(`link ${target}: ${resolved} does not exist`);
        continue;
      }
      if (anchor === undefined) continue;
      const text = docs.get(resolved);
      if (text === undefined) say(`link ${target}: an anchor into ${resolved}, which is not a checked document`);
      else if (!anchors(text).has(anchor)) say(`link ${target}: ${resolved} has no heading with the anchor #${anchor}`);
    }
  }
  return problems;
}

export interface CommandUse {
  line: number;
  /** The command and, for `policy`, its subcommand: ['check'] or ['policy', 'validate']. */
  words: string[];
  flags: string[];
}

/**
 * `eci-tray <command> ...` lines in code blocks (after `$ ` or `npx `), with their usage continuation
 * lines; not the CLI's own messages (`eci-tray watch: engine went away`).
 */
export function commandUses(text: string): CommandUse[] {
  const out: CommandUse[] = [];
  let last: CommandUse | null = null;
  for (const l of lines(text)) {
    if (!l.code) {
      last = null;
      continue;
    }
    const m = /^\s*(?:\$\s+)?(?:npx\s+)?eci-tray\s+([a-z][a-z-]*)(?![a-z-]|:)(.*)$/.exec(l.text);
    if (m) {
      const [, command, rest = ''] = m;
      const sub = command === 'policy' ? /^\s+([a-z][a-z-]*)/.exec(rest)?.[1] : undefined;
      last = { line: l.n, words: sub ? [command as string, sub] : [command as string], flags: flagsIn(rest) };
      out.push(last);
    } else if (last && /^\s+\[/.test(l.text)) {
      last.flags.push(...flagsIn(l.text));
    } else {
      last = null;
    }
  }
  return out;
}

function flagsIn(text: string): string[] {
  return [...text.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)].map((m) => m[0]);
}

/** The flags of a use that its command's help does not list. */
export function unknownFlags(use: CommandUse, help: string): string[] {
  return use.flags.filter((flag) => !new RegExp(`(^|[^\\w-])${flag}(?![\\w-])`).test(help));
}

/** Paths into the tree (`main/core/verify/verdict.ts`, `e2e/lab/`, `e2e/integration/faults-kill-*.test.ts`) named anywhere. */
export function repoPaths(text: string): Array<{ line: number; path: string }> {
  const out: Array<{ line: number; path: string }> = [];
  for (const l of lines(text)) {
    const re = /(?<![\w./$-])((?:main|renderer|e2e|scripts|fleet|bench|build)\/[\w.*/-]*[\w*/])/g;
    for (const m of l.text.matchAll(re)) {
      const path = m[1] as string;
      if (l.code && /^\s*(?:\$ )?npm /.test(l.text)) continue;
      out.push({ line: l.n, path });
    }
  }
  return out;
}

/** A path that may hold `*` (within one name) as a regular expression over repository paths. */
export function pathPattern(path: string): RegExp {
  const body = path
    .replace(/\/$/, '')
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${body}(/|$)`);
}

/**
 * Rows of a `| decision | file | function |` table whose functions are not in their files: a file
 * cell names paths (a bare name continues the folder of the path before it) and the function cell
 * names identifiers (`a`, `a(x)`); `Class.method` is looked for in `elsewhere` too (a port read
 * through another module).
 */
export function decisionProblems(text: string, read: (path: string) => string | undefined, elsewhere = ''): Problem[] {
  const problems: Problem[] = [];
  let inTable = false;
  for (const l of lines(text)) {
    if (/^\| decision \| file \| function \|/.test(l.text)) inTable = true;
    else if (!l.text.startsWith('|')) inTable = false;
    if (!inTable || /^\| (decision|---) /.test(l.text)) continue;
    const [, , fileCell = '', fnCell = ''] = l.text.split(/\s\|\s|^\|\s/);
    let dir = '';
    const sources = [...fileCell.matchAll(/`([^`]+)`/g)].map((m) => {
      const named = m[1] as string;
      const path = named.includes('/') ? named : posix.join(dir, named);
      dir = posix.dirname(path);
      return read(path) ?? '';
    });
    for (const m of fnCell.matchAll(/`([A-Za-z_$][\w$.]*)(?:\([^`]*\))?`/g)) {
      const parts = (m[1] as string).split('.');
      const name = parts[parts.length - 1] as string;
      const word = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`);
      if (sources.some((s) => word.test(s)) || (parts.length > 1 && word.test(elsewhere))) continue;
      problems.push({ path: '', line: l.n, message: `${m[1]} is not in ${fileCell.trim()}` });
    }
  }
  return problems;
}
