import { describe, expect, it } from 'vitest';
import { imageMatches, normaliseName } from './image-patterns';

describe('allow-list patterns', () => {
  it.each([
    ['*', 'anything:1', true],
    ['alpine', 'alpine:latest', true],
    ['alpine', 'docker.io/library/alpine', true],
    ['docker.io/library/alpine:latest', 'alpine', true],
    ['alpine:3.20', 'alpine:latest', false],
    ['alpine:*', 'alpine:3.20', true],
    ['docker.io/testcontainers/ryuk:*', 'testcontainers/ryuk:0.11.0', true],
    ['testcontainers/ryuk', 'docker.io/testcontainers/ryuk:latest', true],
    ['myreg:5000/team/app:*', 'myreg:5000/team/app:v1', true],
    ['myreg:5000/team/app', 'team/app', false],
    ['alpine@sha256:abc', 'alpine@sha256:abc', true],
    ['alpine@sha256:abc', 'alpine:latest', false],
    ['testcontainers/*:*', 'testcontainers/ryuk:0.11.0', true],
    ['testcontainers/*:*', 'docker.io/testcontainers/sshd:1', true],
    ['testcontainers/*:*', 'other/ryuk:1', false],
    ['testcontainers/*:*', 'testcontainers/sub/ryuk:1', false],
    ['your-registry.com/ci-tools/*:*', 'your-registry.com/ci-tools/lint:2', true],
    ['your-registry.com/ci-tools/*:*', 'docker.io/ci-tools/lint:2', false],
    ['testcontainers/*', 'testcontainers/ryuk:1', false],
  ])('%s matches %s: %s', (pattern, image, expected) => expect(imageMatches(pattern, image)).toBe(expected));

  it('normalises names like Docker', () => {
    expect(normaliseName('Alpine')).toBe('docker.io/library/alpine');
    expect(normaliseName('index.docker.io/me/x')).toBe('docker.io/me/x');
    expect(normaliseName('localhost/x')).toBe('localhost/x');
  });
});
