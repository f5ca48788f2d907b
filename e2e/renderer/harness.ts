// The app as the renderer tests run it: a real AppCore (the same handlers the Electron shell
// registers) on the engine lab, with test ports: confirmations answered by the test and
// recorded, events forwarded into every open page, notifications and opened windows recorded.
// Pages are the built files under dist/renderer, loaded over file:// with their own CSP.

import type { Page } from '@playwright/test';
import { buildSync } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppCore, type ConfirmRequest } from '../../main/app/app-core';
import type { Notification } from '../../main/core/alerts/alert-policy';
import type { MonitorState } from '../../main/core/monitor/monitor-state';
import type { ManagedPreferences } from '../../main/core/preferences/managed-preferences';
import { PreferencesStore, type Preferences } from '../../main/core/preferences/preferences';
import type { EventChannel, WindowKind } from '../../main/ipc/contract';
import { dispatchInvoke } from '../../main/ipc/dispatch';
import type { Lab } from '../lab/lab';
import { REPO_ROOT } from '../lab/lab-paths';

let initScript: string | null = null;

export const APP_VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

/** The preload's stand-in, bundled for the page (see bridge-init.ts). */
export function bridgeInitScript(): string {
  if (initScript) return initScript;
  const out = buildSync({
    entryPoints: [join(__dirname, 'bridge-init.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'node',
    target: 'chrome120',
    logLevel: 'silent',
  });
  const text = out.outputFiles[0]!.text;
  if (/\brequire\(/.test(text)) throw new Error('bridge-init bundled a Node module: the bridge must stay browser code');
  initScript = text;
  return text;
}

export function pageUrl(kind: WindowKind): string {
  return pathToFileURL(join(REPO_ROOT, 'dist', 'renderer', kind, 'index.html')).href;
}

/** Preferences that point the app at a lab: its Desktop socket, settings files and probe image. */
export function labPrefs(lab: Lab): Partial<Preferences> {
  return {
    dockerHost: lab.dockerHost,
    adminSettings: lab.paths.adminSettings,
    userSettings: lab.paths.userSettings,
    probeImage: lab.probeImage,
    safetyIntervalMinutes: 60,
  };
}

export interface HarnessOptions {
  /** Grace before engine-unreachable (the monitor's default is 30 s). */
  graceMs?: number;
  prefs?: Partial<Preferences>;
  /** The organization's managed preferences, as the app reads them at start. */
  managed?: ManagedPreferences;
}

export class AppHarness {
  core!: AppCore;
  /** What the next confirmation dialog answers. */
  confirmAnswer = true;
  readonly confirms: ConfirmRequest[] = [];
  readonly opened: WindowKind[] = [];
  readonly notifications: Notification[] = [];
  readonly events: Array<{ event: EventChannel; payload: unknown }> = [];
  /** What the app put on the clipboard, and the addresses it opened in the system browser. */
  readonly clipboard: string[] = [];
  readonly browsed: string[] = [];
  /** Files the app was asked to open in the system's editor. */
  readonly openedFiles: string[] = [];
  /** Console errors, CSP violations and uncaught exceptions in any page. */
  readonly pageErrors: string[] = [];
  private readonly pages = new Set<Page>();
  /** Per page, the events still on their way: a reply never overtakes an event sent before it. */
  private readonly inFlight = new Map<Page, Promise<unknown>>();
  private readonly bound = new WeakSet<Page>();

  private constructor(
    readonly lab: Lab,
    readonly userDataDir: string,
    readonly stateDir: string,
    private readonly options: HarnessOptions,
  ) {}

  static async start(lab: Lab, options: HarnessOptions = {}): Promise<AppHarness> {
    const harness = new AppHarness(
      lab,
      mkdtempSync(join(tmpdir(), 'eci-ui-data-')),
      mkdtempSync(join(tmpdir(), 'eci-ui-state-')),
      options,
    );
    const prefs = { ...labPrefs(lab), ...options.prefs };
    PreferencesStore.load(join(harness.userDataDir, 'preferences.json')).update((p) => Object.assign(p, prefs));
    await harness.startCore();
    return harness;
  }

  private async startCore(): Promise<void> {
    this.core = new AppCore({
      userDataDir: this.userDataDir,
      stateDir: this.stateDir,
      appVersion: APP_VERSION,
      ...(this.options.managed ? { managed: this.options.managed } : {}),
      // The docker CLI finds the lab's `docker desktop` plugin through DOCKER_CONFIG.
      env: { ...process.env, ...this.lab.env() },
      monitor: {
        graceMs: this.options.graceMs ?? 30_000,
        settingsDebounceMs: 100,
        containerDebounceMs: 200,
        heartbeatMs: 2_000,
      },
      ports: {
        notifier: { notify: async (n) => void this.notifications.push(n) },
        openWindow: (kind) => void this.opened.push(kind),
        confirm: async (request) => {
          this.confirms.push(request);
          return this.confirmAnswer;
        },
        emit: (event, payload) => this.deliver(event, payload),
        setStartAtLogin: async () => undefined,
        log: () => undefined,
        copyText: async (text) => void this.clipboard.push(text),
        openExternal: async (url) => void this.browsed.push(url),
        openFile: async (path) => void this.openedFiles.push(path),
      },
    });
    await this.core.start();
  }

  /** Quits the app and starts it again on the same folders (what survives is what was saved). */
  async restartApp(): Promise<void> {
    await this.core.stop();
    await this.startCore();
  }

  private deliver(event: EventChannel, payload: unknown): void {
    this.events.push({ event, payload });
    for (const page of this.pages) {
      // Electron sends events and replies down one ordered pipe; the same order holds here.
      const previous = this.inFlight.get(page) ?? Promise.resolve();
      const next = previous
        .then(() => page.evaluate(([e, p]) => window.__eciDeliver(e as string, p), [event, payload] as const))
        .catch(() => undefined);
      this.inFlight.set(page, next);
    }
  }

  /** Opens one of the windows' pages in a Playwright page, with window.eci bound to this app. */
  async open(page: Page, kind: WindowKind): Promise<void> {
    if (!this.bound.has(page)) {
      this.bound.add(page);
      await page.exposeBinding('__eciInvoke', async (_source, channel: unknown, json: unknown) => {
        const envelope = await dispatchInvoke(
          this.core.handlers(),
          channel,
          typeof json === 'string' ? JSON.parse(json) : undefined,
        );
        await this.inFlight.get(page);
        return envelope;
      });
      await page.addInitScript({ content: bridgeInitScript() });
      page.on('console', (m) => {
        if (m.type() === 'error') this.pageErrors.push(`${m.text()} (${page.url()})`);
      });
      page.on('pageerror', (e) => this.pageErrors.push(`${e.message} (${page.url()})`));
      page.on('close', () => {
        this.pages.delete(page);
        this.inFlight.delete(page);
      });
    }
    this.pages.add(page);
    await page.goto(pageUrl(kind));
  }

  forget(page: Page): void {
    this.pages.delete(page);
  }

  get state(): MonitorState | null {
    return this.core.view().state;
  }

  /** Waits until the app's own state satisfies a condition (the page is asserted separately). */
  async waitForState(
    predicate: (s: MonitorState) => boolean,
    timeoutMs = 60_000,
    what = 'the expected state',
  ): Promise<MonitorState> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = this.state;
      if (s && predicate(s)) return s;
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting for ${what}; last verdict ${s?.report.verdict ?? 'none'} (${s?.report.reason ?? ''})`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    this.pages.clear();
    await this.core?.stop();
    rmSync(this.userDataDir, { recursive: true, force: true });
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}
