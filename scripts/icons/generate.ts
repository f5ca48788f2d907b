// `npm run icons`: writes every icon in assets/ from scripts/icons/design.ts.
//   assets/tray/tray<Family>Template.png (+@2x)  macOS menu bar (template images)
//   assets/tray/tray<Family>.png (+@2x)          Linux
//   assets/tray/tray<Family>.ico                 Windows
//   assets/icon.png, assets/icon.ico             application icon

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { colorLayers, ICON_FAMILIES, templateLayers, type IconFamily } from './design';
import { encodeIco, encodePng, render } from './raster';

const ASSETS = join(__dirname, '..', '..', 'assets');

export function trayIconName(family: IconFamily): string {
  return (
    'tray' +
    family
      .split('-')
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join('')
  );
}

function png(size: number, layers: ReturnType<typeof colorLayers>): Buffer {
  return encodePng(size, render(size, layers));
}

export function generateIcons(assets: string): string[] {
  const written: string[] = [];
  const write = (path: string, data: Buffer) => {
    writeFileSync(path, data);
    written.push(path);
  };
  mkdirSync(join(assets, 'tray'), { recursive: true });
  for (const family of ICON_FAMILIES) {
    const name = trayIconName(family);
    write(join(assets, 'tray', `${name}Template.png`), png(16, templateLayers(family)));
    write(join(assets, 'tray', `${name}Template@2x.png`), png(32, templateLayers(family)));
    write(join(assets, 'tray', `${name}.png`), png(24, colorLayers(family)));
    write(join(assets, 'tray', `${name}@2x.png`), png(48, colorLayers(family)));
    write(
      join(assets, 'tray', `${name}.ico`),
      encodeIco([16, 24, 32].map((size) => ({ size, png: png(size, colorLayers(family)) }))),
    );
  }
  write(join(assets, 'icon.png'), png(512, colorLayers('protected')));
  write(
    join(assets, 'icon.ico'),
    encodeIco([16, 32, 48, 256].map((size) => ({ size, png: png(size, colorLayers('protected')) }))),
  );
  return written;
}

if (require.main === module) {
  const files = generateIcons(ASSETS);
  process.stdout.write(`wrote ${files.length} icons to ${ASSETS}\n`);
}
