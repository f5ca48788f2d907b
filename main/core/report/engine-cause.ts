// Raw engine errors (Go's, the resolver's, the registry's) mapped to a cause a user can act on:
// the pages show the cause and its button; the raw text stays under "Show evidence". Pure.

export type EngineCause =
  | 'image-not-found'
  | 'registry-unreachable'
  | 'pull-rate-limit'
  | 'disk-full'
  | 'permission-denied'
  | 'engine-slow'
  | 'other';

/** First match wins: a pull that times out on DNS is a registry problem, not a slow engine. */
const CAUSES: ReadonlyArray<[EngineCause, RegExp]> = [
  ['pull-rate-limit', /toomanyrequests|pull rate limit|rate limit exceeded/i],
  ['disk-full', /no space left on device/i],
  [
    'registry-unreachable',
    /no such host|dial tcp|lookup [^ ]+ on|server misbehaving|network is unreachable|tls handshake|x509:|proxyconnect|temporary failure in name resolution|connection refused.*(registry|docker\.io)/i,
  ],
  [
    'image-not-found',
    /manifest unknown|not found: manifest|repository does not exist|pull access denied|no such image|unable to find image|could not be pulled|manifest for .* not found/i,
  ],
  ['permission-denied', /permission denied|EACCES|access is denied/i],
  ['engine-slow', /timed out|timeout|context deadline exceeded|ECONNRESET|socket hang up/i],
];

export function engineCause(errors: readonly string[]): EngineCause {
  for (const [cause, pattern] of CAUSES) if (errors.some((e) => pattern.test(e))) return cause;
  return 'other';
}

/** Each cause as the top of a page says it: a title of at most five words and one sentence. */
export const ENGINE_CAUSE_TEXT: Record<EngineCause, { title: string; sentence: (image: string) => string }> = {
  'image-not-found': {
    title: "Can't download the probe image",
    sentence: (image) => `The probe image ${image} was not found, or the registry wants a sign-in.`,
  },
  'registry-unreachable': {
    title: "Can't download the probe image",
    sentence: (image) => `The registry of ${image} could not be reached: check the network, proxy or VPN.`,
  },
  'pull-rate-limit': {
    title: "Can't download the probe image",
    sentence: () => "Docker Hub's pull limit was reached: sign in to Docker Desktop or try again later.",
  },
  'disk-full': {
    title: "Docker's disk is full",
    sentence: () => 'The probe container could not start because Docker Desktop has no disk space left.',
  },
  'permission-denied': {
    title: 'No permission to use Docker',
    sentence: () => 'Your account may not use the Docker engine, so the probe could not run.',
  },
  'engine-slow': {
    title: 'Docker is slow to answer',
    sentence: () => 'The engine did not answer in time; it may be waking up.',
  },
  other: {
    title: 'Could not verify ECI',
    sentence: () => 'The probe gave no clear answer; the evidence shows what the engine said.',
  },
};
