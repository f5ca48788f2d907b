// electron-updater behind the core's UpdaterPort. It finds releases on GitHub Releases (the
// `publish` provider in electron-builder.yml, written into the package's app-update.yml), and
// checks a download the way it does on each OS: the sha512 from the release's latest*.yml
// everywhere, and on Windows the installer's publisher against the running app's; on macOS
// Squirrel.Mac checks the new app's code signature. Nothing is downloaded before a newer version
// is found, and nothing restarts without the user's yes (autoInstallOnAppQuit installs it at the
// next quit instead).

import type { AppUpdater } from 'electron-updater';
import type { UpdaterPort } from '../core/updates/update-service';

export function electronUpdaterPort(updater: AppUpdater, log: (message: string) => void): UpdaterPort {
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = true;
  updater.allowPrerelease = false;
  updater.allowDowngrade = false;
  updater.logger = {
    info: (m?: unknown) => log(`update: ${String(m)}`),
    warn: (m?: unknown) => log(`update: ${String(m)}`),
    error: (m?: unknown) => log(`update: ${String(m)}`),
  };
  return {
    currentVersion: versionOf(updater),
    async check() {
      const result = await updater.checkForUpdates();
      return result?.isUpdateAvailable ? { version: result.updateInfo.version } : null;
    },
    async download() {
      await updater.downloadUpdate();
    },
    quitAndInstall() {
      updater.quitAndInstall(false, true);
    },
  };
}

/** The running version (a semver object; its text is the version). */
function versionOf(updater: { readonly currentVersion: unknown }): string {
  return String(updater.currentVersion);
}
