// Is this engine Docker Desktop, and which version? Decided from `/version` Platform.Name
// ("Docker Desktop 4.37.1 (178610)") and `/info` OperatingSystem ("Docker Desktop"), never from
// ServerVersion, which is the engine's version, not Desktop's. Pure.

import type { EngineIdentity } from './model';

/** The first Docker Desktop release with Enhanced Container Isolation. */
export const MIN_ECI_VERSION = '4.13.0';

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
  return {
    reachable: true,
    desktop,
    version: desktop ? parseDesktopVersion(platformName) : null,
    platformName,
    operatingSystem,
    osType: typeof info['OSType'] === 'string' ? (info['OSType'] as string) : null,
  };
}

/** "Docker Desktop 4.37.1 (178610)" → "4.37.1"; null when there is no version in it. */
export function parseDesktopVersion(platformName: string | null): string | null {
  const m = /^Docker Desktop\s+v?(\d+)\.(\d+)(?:\.(\d+))?/i.exec(platformName ?? '');
  if (!m) return null;
  return `${Number(m[1])}.${Number(m[2])}.${Number(m[3] ?? 0)}`;
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

export function supportsEci(identity: EngineIdentity): boolean {
  return identity.version === null || compareVersions(identity.version, MIN_ECI_VERSION) >= 0;
}
