// The security rules every window follows. Each cites the item of Electron's security checklist
// it implements (https://www.electronjs.org/docs/latest/tutorial/security, items 1 to 20) and says
// why it matters here. Elsewhere: 4 also by app.enableSandbox() (main.ts); 7 by the
// Content-Security-Policy meta tag of each page (renderer/*/index.html); 15 by ReportDesk, which
// opens only https://docs.docker.com/ addresses; 17 by registerIpc (ipc-main.ts) with
// WindowManager.isTrustedSender; 20 by the preload, which exposes only window.eci.

import type { WebContentsLike, WebPreferences } from './electron-types';

/** Web preferences for every ECI Tray window. */
export function windowWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    // 3. Enable context isolation: the page cannot reach the preload's world or patch what it
    // uses (Array.prototype, JSON); window.eci is the only thing it sees.
    contextIsolation: true,
    // 4. Enable process sandboxing: the renderer runs in Chromium's sandbox, so even a
    // compromised page has no access to files, processes or the network stack of the OS.
    sandbox: true,
    // 2. Do not enable Node.js integration for remote content: our pages are local, but a page
    // that showed text from a container (names, labels) must never turn an injection into code
    // running with the user's rights; not in the page, its workers, or its sub-frames.
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    // 6. Do not disable webSecurity: the same-origin policy stays on.
    webSecurity: true,
    // 8. Do not enable allowRunningInsecureContent: no mixed content, ever.
    allowRunningInsecureContent: false,
    // 12. Verify WebView options before creation: no <webview> at all (also refused below).
    webviewTag: false,
    // 9. Do not enable experimental features: untested Chromium features widen what a page can do.
    experimentalFeatures: false,
    // Spellcheck would download dictionaries from Google's servers; the pages have no free text.
    spellcheck: false,
    // The pages are scripts of our own (bundled, under the CSP of item 7).
    javascript: true,
    // A page cannot flood the user with alert() dialogs.
    safeDialogs: true,
    // 10. Do not use enableBlinkFeatures, and the reverse here: Auxclick off, since a middle click
    // would otherwise open a link in a new window (item 14).
    disableBlinkFeatures: 'Auxclick',
  };
}

/**
 * Hardens a window's contents: it may only show the app's own pages. Navigation elsewhere and
 * window.open are denied (a link to the docs opens nowhere rather than inside the app; the docs
 * open in the system browser through 'docs:open'), and <webview> is refused.
 */
export function hardenWebContents(contents: WebContentsLike, isAppPage: (url: string) => boolean): void {
  // 13. Disable or limit navigation: our pages never navigate; anything that tries (a link, a
  // redirect, injected script) is stopped, so a window never shows a page that is not ours,
  // which would then hold window.eci.
  const stop = (event: { preventDefault(): void }, url: string) => {
    if (!isAppPage(url)) event.preventDefault();
  };
  contents.on('will-navigate', stop);
  contents.on('will-redirect', stop);
  // 14. Disable or limit creation of new windows: only the main process opens windows, with the
  // preferences above; a window a page opened would choose its own.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // 12. Verify WebView options before creation: <webview> would embed arbitrary content with its
  // own preferences, so none is attached.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

/**
 * 5. Handle session permission requests from remote content: Electron grants every permission
 * unless a handler says otherwise, and no window needs the camera, notifications from the page,
 * geolocation, or anything else. Not the clipboard either: "Copy report" asks main over
 * 'clipboard:write-report', which writes a report main made itself, so no page (even a
 * compromised one) can write what it likes there. The check handler answers too, since most web
 * APIs check before they request.
 */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * The app's own pages: files under the bundled renderer folder, nothing else. Used by items 13
 * (where a window may navigate) and 17 (which frames may send IPC messages). 18 (avoid file://,
 * prefer a custom protocol) is not followed: the pages load from file:// (electron-builder.yml
 * keeps GrantFileProtocolExtraPrivileges for them); this narrowing is what limits it, since no
 * other file, and no path climbing out of the folder, counts as ours.
 */
export function appPageMatcher(rendererDirUrl: string): (url: string) => boolean {
  const base = rendererDirUrl.endsWith('/') ? rendererDirUrl : `${rendererDirUrl}/`;
  return (url: string) => {
    if (!url.startsWith(base)) return false;
    // No climbing out of the folder with encoded dots.
    return !/(^|\/)(\.|%2e){2}(\/|$)/i.test(url.slice(base.length));
  };
}
