// The tray icon's file for an icon family on this platform: a template image on macOS (drawn in
// the menu bar's colour), an .ico on Windows, a PNG elsewhere.

import { join } from 'node:path';
import type { NativeImage } from 'electron';
import type { IconFamily } from '../core/words';

export function trayIconFile(family: IconFamily, platform: NodeJS.Platform): string {
  const name =
    'tray' +
    family
      .split('-')
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join('');
  return platform === 'darwin' ? `${name}Template.png` : platform === 'win32' ? `${name}.ico` : `${name}.png`;
}

export function trayIconLoader(
  root: string,
  platform: NodeJS.Platform,
  createFromPath: (path: string) => NativeImage,
): (family: IconFamily) => NativeImage {
  return (family) => {
    const image = createFromPath(join(root, 'assets', 'tray', trayIconFile(family, platform)));
    if (platform === 'darwin') image.setTemplateImage(true);
    return image;
  };
}
