// The syntax of one entry of `dockerSocketMount.imageList.images`, said in words. Docker documents
// `name[:tag]`, `name:*` (any tag), `name@digest`, `*` (every image, Desktop 4.36+) and a `*` path
// component in the name (`testcontainers/*:*`, `your-registry.com/ci-tools/*:*`). Names follow the
// Docker reference grammar (lower case path components, an optional registry host[:port]). Pure.

import { parseImageRef } from './image-patterns';

export type PatternVerdict =
  | { ok: true; everyImage: boolean }
  /** `undocumented`: a wildcard Docker does not document (it may match or not); else plainly invalid. */
  | { ok: false; undocumented: boolean; reason: string };

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]{1,5})?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^([a-z0-9]+(?:[.+_-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/;

export function checkImagePattern(pattern: string): PatternVerdict {
  const bad = (reason: string): PatternVerdict => ({ ok: false, undocumented: false, reason });
  const odd = (reason: string): PatternVerdict => ({ ok: false, undocumented: true, reason });
  if (pattern === '*') return { ok: true, everyImage: true };
  if (pattern.trim() === '') return bad('it is empty');
  if (/\s/.test(pattern)) return bad('it contains white space');
  if (pattern.split('@').length > 2) return bad('it has more than one "@"');

  // Tag and digest split as the probe's matcher splits them (image-patterns.ts); the name is kept
  // as written, since the matcher lower-cases it and upper case is an error here.
  const { tag, digest } = parseImageRef(pattern);
  const name = pattern.slice(
    0,
    pattern.length - (digest !== null ? digest.length + 1 : 0) - (tag !== null ? tag.length + 1 : 0),
  );
  if (name === '') return bad('it has no image name');

  const parts = name.split('/');
  const first = parts[0] as string;
  const hasHost = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasHost && !HOST.test(first)) return bad(`"${first}" is not a registry host[:port]`);
  let undocumentedWildcard: string | null = null;
  for (const part of hasHost ? parts.slice(1) : parts) {
    if (part === '*') continue;
    if (part.includes('*')) {
      const literal = part.replace(/\*/g, 'x');
      if (!COMPONENT.test(literal)) return bad(`"${part}" is not a valid name component`);
      undocumentedWildcard ??= `"${part}" puts "*" inside a name component; Docker documents "*" only as a whole component ("org/*:*")`;
      continue;
    }
    if (part === '') return bad('it has an empty name component ("//" or a trailing "/")');
    if (part !== part.toLowerCase()) return bad(`"${part}" has upper-case letters; image names are lower case`);
    if (!COMPONENT.test(part)) return bad(`"${part}" is not a valid name component`);
  }

  if (tag !== null && tag !== '*') {
    if (tag.includes('*'))
      undocumentedWildcard ??= `the tag "${tag}" mixes "*" with text; Docker documents only ":*" (any tag)`;
    else if (!TAG.test(tag)) return bad(`":${tag}" is not a valid tag`);
  }
  if (tag === '' || (tag !== null && tag.includes('*') && !TAG.test(tag.replace(/\*/g, 'x'))))
    return bad(`":${tag ?? ''}" is not a valid tag`);

  if (digest !== null) {
    const m = DIGEST.exec(digest);
    if (!m) return bad(`"@${digest}" is not a digest (algorithm:hex, e.g. sha256:<64 hex digits>)`);
    if (m[1] === 'sha256' && !/^[a-f0-9]{64}$/.test(m[2] as string))
      return bad(`"@${digest}": a sha256 digest is 64 lower-case hex digits`);
    if (tag === '*') return bad('it combines ":*" (any tag) with a digest; a digest names exactly one image');
  }
  if (undocumentedWildcard) return odd(undocumentedWildcard);
  return { ok: true, everyImage: false };
}
