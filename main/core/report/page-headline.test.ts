import { describe, expect, it } from 'vitest';
import { engineCause, type EngineCause } from './engine-cause';
import { checksSummary, pageHeadline } from './page-headline';
import { PAGE_STATES } from './testing/page-states';

const byName = (name: string) => {
  const s = PAGE_STATES.find((p) => p.name === name)!;
  return pageHeadline(s.state, s.forward);
};

describe('pageHeadline: one title, one sentence, one primary button per state', () => {
  it.each<[string, string, string | null, string]>([
    ['not-checked', 'Not checked yet', null, 'inactive'],
    ['protected', 'Protected', null, 'protected'],
    ['off', 'ECI is off', 'Turn ECI on…', 'unprotected'],
    ['off-by-policy', 'ECI is off by policy', null, 'inactive'],
    ['pending-restart', 'ECI not applied yet', 'Quit and reopen Docker Desktop…', 'needs-action'],
    ['pending-menu-restart', 'ECI not applied yet', 'Quit and reopen Docker Desktop…', 'needs-action'],
    ['not-applied', 'ECI setting not applied', null, 'needs-action'],
    ['unprotected-containers-1', 'Containers from before ECI', 'Review 1 container…', 'needs-action'],
    ['unprotected-containers-3', 'Containers from before ECI', 'Review 3 containers…', 'needs-action'],
    ['settings-broken', "Docker Desktop won't start", 'Copy report for IT', 'unprotected'],
    ['engine-unreachable', 'Docker is not running', 'Start Docker Desktop', 'inactive'],
    ['paused', 'Docker Desktop is paused', null, 'inactive'],
    ['not-docker-desktop', 'Not using Docker Desktop', 'Copy the command', 'unprotected'],
    ['unsupported-version', 'Docker Desktop too old', null, 'needs-action'],
    ['unknown-image-missing', "Can't download the probe image", 'Copy the pull command', 'needs-action'],
    ['unknown-dns', "Can't download the probe image", 'Copy the pull command', 'needs-action'],
    ['unknown-other', 'Could not verify ECI', null, 'needs-action'],
  ])('%s: "%s", primary %s, glyph %s', (name, title, primary, glyph) => {
    const h = byName(name);
    expect(h.title).toBe(title);
    expect(h.primary?.label ?? null).toBe(primary);
    expect(h.glyph).toBe(glyph);
  });

  it('every state has a title of at most five words and exactly one sentence', () => {
    expect(PAGE_STATES.length).toBeGreaterThanOrEqual(17);
    for (const { name, state, forward } of PAGE_STATES) {
      const h = pageHeadline(state, forward);
      expect(h.title.split(/\s+/).length, name).toBeLessThanOrEqual(5);
      // One sentence: one full stop, at the end (file names and versions hold dots, so count ". ").
      expect(h.sentence, name).toMatch(/[.]$/);
      expect(h.sentence.split(/[.!?] /).length, name).toBe(1);
    }
  });

  it('a user who cannot edit the admin file copies a report for IT; opening the file stays second', () => {
    const h = byName('settings-broken');
    expect(h.secondary.map((a) => a.label)).toEqual(['Open the file']);
    expect(h.why.join(' ')).toContain('line 5, column 3');
  });

  it('no raw engine error in the title or the sentence of a state that could not verify', () => {
    for (const name of ['unknown-dns', 'unknown-image-missing', 'engine-unreachable']) {
      const h = byName(name);
      expect(`${h.title} ${h.sentence}`).not.toMatch(/dial tcp|no such host|manifest unknown|ENOENT/);
    }
    expect(byName('unknown-dns').command).toBe('docker pull docker.io/library/busybox:1.36');
  });

  it('"Last verified" only when a probe saw something; not Docker Desktop shows no pass colours', () => {
    expect(byName('engine-unreachable').verified).toBe(false);
    expect(byName('unknown-dns').verified).toBe(false);
    expect(byName('protected').verified).toBe(true);
    expect(byName('not-docker-desktop').checksAreNotEci).toBe(true);
    expect(byName('protected').checksAreNotEci).toBe(false);
  });

  it('the count follows grammar', () => {
    expect(byName('unprotected-containers-1').sentence).toMatch(/^1 container from before ECI runs without it/);
    expect(byName('unprotected-containers-3').sentence).toMatch(/^3 containers from before ECI run without it/);
  });
});

describe('engineCause: raw engine errors to a cause with a fix', () => {
  it.each<[string, EngineCause]>([
    ['dial tcp: lookup registry-1.docker.io on 192.168.65.7:53: no such host', 'registry-unreachable'],
    ['Get "https://registry-1.docker.io/v2/": net/http: TLS handshake timeout', 'registry-unreachable'],
    ['dial tcp 10.0.0.1:443: connect: network is unreachable', 'registry-unreachable'],
    ['x509: certificate signed by unknown authority', 'registry-unreachable'],
    ['manifest for busybox:9 not found: manifest unknown', 'image-not-found'],
    ['pull access denied for eci-tray-lab/missing, repository does not exist', 'image-not-found'],
    ['toomanyrequests: You have reached your pull rate limit', 'pull-rate-limit'],
    ['write /var/lib/docker/tmp: no space left on device', 'disk-full'],
    ['connect EACCES /var/run/docker.sock', 'permission-denied'],
    ['context deadline exceeded', 'engine-slow'],
    ['socket hang up', 'engine-slow'],
    ['uid_map was empty', 'other'],
    ['', 'other'],
  ])('%s → %s', (text, cause) => {
    expect(engineCause([text])).toBe(cause);
  });
});

describe('checksSummary', () => {
  it.each<[string, string]>([
    ['protected', '4 of 4 checks passed'],
    ['off', '0 of 4 checks passed'],
    ['unknown-other', '3 of 4 checks passed'],
  ])('%s: %s', (name, text) => {
    const s = PAGE_STATES.find((p) => p.name === name)!.state!;
    expect(checksSummary(s.report.checks)).toBe(text);
  });
});
