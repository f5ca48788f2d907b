import { describe, expect, it } from 'vitest';
import { compareVersions, identify, parseDesktopVersion, readDesktopVersion } from './identity';

describe('identify', () => {
  it.each([
    [
      'Desktop by Platform.Name',
      { Platform: { Name: 'Docker Desktop 4.37.1 (178610)' }, Version: '27.4.0' },
      { OperatingSystem: 'Docker Desktop' },
      true,
      '4.37.1',
    ],
    ['Desktop by OperatingSystem only', { Platform: { Name: '' } }, { OperatingSystem: 'Docker Desktop' }, true, null],
    [
      'plain engine',
      { Platform: { Name: 'Docker Engine - Community' }, Version: '4.37.1' },
      { OperatingSystem: 'Ubuntu 24.04' },
      false,
      null,
    ],
    [
      'ServerVersion is never trusted',
      { Version: '4.30.0' },
      { OperatingSystem: 'Debian', ServerVersion: '4.30.0' },
      false,
      null,
    ],
    ['garbage types', { Platform: 'x' }, { OperatingSystem: 42 }, false, null],
  ])('%s', (_n, version, info, desktop, v) => {
    const id = identify(version as Record<string, unknown>, info as Record<string, unknown>);
    expect(id.desktop).toBe(desktop);
    expect(id.version).toBe(v);
    expect(id.reachable).toBe(true);
  });

  // Platform.Name strings as Docker Desktop reports them (docker/for-win and desktop-feedback
  // issues), and the placeholder the engine reports to WSL distros.
  it.each<[string, string | null, RegExp | null]>([
    ['Docker Desktop 4.76.0 (228118)', '4.76.0', null],
    ['Docker Desktop 4.69.0 (224084)', '4.69.0', null],
    ['Docker Desktop 4.37.1 (178610)', '4.37.1', null],
    ['Docker Desktop 4.37.1 ()', '4.37.1', null],
    ['Docker Desktop 4.37.1', '4.37.1', null],
    ['Docker Desktop 4.0.0 ()', null, /placeholder Docker Desktop reports to WSL distros/],
    ['Docker Desktop 4.0.0', null, /placeholder/],
    ['Docker Desktop 4.0.0 ( )', null, /placeholder/],
    ['Docker Desktop 4.0.0 (67817)', '4.0.0', null],
    ['Docker Desktop', null, /holds no Docker Desktop version/],
    ['Docker Desktop dev build', null, /holds no Docker Desktop version/],
  ])('reads %s', (name, version, because) => {
    const read = readDesktopVersion(name);
    expect(read.version).toBe(version);
    if (because) expect(read.unknownBecause).toMatch(because);
    else expect(read.unknownBecause).toBeUndefined();
    const id = identify({ Platform: { Name: name }, Version: '28.0.4' }, { OperatingSystem: 'Docker Desktop' });
    expect(id.desktop).toBe(true);
    expect(id.version).toBe(version);
    expect(id.versionUnknownBecause === undefined).toBe(because === null);
  });

  it('a plain engine carries no version note', () => {
    expect(
      identify({ Platform: { Name: 'Docker Engine - Community' } }, { OperatingSystem: 'Debian' })
        .versionUnknownBecause,
    ).toBeUndefined();
  });

  it.each([
    ['Docker Desktop 4.12.0 (85629)', '4.12.0'],
    ['Docker Desktop 4.40 (1)', '4.40.0'],
    ['Docker Desktop v4.9.1', '4.9.1'],
    ['Docker Desktop', null],
    [null, null],
  ])('parses %s', (name, version) => expect(parseDesktopVersion(name)).toBe(version));

  it.each([
    ['4.13.0', '4.13.0', 0],
    ['4.9.0', '4.13.0', -1],
    ['4.13.1', '4.13', 1],
    ['10.0.0', '4.99.99', 1],
  ])('compares %s with %s', (a, b, sign) => expect(Math.sign(compareVersions(a, b))).toBe(sign));
});
