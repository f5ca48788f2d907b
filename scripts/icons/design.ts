// The one source of every ECI Tray icon: a shield with a glyph per verdict family.
// `npm run icons` regenerates assets/ from it.

import { circle, polygon, stroke, union, type Layer, type Rgba, type Shape } from './raster';

export const ICON_FAMILIES = ['protected', 'needs-action', 'unprotected', 'inactive'] as const;
export type IconFamily = (typeof ICON_FAMILIES)[number];

/** Shield outline in a unit square: flat top, sides curving to a point. */
function shieldPoints(inset: number): Array<[number, number]> {
  const pts: Array<[number, number]> = [];
  const top = 0.06 + inset;
  const left = 0.12 + inset;
  const right = 0.88 - inset;
  pts.push([left, top + 0.06], [0.5, top], [right, top + 0.06]);
  for (let i = 0; i <= 12; i++) {
    const t = i / 12;
    // Right side down to the point, bulging outwards.
    pts.push([right - (right - 0.5) * t * t, top + 0.06 + (0.94 - inset - top - 0.06) * t]);
  }
  for (let i = 12; i >= 0; i--) {
    const t = i / 12;
    pts.push([left + (0.5 - left) * t * t, top + 0.06 + (0.94 - inset - top - 0.06) * t]);
  }
  return pts;
}

export const shield: Shape = polygon(shieldPoints(0));

const GLYPHS: Record<IconFamily, Shape> = {
  protected: stroke(
    [
      [0.32, 0.5],
      [0.45, 0.63],
      [0.69, 0.37],
    ],
    0.11,
  ),
  'needs-action': union(
    stroke(
      [
        [0.5, 0.28],
        [0.5, 0.55],
      ],
      0.12,
    ),
    circle(0.5, 0.71, 0.07),
  ),
  unprotected: union(
    stroke(
      [
        [0.36, 0.34],
        [0.64, 0.62],
      ],
      0.11,
    ),
    stroke(
      [
        [0.64, 0.34],
        [0.36, 0.62],
      ],
      0.11,
    ),
  ),
  inactive: stroke(
    [
      [0.34, 0.5],
      [0.66, 0.5],
    ],
    0.11,
  ),
};

const COLORS: Record<IconFamily, Rgba> = {
  protected: [46, 125, 50, 255],
  'needs-action': [230, 145, 0, 255],
  unprotected: [198, 40, 40, 255],
  inactive: [117, 117, 117, 255],
};

const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];
const BLACK: Rgba = [0, 0, 0, 255];

/** Coloured shield with a white glyph (Linux and Windows trays, app icon). */
export function colorLayers(family: IconFamily): Layer[] {
  return [
    { shape: shield, color: COLORS[family] },
    { shape: GLYPHS[family], color: WHITE },
  ];
}

/**
 * macOS template image: black and transparent only; macOS tints it for light and dark menu bars.
 * The glyph is cut out of the shield.
 */
export function templateLayers(family: IconFamily): Layer[] {
  return [
    { shape: shield, color: BLACK },
    { shape: GLYPHS[family], color: CLEAR },
  ];
}
