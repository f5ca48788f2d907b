// Image references the cleanup names (snapshot tags), checked against the distribution reference
// grammar (github.com/distribution/reference, regexp.go): lowercase path components separated by
// "/", each `[a-z0-9]+` joined by ".", "_", "__" or runs of "-"; a tag `[\w][\w.-]{0,127}`; the
// name at most 255 characters. Container names allow uppercase and trailing separators, so they
// are mapped, never used as they are. Pure.

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const MAX_NAME = 255;

/** Why `ref` (`name[:tag]`, no registry host) is not a valid image reference, or null when it is. */
export function referenceProblem(ref: string): string | null {
  const colon = ref.lastIndexOf(':');
  const name = colon > ref.lastIndexOf('/') ? ref.slice(0, colon) : ref;
  const tag = colon > ref.lastIndexOf('/') ? ref.slice(colon + 1) : null;
  if (!name) return 'the name is empty';
  if (name.length > MAX_NAME) return `the name is longer than ${MAX_NAME} characters`;
  const bad = name.split('/').find((c) => !COMPONENT.test(c));
  if (bad !== undefined)
    return `"${bad}" is not a valid name component (lowercase letters and digits, joined by ".", "_", "__" or "-")`;
  if (tag !== null && !TAG.test(tag)) return `"${tag}" is not a valid tag`;
  return null;
}

/** A container name as one valid path component: lowercase, every other run of characters a "-". */
export function nameComponent(containerName: string, maxLength = 100): string {
  const mapped = containerName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return mapped || 'container';
}
