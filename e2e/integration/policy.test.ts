// `eci-tray policy` on the lab: set-eci writes a policy the lab's own Docker Desktop (an independent
// reader, e2e/lab/desktop-settings.ts) accepts at its next start; explain names the source that
// wins and whether it is in effect, by probe, before and after a full relaunch; a user without the
// rights is refused with the reason and nothing changes.

import { spawn } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../lab/lab';
import { CLI, runCli, type CliResult } from './helpers';

const NOBODY = 65534;

async function explain(lab: Lab): Promise<{ code: number | null; e: any }> {
  const r = await runCli(['policy', 'explain', '--json', ...lab.productArgs()]);
  try {
    return { code: r.code, e: JSON.parse(r.stdout) };
  } catch {
    throw new Error(`policy explain --json printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}

/** The built CLI as the unprivileged user "nobody" (runuser keeps no root rights). */
function runAsNobody(args: string[]): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('runuser', ['-u', 'nobody', '--', process.execPath, CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env['PATH'] ?? '', HOME: tmpdir() },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

describe('eci-tray policy on the lab', () => {
  let lab: Lab;

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'off' });
  });
  afterAll(async () => {
    await lab?.teardown();
  });

  it('no policy anywhere: explain says the default (off) wins and is in effect; exit as check (12)', async () => {
    const { code, e } = await explain(lab);
    expect(code).toBe(12);
    expect(e.desired).toEqual({ eci: false, source: 'default' });
    expect(e.sources.map((s: { source: string; found: boolean }) => [s.source, s.found])).toEqual([
      ['admin-file', false],
      ['user-file', false],
      ['docker-home', false],
    ]);
    expect(e.effect).toMatchObject({ status: 'in-effect', verdict: 'off', effectiveEci: false });
  });

  it('set-eci on --locked --create writes a valid file and says a full quit is needed; explain: admin-locked wins, pending', async () => {
    const set = await runCli([
      'policy',
      'set-eci',
      'on',
      '--locked',
      '--allow-socket-image',
      lab.probeImage,
      '--create',
      '--file',
      lab.paths.adminSettings,
    ]);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Created');
    expect(set.stdout).toContain('Quit and reopen Docker Desktop');
    expect((await runCli(['policy', 'validate', lab.paths.adminSettings])).code).toBe(0);

    const { code, e } = await explain(lab);
    expect(code).toBe(11);
    expect(e.desired).toEqual({ eci: true, source: 'admin-locked', file: lab.paths.adminSettings });
    expect(e.why).toContain('locked admin value always wins');
    expect(e.socketMountAllowList).toEqual([{ image: lab.probeImage, from: 'admin-file' }]);
    expect(e.effect).toMatchObject({ status: 'pending-full-quit', verdict: 'pending-restart', effectiveEci: false });
  });

  it('after a full relaunch the lab Desktop accepted the file: ECI on, the allow-listed probe image may mount the socket, in effect (exit 0)', async () => {
    expect(await lab.relaunch()).toBe('on');
    const { code, e } = await explain(lab);
    expect(e.effect).toMatchObject({
      status: 'in-effect',
      verdict: 'protected',
      effectiveEci: true,
      socketMountProbe: 'allow-listed',
    });
    expect(code).toBe(0);
  });

  it('set-eci off (unlocked) against a user value: the user value wins, the lab keeps ECI on, explain says why and that the files cannot tell', async () => {
    lab.writeUserSettings({
      EnhancedContainerIsolation: true,
      ECIDockerSocketImgList: ['docker:cli'],
      ECIDockerSocketCmdListType: 'deny',
      SettingsVersion: 40,
    });
    const set = await runCli(['policy', 'set-eci', 'off', '--file', lab.paths.adminSettings]);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('enhancedContainerIsolation.value: true -> false');
    expect(await lab.relaunch()).toBe('on');
    const { e } = await explain(lab);
    expect(e.desired).toMatchObject({ eci: true, source: 'user', contested: { eci: false, source: 'admin-unlocked' } });
    expect(e.why).toContain('cannot tell which one applies');
    expect(e.sources.find((s: { source: string }) => s.source === 'docker-home')).toMatchObject({
      found: true,
      socketMountImages: ['docker:cli'],
    });
    expect(e.effect).toMatchObject({ effectiveEci: true });
  });

  it('as a user without the rights (nobody, root-owned folder): refused with the reason, exit 34, nothing written', async () => {
    const before = readFileSync(lab.paths.adminSettings);
    const listing = readdirSync(dirname(lab.paths.adminSettings)).sort();
    const r = await runAsNobody(['policy', 'set-eci', 'on', '--locked', '--file', lab.paths.adminSettings]);
    expect(r.code).toBe(34);
    expect(r.stderr).toContain('refused, nothing written');
    expect(r.stderr).toContain(`cannot create files in ${dirname(lab.paths.adminSettings)}`);
    expect(readFileSync(lab.paths.adminSettings).equals(before)).toBe(true);
    expect(readdirSync(dirname(lab.paths.adminSettings)).sort()).toEqual(listing);
  });

  it('as nobody in a folder of its own but on a root-owned read-only file: refused, the file is not theirs to replace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eci-policy-nobody-'));
    try {
      chownSync(dir, NOBODY, NOBODY);
      const file = join(dir, 'admin-settings.json');
      writeFileSync(file, '{\n  "configurationFileVersion": 2\n}\n', { mode: 0o644 });
      const r = await runAsNobody(['policy', 'set-eci', 'on', '--file', file]);
      expect(r.code).toBe(34);
      expect(r.stderr).toContain(`may not write ${file}`);
      expect(readFileSync(file, 'utf8')).toBe('{\n  "configurationFileVersion": 2\n}\n');
      expect(readdirSync(dir)).toEqual(['admin-settings.json']);
      // Validating needs only read rights: the same user may.
      expect((await runAsNobody(['policy', 'validate', file])).code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('four set-eci runs at once on one file (two admins, an MDM, a person): each waits its turn, no edit is lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eci-policy-race-'));
    try {
      const file = join(dir, 'admin-settings.json');
      writeFileSync(
        file,
        '{\n    "configurationFileVersion": 2,\n    "analyticsEnabled": { "locked": true, "value": false }\n}\n',
      );
      const images = ['docker:cli', 'docker.io/testcontainers/ryuk:*', 'testcontainers/*:*', 'alpine:3.20'];
      const runs = await Promise.all(
        images.map((img) =>
          runCli(['policy', 'set-eci', 'on', '--locked', '--allow-socket-image', img, '--file', file]),
        ),
      );
      expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
      const final = JSON.parse(readFileSync(file, 'utf8'));
      expect([...final.enhancedContainerIsolation.dockerSocketMount.imageList.images].sort()).toEqual(
        [...images].sort(),
      );
      expect(final.analyticsEnabled).toEqual({ locked: true, value: false });
      expect((await runCli(['policy', 'validate', file])).code).toBe(0);
      expect(readdirSync(dir).filter((f) => !f.endsWith('.bak'))).toEqual(['admin-settings.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('validate agrees with the lab Desktop: a file it rejects (exit 30) keeps Desktop from starting; set-eci refuses to touch it', async () => {
    const broken =
      '{\n  "configurationFileVersion": 2,\n  "enhancedContainerIsolation": { "value": true, "locked": true, }\n}\n';
    writeFileSync(lab.paths.adminSettings, broken);
    const v = await runCli(['policy', 'validate', lab.paths.adminSettings]);
    expect(v.code).toBe(30);
    expect(v.stdout).toContain(`${lab.paths.adminSettings}:3:66: error: Invalid JSON: Trailing comma before }`);
    const set = await runCli(['policy', 'set-eci', 'on', '--locked', '--file', lab.paths.adminSettings]);
    expect(set.code).toBe(30);
    expect(readFileSync(lab.paths.adminSettings, 'utf8')).toBe(broken);
    await expect(lab.relaunch()).rejects.toThrow(/Docker Desktop failed to start/);
  });
});
