import { describe, expect, it } from 'vitest';
import type { IconFamily } from '../core/words';
import { trayIconFile } from './tray-icon';

describe('tray icon file', () => {
  it.each<[IconFamily, NodeJS.Platform, string]>([
    ['protected', 'darwin', 'trayProtectedTemplate.png'],
    ['needs-action', 'darwin', 'trayNeedsActionTemplate.png'],
    ['unprotected', 'win32', 'trayUnprotected.ico'],
    ['inactive', 'linux', 'trayInactive.png'],
  ])('%s on %s is %s', (family, platform, file) => expect(trayIconFile(family, platform)).toBe(file));
});
