// An Engine API request line as a trace keeps it: the API version prefix dropped, every path
// segment that is not a word of the API replaced by its stand-in (ids and image names), and of
// the query only its keys (and the names of the filters), never their values.

/** Gives each name its stand-in (Pseudonyms); a replay passes names through as they come. */
export interface Namer {
  value(text: string): string;
}

/** Path segments of the Engine API that identify nothing. */
const API_WORDS = new Set([
  '_ping',
  'version',
  'info',
  'events',
  'containers',
  'images',
  'networks',
  'volumes',
  'exec',
  'system',
  'json',
  'create',
  'start',
  'stop',
  'kill',
  'restart',
  'wait',
  'logs',
  'attach',
  'archive',
  'changes',
  'rename',
  'resize',
  'pause',
  'unpause',
  'history',
  'commit',
  'prune',
  'df',
  'connect',
  'disconnect',
  'top',
  'stats',
  'export',
  'update',
  'tag',
  'push',
  'load',
  'get',
  'search',
]);

export interface RequestLine {
  path: string;
  query: string[];
}

/** Splits a request path (absolute URL, or path with query) into what a trace keeps. */
export function requestLine(raw: string, names: Namer): RequestLine {
  const withoutOrigin = raw.replace(/^[a-z]+:\/\/[^/]*/i, '');
  const [pathPart = '/', queryPart = ''] = withoutOrigin.split('?', 2);
  const segments = pathPart
    .split('/')
    .filter(Boolean)
    .map((s) => safeDecode(s));
  if (segments[0] && /^v\d+\.\d+$/.test(segments[0])) segments.shift();
  const path =
    '/' +
    imageNameJoined(segments)
      .map((s) => (API_WORDS.has(s) ? s : names.value(s)))
      .join('/');
  return { path, query: queryKeys(queryPart) };
}

/** An image name may hold slashes (`registry/team/app:tag`): one name, one stand-in. */
function imageNameJoined(segments: string[]): string[] {
  if (segments[0] !== 'images' || segments.length < 2) return segments;
  const last = segments[segments.length - 1] ?? '';
  if (segments.length === 2) return segments;
  return API_WORDS.has(last)
    ? ['images', segments.slice(1, -1).join('/'), last]
    : ['images', segments.slice(1).join('/')];
}

function queryKeys(query: string): string[] {
  const keys = new Set<string>();
  for (const [key, value] of new URLSearchParams(query)) {
    if (key !== 'filters') {
      keys.add(/^[a-z_]+$/i.test(key) ? key : '?');
      continue;
    }
    let names: string[] = [];
    try {
      const parsed = JSON.parse(value) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) names = Object.keys(parsed);
    } catch {
      // Not JSON: the filter's names are unknown.
    }
    keys.add(
      `filters[${names
        .filter((n) => /^[a-z_-]+$/i.test(n))
        .sort()
        .join(',')}]`,
    );
  }
  return [...keys].sort();
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The key a replay matches a request on: method, path and query keys. */
export function matchKey(method: string, line: RequestLine): string {
  return `${method.toUpperCase()} ${line.path}${line.query.length ? '?' + line.query.join('&') : ''}`;
}
