import { describe, expect, it } from 'vitest';
import { FakeWebContents } from './testing/fake-electron';
import { appPageMatcher, denyAllPermissions, hardenWebContents, windowWebPreferences } from './web-security';

describe('window web preferences', () => {
  it('isolate, sandbox and keep Node out of every window', () => {
    expect(windowWebPreferences('/app/preload.js')).toMatchObject({
      preload: '/app/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });
});

describe('hardening', () => {
  const isApp = appPageMatcher('file:///opt/eci/dist/renderer');
  it.each([
    ['file:///opt/eci/dist/renderer/details/index.html', true],
    ['file:///opt/eci/dist/renderer/cleanup/index.html#x', true],
    ['file:///opt/eci/dist/renderer/../../etc/passwd', false],
    ['file:///opt/eci/dist/renderer/%2e%2e/secret.html', false],
    ['file:///opt/eci/dist/renderer-evil/x.html', false],
    ['https://example.com/', false],
    ['file:///etc/passwd', false],
  ])('%s is an app page: %s', (url, ok) => expect(isApp(url)).toBe(ok));

  it('denies navigation away, window.open and webviews', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents, isApp);
    expect(contents.navigate('https://evil.example/')).toBe(true);
    expect(contents.navigate('file:///etc/passwd', 'will-redirect')).toBe(true);
    expect(contents.navigate('file:///opt/eci/dist/renderer/details/index.html')).toBe(false);
    expect(contents.openHandler?.({ url: 'https://docs.docker.com/' })).toEqual({ action: 'deny' });
    let prevented = false;
    contents.fire('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('denies every permission request and check', () => {
    let request: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | null = null;
    let check: ((wc: unknown, p: string) => boolean) | null = null;
    denyAllPermissions({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
    });
    const answers: boolean[] = [];
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read'])
      request!(null, p, (g) => answers.push(g));
    expect(answers).toEqual([false, false, false, false]);
    expect(check!(null, 'media')).toBe(false);
  });
});
