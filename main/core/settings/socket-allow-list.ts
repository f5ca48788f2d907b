// The images allowed to mount the Docker socket under ECI: the admin policy's list, then the
// exceptions Docker Desktop stored (where a Docker Home policy lands), each image once. Decided
// here only: the settings snapshot, the cleanup and `eci-tray policy explain` all read it.

/** Where an allowed image comes from: admin-settings.json, or settings-store.json (Docker Home). */
export type AllowListOrigin = 'admin-file' | 'docker-home';

/** Each allowed image once, in order (the admin file's first), with where it comes from. */
export function socketAllowListSources(
  adminImages: readonly string[],
  storedImages: readonly string[],
): Array<{ image: string; from: AllowListOrigin }> {
  const seen = new Set<string>();
  const out: Array<{ image: string; from: AllowListOrigin }> = [];
  const add = (image: string, from: AllowListOrigin) => {
    if (seen.has(image)) return;
    seen.add(image);
    out.push({ image, from });
  };
  for (const image of adminImages) add(image, 'admin-file');
  for (const image of storedImages) add(image, 'docker-home');
  return out;
}

/** The allowed images alone. */
export function socketAllowList(adminImages: readonly string[], storedImages: readonly string[]): string[] {
  return socketAllowListSources(adminImages, storedImages).map((a) => a.image);
}
