// "Check image": the engine's and registries' own error texts become one human cause each, and
// the check says whether the probe can still run (the image is on this machine) when a pull fails.

import { describe, expect, it } from 'vitest';
import { EngineError } from '../engine/engine-errors';
import { checkProbeImage, imagePullCause, type ImagePuller } from './image-check';

const http = (message: string, status = 500) => new EngineError('http', 'image-pull', message, status, message);

describe('a pull failure as a human cause', () => {
  it.each<[string, unknown, string]>([
    [
      'DNS',
      http(
        'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 127.0.0.53:53: no such host',
      ),
      "Can't reach the image registry (check the network or proxy)",
    ],
    [
      'a registry that does not answer',
      http(
        'Get "https://registry-1.docker.io/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)',
      ),
      "Can't reach the image registry (check the network or proxy)",
    ],
    [
      'a proxy with its own certificate',
      http(
        'Get "https://registry-1.docker.io/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority',
      ),
      "The registry's certificate is not trusted on this machine",
    ],
    [
      'a tag that does not exist',
      http('manifest for alpine:nope not found: manifest unknown: manifest unknown', 404),
      'No image by that name (check the spelling and the tag)',
    ],
    [
      'a repository that does not exist (or is private)',
      http(
        "pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
        404,
      ),
      'No image by that name, or the registry needs you to sign in',
    ],
    [
      'a private registry',
      http('Head "https://ghcr.io/v2/acme/probe/manifests/1": unauthorized', 401),
      'The registry refused the download (sign in to it, or the image is private)',
    ],
    [
      'the rate limit',
      http('toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating'),
      'The registry limits downloads right now (try again later, or sign in)',
    ],
    [
      'no image for this platform',
      http('no matching manifest for linux/arm64/v8 in the manifest list entries', 404),
      "The image has no version for this machine's platform",
    ],
    [
      'the engine stopped answering during the pull',
      new EngineError('timeout', 'image-pull', 'image-pull: the engine did not answer within 1 min'),
      'The download took too long',
    ],
    [
      'no engine',
      new EngineError('unreachable', 'image-pull', 'image-pull: nothing listens on /var/run/docker.sock'),
      "Docker isn't running",
    ],
    [
      'Docker Desktop paused',
      new EngineError('paused', 'image-pull', 'image-pull: Docker Desktop is manually paused'),
      'Docker Desktop is paused',
    ],
    [
      'a disk full',
      new Error('write /var/lib/docker/tmp/x: no space left on device'),
      'Not enough disk space for the image',
    ],
    ['anything else', new Error('unexpected EOF'), "Can't download the image"],
  ])('%s', (_what, err, cause) => expect(imagePullCause(err)).toBe(cause));
});

/** An engine that pulls (or fails with `pullError`) and has the images in `present`. */
function engine(pullError: Error | null, present: string[] = []): ImagePuller & { pulls: Array<[string, number]> } {
  const pulls: Array<[string, number]> = [];
  return {
    pulls,
    async pullImage(name, timeoutMs) {
      pulls.push([name, timeoutMs]);
      if (pullError) throw pullError;
    },
    async imageExists(name) {
      return present.includes(name);
    },
  };
}

describe('checkProbeImage', () => {
  it('a pull that succeeds: the image can be downloaded; the timeout reaches the engine', async () => {
    const e = engine(null);
    expect(await checkProbeImage(e, 'alpine:3.20', 5_000)).toEqual({
      image: 'alpine:3.20',
      pullable: true,
      present: true,
      cause: null,
      message: 'alpine:3.20 can be downloaded.',
    });
    expect(e.pulls).toEqual([['alpine:3.20', 5_000]]);
  });

  it('a failed pull of an image on this machine: checks still run, and the cause is given', async () => {
    const r = await checkProbeImage(engine(http('dial tcp: lookup x: no such host'), ['alpine:3.20']), 'alpine:3.20');
    expect(r).toMatchObject({ pullable: false, present: true });
    expect(r.message).toBe(
      "alpine:3.20 is on this machine, so checks can run, but it can't be downloaded again: Can't reach the image registry (check the network or proxy).",
    );
  });

  it('a failed pull of an image not here: checks need it', async () => {
    const r = await checkProbeImage(engine(http('manifest unknown', 404)), 'alpine:nope');
    expect(r).toMatchObject({
      pullable: false,
      present: false,
      cause: 'No image by that name (check the spelling and the tag)',
    });
    expect(r.message).toMatch(/^alpine:nope can't be downloaded: No image by that name .*Checks need it/);
  });

  it('an engine that fails the presence check too counts the image as absent', async () => {
    const e = engine(new Error('unexpected EOF'));
    e.imageExists = async () => {
      throw new Error('gone');
    };
    expect(await checkProbeImage(e, 'x')).toMatchObject({ present: false, cause: "Can't download the image" });
  });
});
