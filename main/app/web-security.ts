// The security rules every window follows, each with its reason.

import type { WebContentsLike, WebPreferences } from './electron-types';

/** Web preferences for every ECI Tray window. */
export function windowWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    // The page cannot reach the preload's world: window.eci is the only thing it sees.
    contextIsolation: true,
    // The renderer runs in Chromium's sandbox; even a compromised page has no OS access.
    sandbox: true,
    // No Node.js in the page, in workers, or in sub-frames.
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    // Never relax the same-origin policy or allow mixed content.
    webSecurity: true,
    allowRunningInsecureContent: false,
    // No <webview>, no experimental features, no remote spellcheck dictionary downloads.
    webviewTag: false,
    experimentalFeatures: false,
    spellcheck: false,
    // Navigation is also denied below; this keeps ECI Tray's pages from opening popups.
    javascript: true,
    safeDialogs: true,
    // A middle click would otherwise open a link in a new window.
    disableBlinkFeatures: 'Auxclick',
  };
}

/**
 * Hardens a window's contents: it may only show the app's own pages. Navigation elsewhere and
 * window.open are denied (a link to the docs opens nowhere rather than inside the app), and
 * <webview> is refused.
 */
export function hardenWebContents(contents: WebContentsLike, isAppPage: (url: string) => boolean): void {
  // Our pages never navigate; anything that tries (a link, a redirect, injected script) is stopped.
  const stop = (event: { preventDefault(): void }, url: string) => {
    if (!isAppPage(url)) event.preventDefault();
  };
  contents.on('will-navigate', stop);
  contents.on('will-redirect', stop);
  // No new windows from a page: only the main process opens windows.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // <webview> would embed arbitrary content with its own preferences.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

/**
 * No window needs the camera, notifications from the page, geolocation, or anything else. Not
 * the clipboard either: "Copy report" asks main over 'clipboard:write-report', which writes a
 * report main made itself, so no page (even a compromised one) can write what it likes there.
 */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** The app's own pages: files under the bundled renderer folder, nothing else. */
export function appPageMatcher(rendererDirUrl: string): (url: string) => boolean {
  const base = rendererDirUrl.endsWith('/') ? rendererDirUrl : `${rendererDirUrl}/`;
  return (url: string) => {
    if (!url.startsWith(base)) return false;
    // No climbing out of the folder with encoded dots.
    return !/(^|\/)(\.|%2e){2}(\/|$)/i.test(url.slice(base.length));
  };
}
