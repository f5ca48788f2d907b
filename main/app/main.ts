// The tray app's entry point (Electron main process). For now: a tray icon that shows the
// verdict of a check, re-checked every ten minutes and on demand. The full shell (windows,
// notifications, preferences, monitor) builds on this.

import { app, Menu, nativeImage, Tray } from 'electron';
import { join } from 'node:path';
import { EciChecker } from '../core/check';
import type { CheckReport, Verdict } from '../core/model';

const FAMILY: Record<Verdict, string> = {
  protected: 'Protected',
  'unprotected-containers': 'NeedsAction',
  'pending-restart': 'NeedsAction',
  off: 'Unprotected',
  'engine-unreachable': 'Inactive',
  'not-docker-desktop': 'Inactive',
  'unsupported-version': 'Inactive',
  unknown: 'Inactive',
};

function icon(family: string) {
  const suffix = process.platform === 'darwin' ? 'Template.png' : '.png';
  const image = nativeImage.createFromPath(join(__dirname, '..', '..', 'assets', 'tray', `tray${family}${suffix}`));
  if (process.platform === 'darwin') image.setTemplateImage(true);
  return image;
}

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(() => {
  if (process.platform === 'darwin') app.dock?.hide();
  const tray = new Tray(icon('Inactive'));
  const checker = new EciChecker();
  let last: CheckReport | null = null;
  let running = false;

  const render = () => {
    const status = running ? 'Checking…' : last ? `ECI: ${last.verdict}` : 'Not checked yet';
    tray.setToolTip(last ? `ECI Tray: ${last.reason}` : 'ECI Tray');
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: status, enabled: false },
        ...(last ? [{ label: last.reason, enabled: false }] : []),
        { type: 'separator' },
        { label: 'Check now', enabled: !running, click: () => void check() },
        { type: 'separator' },
        { label: 'Quit', role: 'quit' },
      ]),
    );
  };
  const check = async () => {
    running = true;
    render();
    try {
      last = await checker.check();
      tray.setImage(icon(FAMILY[last.verdict]));
    } finally {
      running = false;
      render();
    }
  };
  render();
  void check();
  setInterval(() => void check(), 10 * 60_000);
  app.on('before-quit', () => checker.close());
});

// A tray app keeps running with no window open.
app.on('window-all-closed', () => undefined);
