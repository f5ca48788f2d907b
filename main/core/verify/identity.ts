// Is this engine Docker Desktop, and which version? Decided from `/version` Platform.Name
// ("Docker Desktop 4.37.1 (178610)") and `/info` OperatingSystem ("Docker Desktop"), never from
// ServerVersion, which is the engine's version, not Desktop's. Pure.
//
// Platform.Name is not always a real version: builds may be empty ("Docker Desktop 4.37.1 ()") or
// missing, and the engine reached from a WSL distro reports the placeholder "Docker Desktop 4.0.0 ()"
// whatever Desktop is installed (seen with engines from 2025). A version that cannot be read, or is
// that placeholder, is reported as unknown and never decides a verdict.

import type { EngineIdentity } from '../model';

/** The first Docker Desktop release with Enhanced Container Isolation. */
export const MIN_ECI_VERSION = '4.13.0';
/** The first Docker Desktop with the `docker desktop` CLI plugin (quit and start from a shell). */
export const DESKTOP_CLI_PLUGIN_VERSION = '4.37.0';

export function identify(version: Record<string, unknown>, info: Record<string, unknown>): EngineIdentity {
  const platform = version['Platform'];
  const platformName =
    platform && typeof platform === 'object' && typeof (platform as { Name?: unknown }).Name === 'string'
      ? ((platform as { Name: string }).Name as string)
      : null;
  const operatingSystem = typeof info['OperatingSystem'] === 'string' ? (info['OperatingSystem'] as string) : null;
  const fromPlatform = /^Docker Desktop\b/i.test(platformName ?? '');
  const fromInfo = /^Docker Desktop$/i.test(operatingSystem?.trim() ?? '');
  const desktop = fromPlatform || fromInfo;
  const read: DesktopVersionReading = desktop ? readDesktopVersion(platformName) : { version: null };
  return {
    reachable: true,
    desktop,
    version: read.version,
    ...(read.unknownBecause ? { versionUnknownBecause: read.unknownBecause } : {}),
    platformName,
    operatingSystem,
    osType: typeof info['OSType'] === 'string' ? (info['OSType'] as string) : null,
    ...(typeof info['KernelVersion'] === 'string' ? { kernelVersion: info['KernelVersion'] as string } : {}),
  };
}

/** The placeholder Platform.Name of the engine as seen from a WSL distro: not a real version. */
export const WSL_PLACEHOLDER_VERSION = '4.0.0';

export interface DesktopVersionReading {
  /** "4.37.1", or null when Platform.Name holds no real version. */
  version: string | null;
  /** Why the version is unknown (for the report's notes); absent when it was read. */
  unknownBecause?: string;
}

/**
 * "Docker Desktop 4.76.0 (228118)" → 4.76.0; an empty or missing build ("4.37.1 ()", "4.37.1") still
 * gives the version. "4.0.0" without a build is the WSL placeholder: unknown, not Desktop 4.0.0
 * (the real 4.0.0 release carried its build number).
 */
export function readDesktopVersion(platformName: string | null): DesktopVersionReading {
  const name = (platformName ?? '').trim();
  const m = /^Docker Desktop\s+v?(\d+)\.(\d+)(?:\.(\d+))?(?:\s*\(([^)]*)\))?/i.exec(name);
  if (!m) {
    return {
      version: null,
      unknownBecause: name
        ? `Platform.Name "${name}" holds no Docker Desktop version`
        : 'the engine does not report a Platform.Name',
    };
  }
  const version = `${Number(m[1])}.${Number(m[2])}.${Number(m[3] ?? 0)}`;
  const build = (m[4] ?? '').trim();
  if (version === WSL_PLACEHOLDER_VERSION && build === '') {
    return {
      version: null,
      unknownBecause: `Platform.Name "${name}" is the placeholder Docker Desktop reports to WSL distros, not its version`,
    };
  }
  return { version };
}

/** "Docker Desktop 4.37.1 (178610)" → "4.37.1"; null when there is no real version in it. */
export function parseDesktopVersion(platformName: string | null): string | null {
  return readDesktopVersion(platformName).version;
}

/** Numeric comparison of dotted versions: negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
