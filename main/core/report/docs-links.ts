// The only addresses a window may ask the app to open in the system browser: Docker's
// documentation over HTTPS. A compromised page could otherwise open any URL (a phishing page, a
// file: or custom-scheme handler) with the app's authority. Pure.

const DOCS_HOST = 'docs.docker.com';

/** The normalised address to open, or null when it is not a https://docs.docker.com/ page. */
export function docsUrl(candidate: unknown): string | null {
  if (typeof candidate !== 'string' || candidate.length > 500) return null;
  // Exactly the scheme and host, before any parsing leniency (backslashes, tabs, "https:docs…").
  if (!candidate.startsWith(`https://${DOCS_HOST}/`)) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (
    url.protocol !== 'https:' ||
    url.hostname !== DOCS_HOST ||
    url.port !== '' ||
    url.username !== '' ||
    url.password !== ''
  )
    return null;
  return url.href;
}
