// What a check run inside a WSL distro should say about itself. Pure.

import type { EngineIdentity, Verdict } from '../model';

export function wslNotes(
  wsl: { distro: string | null; notes: string[] } | null | undefined,
  engine: Pick<EngineIdentity, 'reachable' | 'desktop'>,
): string[] {
  if (!wsl) return [];
  const where = wsl.distro ? `the WSL distro "${wsl.distro}"` : 'a WSL distro';
  const engineNote = engine.desktop
    ? `Running inside ${where}: the engine is Docker Desktop's, reached through its WSL integration, so the probe containers verify ECI in Docker Desktop itself.`
    : engine.reachable
      ? `Running inside ${where}: this engine is not Docker Desktop's. Turn on Docker Desktop's WSL integration for this distro (Settings > Resources > WSL integration) to check ECI from here.`
      : `Running inside ${where}: Docker Desktop's engine is reached through its WSL integration (Settings > Resources > WSL integration).`;
  // Docker's docs list builds with the default driver on WSL 2 among what ECI does not protect.
  const build = engine.desktop ? ['Builds with the default build driver on WSL 2 are not protected by ECI.'] : [];
  return [engineNote, ...build, ...wsl.notes];
}

/**
 * Docker's documented caveat on `protected` with the WSL 2 backend (ECI limitations, "WSL 2
 * security considerations"): users can reach Desktop's VM with `wsl -d docker-desktop` and bypass
 * ECI and Settings Management there. Certain inside a WSL distro (Desktop's WSL integration exists
 * only with the WSL 2 backend); on Windows, whose backend the check cannot see, said conditionally.
 */
export function wslBypassCaveat(
  verdict: Verdict,
  engine: Pick<EngineIdentity, 'desktop'>,
  where: { platform: string; inWsl: boolean },
): string[] {
  if (verdict !== 'protected' || !engine.desktop) return [];
  const caveat =
    'users can open a root shell in Docker Desktop\'s VM with "wsl -d docker-desktop" and bypass ECI and Settings Management there (Docker\'s ECI limitations page; the Hyper-V backend does not allow this).';
  if (where.inWsl) return [`Docker Desktop runs on WSL 2: ${caveat}`];
  if (where.platform === 'win32') return [`If Docker Desktop uses the WSL 2 backend, ${caveat}`];
  return [];
}
