// Which addresses a window may have opened in the system browser: Docker's docs over HTTPS only.

import { describe, expect, it } from 'vitest';
import { docsUrl } from './docs-links';

const ECI = 'https://docs.docker.com/enterprise/security/hardened-desktop/enhanced-container-isolation/';

describe('docsUrl', () => {
  it.each([
    ['the ECI page', ECI, ECI],
    ['its limitations page', `${ECI}limitations/`, `${ECI}limitations/`],
    ['an anchor', `${ECI}#how-to-enable`, `${ECI}#how-to-enable`],
    ['a query is kept as a query', 'https://docs.docker.com/search/?q=eci', 'https://docs.docker.com/search/?q=eci'],
    ['dots in the path stay on the host', 'https://docs.docker.com/a/../../etc', 'https://docs.docker.com/etc'],
  ])('allowed: %s', (_name, url, opened) => {
    expect(docsUrl(url)).toBe(opened);
  });

  it.each([
    ['plain http', 'http://docs.docker.com/'],
    ['another host', 'https://example.com/'],
    ['a look-alike host', 'https://docs.docker.com.evil.example/'],
    ['a subdomain prefix', 'https://evil.docs.docker.com/'],
    ['user info before the host', 'https://docs.docker.com@evil.example/'],
    ['user info that keeps the host', 'https://user:pw@docs.docker.com/'],
    ['a port', 'https://docs.docker.com:8443/'],
    ['no slash after the host', 'https://docs.docker.com'],
    ['upper case scheme', 'HTTPS://docs.docker.com/'],
    ['backslashes', 'https:\\\\docs.docker.com\\'],
    ['a leading space', ' https://docs.docker.com/'],
    ['a file URL', 'file:///etc/passwd'],
    ['a javascript URL', 'javascript:alert(1)//https://docs.docker.com/'],
    ['a custom scheme', 'docker-desktop://dashboard'],
    ['too long', `https://docs.docker.com/${'a'.repeat(600)}`],
    ['not a string', 42],
    ['nothing', undefined],
  ])('refused: %s', (_name, url) => {
    expect(docsUrl(url)).toBeNull();
  });
});
