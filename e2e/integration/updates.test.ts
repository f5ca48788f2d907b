// The app's update flow with electron-updater's real GitHub provider and AppImage updater against a
// fake release server on 127.0.0.1 (e2e/lab/fake-release-server.ts): a newer release is found,
// downloaded and checked against its sha512, and the app restarts only after the user's yes; a
// tampered download is refused before anything is asked; a managed `autoUpdate: false` or a check
// made within the day asks the server nothing. Only the transport is Node's instead of Electron's
// net module (which needs the Electron binary): requests, redirects and downloads go through
// electron-updater's own executor code.

import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppImageUpdater } from 'electron-updater';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronUpdaterPort } from '../../main/app/updater';
import type { ConfirmRequest } from '../../main/core/confirm';
import { DEFAULT_PREFERENCES, type Preferences } from '../../main/core/preferences/preferences';
import { UpdateService, type UpdateOutcome } from '../../main/core/updates/update-service';
import {
  OWNER,
  REPO,
  startFakeReleaseServer,
  type FakeRelease,
  type FakeReleaseServer,
} from '../lab/fake-release-server';

class NodeExecutor extends ElectronHttpExecutor {
  override createRequest(
    options: RequestOptions,
    callback: (response: IncomingMessage) => void,
  ): ReturnType<ElectronHttpExecutor['createRequest']> {
    return httpRequest(options, callback) as unknown as ReturnType<ElectronHttpExecutor['createRequest']>;
  }
}

let dir = '';
let server: FakeReleaseServer | null = null;
const savedAppImage = process.env['APPIMAGE'];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eci-updates-'));
  // The running app as an AppImage (electron-updater's Linux updater works only for one).
  writeFileSync(join(dir, 'ECI-Tray-0.1.0.AppImage'), 'the running version');
  process.env['APPIMAGE'] = join(dir, 'ECI-Tray-0.1.0.AppImage');
  // What electron-builder writes into the package from the `publish` configuration.
  writeFileSync(
    join(dir, 'app-update.yml'),
    `owner: ${OWNER}\nrepo: ${REPO}\nprovider: github\nupdaterCacheDirName: eci-tray-updater\n`,
  );
});
afterEach(async () => {
  await server?.close();
  server = null;
  if (savedAppImage === undefined) delete process.env['APPIMAGE'];
  else process.env['APPIMAGE'] = savedAppImage;
  rmSync(dir, { recursive: true, force: true });
});

async function run(
  release: FakeRelease,
  opts: { answer?: boolean; enabled?: boolean; checkedAt?: string | null } = {},
) {
  server = await startFakeReleaseServer(release);
  const updater = new AppImageUpdater(null, {
    version: '0.1.0',
    name: 'ECI Tray',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: join(dir, 'user-data'),
    baseCachePath: join(dir, 'cache'),
    whenReady: async () => undefined,
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  });
  (updater as unknown as { httpExecutor: ElectronHttpExecutor }).httpExecutor = new NodeExecutor();
  // The feed after the executor: the provider takes the executor it finds when the feed is set.
  updater.setFeedURL({ provider: 'github', owner: OWNER, repo: REPO, host: server.host, protocol: 'http' });
  // No blockmap of the running AppImage exists here: a whole download, as on a first update.
  updater.disableDifferentialDownload = true;
  const installs: string[] = [];
  // What would replace the AppImage and restart: recorded, not run.
  updater.quitAndInstall = () => void installs.push('quit-and-install');
  const logs: string[] = [];
  const asked: ConfirmRequest[] = [];
  let prefs: Preferences = { ...structuredClone(DEFAULT_PREFERENCES), updateCheckedAt: opts.checkedAt ?? null };
  const service = new UpdateService({
    port: electronUpdaterPort(updater, (m) => void logs.push(m)),
    enabled: () => opts.enabled ?? true,
    confirm: async (r) => (asked.push(r), opts.answer ?? true),
    prefs: { get: () => prefs, update: (f) => (f(prefs), (prefs = structuredClone(prefs))) },
    log: (m) => void logs.push(m),
  });
  const outcome: UpdateOutcome = await service.checkIfDue();
  return { outcome, installs, asked, logs, prefs, requests: server.requests };
}

const NEW = Buffer.from('ECI Tray 0.2.0 AppImage bytes');

describe('updates through electron-updater against a fake GitHub Releases', () => {
  it('a newer release: downloaded, checked, and installed only after the user said yes', async () => {
    const r = await run({ version: '0.2.0', asset: NEW }, { answer: true });
    expect(r.outcome).toBe('installing');
    expect(r.asked).toEqual([
      expect.objectContaining({
        title: 'Restart ECI Tray to update?',
        message: 'ECI Tray 0.2.0 is ready to install.',
        confirmLabel: 'Restart now',
      }),
    ]);
    expect(r.installs).toEqual(['quit-and-install']);
    expect(r.requests).toContain(`/${OWNER}/${REPO}/releases/download/v0.2.0/ECI-Tray-0.2.0.AppImage`);
    expect(r.prefs.updateCheckedAt).not.toBeNull();
  });

  it('the user says later: nothing restarts (it installs when the app quits)', async () => {
    const r = await run({ version: '0.2.0', asset: NEW }, { answer: false });
    expect(r.outcome).toBe('later');
    expect(r.asked).toHaveLength(1);
    expect(r.installs).toEqual([]);
  });

  it('a tampered download (its sha512 does not match the release) is refused before anything is asked', async () => {
    const r = await run(
      { version: '0.2.0', asset: NEW, served: Buffer.from('something else entirely, same release') },
      { answer: true },
    );
    expect(r.outcome).toBe('failed');
    expect(r.asked).toEqual([]);
    expect(r.installs).toEqual([]);
    expect(r.logs.join('\n')).toMatch(/sha512 checksum mismatch/);
  });

  it('the newest version already: up to date, nothing downloaded', async () => {
    const r = await run({ version: '0.1.0', asset: NEW });
    expect(r.outcome).toBe('up-to-date');
    expect(r.requests.some((p) => p.endsWith('.AppImage'))).toBe(false);
    expect(r.asked).toEqual([]);
  });

  it('turned off by the organization, or checked within the day: the server is asked nothing', async () => {
    const off = await run({ version: '0.2.0', asset: NEW }, { enabled: false });
    expect([off.outcome, off.requests]).toEqual(['disabled', []]);
    await server?.close();
    const recent = await run(
      { version: '0.2.0', asset: NEW },
      { checkedAt: new Date(Date.now() - 3_600_000).toISOString() },
    );
    expect([recent.outcome, recent.requests]).toEqual(['not-due', []]);
  });
});
