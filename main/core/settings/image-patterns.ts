// Matching an image reference against the admin socket-mount allow list patterns:
// `name[:tag]`, `name:*`, `name@digest`, `*`, and `org/*:*` (a `*` path component). References are normalised the way Docker does
// (`alpine` is `docker.io/library/alpine:latest`). Pure.

export interface ImageRef {
  name: string;
  tag: string | null;
  digest: string | null;
}

export function parseImageRef(ref: string): ImageRef {
  let rest = ref.trim();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: normaliseName(rest), tag, digest };
}

/** `alpine` → `docker.io/library/alpine`; `me/app` → `docker.io/me/app`; registries kept. */
export function normaliseName(name: string): string {
  const lower = name.toLowerCase();
  const first = lower.split('/')[0] ?? '';
  const hasRegistry = lower.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasRegistry) return lower.replace(/^index\.docker\.io\//, 'docker.io/');
  return lower.includes('/') ? `docker.io/${lower}` : `docker.io/library/${lower}`;
}

export function imageMatches(pattern: string, image: string): boolean {
  if (pattern.trim() === '*') return true;
  const p = parseImageRef(pattern);
  const i = parseImageRef(image);
  if (!namesMatch(p.name, i.name)) return false;
  if (p.digest) return i.digest === p.digest;
  if (p.tag === '*') return true;
  return (p.tag ?? 'latest') === (i.tag ?? 'latest');
}

/**
 * A `*` path component (`testcontainers/*:*`, documented on ECI's configuration page) matches one
 * component. Whether Docker lets it span several is not documented: matching fewer images can only
 * make the socket check stricter than Desktop, never call a mount allow-listed that is not.
 */
function namesMatch(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  if (!pattern.includes('*')) return false;
  const p = pattern.split('/');
  const n = name.split('/');
  return p.length === n.length && p.every((c, k) => c === n[k] || (c === '*' && n[k] !== ''));
}

export function isAllowListed(image: string, patterns: string[]): boolean {
  return patterns.some((p) => imageMatches(p, image));
}
