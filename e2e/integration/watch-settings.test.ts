// Bad input while watching: admin-settings.json made invalid, deleted, replaced atomically, made
// unreadable, made a directory. The watcher keeps running and reports each case with file and
// reason. The watch process runs without root's power to read any file (no CAP_DAC_OVERRIDE),
// so "unreadable" means what it means for a normal user.

import { chmodSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../lab/lab';
import { WatchProcess } from './watch-process';

const WITHOUT_DAC = ['setpriv', '--bounding-set', '-dac_override,-dac_read_search'];

describe('eci-tray watch with broken settings files', () => {
  let lab: Lab;
  let watch: WatchProcess;
  let admin: string;
  const adminProblem = (s: any) => s.report.settingsProblems.find((p: { file: string }) => p.file === admin);

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'on' });
    admin = lab.paths.adminSettings;
    watch = new WatchProcess(
      [...lab.productArgs(), '--no-notify'],
      lab.env(),
      process.getuid?.() === 0 ? WITHOUT_DAC : [],
    );
    await watch.waitFor((s) => s.report.verdict === 'protected');
  });
  afterAll(async () => {
    await watch?.stop('SIGKILL');
    await lab?.teardown();
  });

  it('invalid JSON: reported with line and column, and that Docker Desktop will not start', async () => {
    const from = watch.states.length;
    writeFileSync(admin, '{\n  "enhancedContainerIsolation": {\n    "value": true\n    "locked": true\n  }\n}\n');
    const seen = await watch.waitFor((s) => !!adminProblem(s), 5_000, from);
    expect(adminProblem(seen.state)).toMatchObject({
      kind: 'invalid-json',
      line: 4,
      column: 5,
      blocksDockerDesktop: true,
    });
    expect(seen.state.advice).toContain('fix-admin-settings');
  });

  it('deleted: the problem goes away and the file is reported as not present', async () => {
    const from = watch.states.length;
    rmSync(admin);
    const seen = await watch.waitFor((s) => !adminProblem(s), 5_000, from);
    expect(seen.state.report.settingsFiles[0]).toEqual({ role: 'admin', path: admin, found: false });
  });

  it('replaced atomically (write elsewhere, rename over): seen', async () => {
    const from = watch.states.length;
    writeFileSync(`${admin}.tmp`, JSON.stringify({ enhancedContainerIsolation: { value: false, locked: true } }));
    renameSync(`${admin}.tmp`, admin);
    const seen = await watch.waitFor((s) => s.report.verdict === 'pending-restart', 5_000, from);
    expect(seen.state.report.desired).toMatchObject({ eci: false, source: 'admin-locked' });
  });

  it('unreadable: reported as such', async () => {
    const from = watch.states.length;
    chmodSync(admin, 0o000);
    writeFileSync(admin, '{}'); // root can still write; the touch wakes the watcher
    const seen = await watch.waitFor((s) => adminProblem(s)?.kind === 'unreadable', 5_000, from);
    expect(adminProblem(seen.state).message).toContain('Permission denied');
  });

  it('a directory in its place: reported as not a file', async () => {
    const from = watch.states.length;
    rmSync(admin);
    mkdirSync(admin);
    const seen = await watch.waitFor((s) => adminProblem(s)?.kind === 'not-a-file', 5_000, from);
    expect(adminProblem(seen.state).message).toContain('directory');
  });

  it('truncated mid-write: reported with where it ends, then fine once the write completes', async () => {
    const from = watch.states.length;
    rmSync(admin, { recursive: true, force: true });
    const full = JSON.stringify({ enhancedContainerIsolation: { value: true, locked: true } }, null, 2);
    writeFileSync(admin, full.slice(0, Math.floor(full.length / 2)));
    const seen = await watch.waitFor((s) => adminProblem(s)?.kind === 'invalid-json', 5_000, from);
    expect(adminProblem(seen.state)).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
    const next = watch.states.length;
    writeFileSync(admin, full);
    await watch.waitFor((s) => !adminProblem(s) && s.report.desired.source === 'admin-locked', 5_000, next);
  });

  it('a symlink loop: reported as such', async () => {
    const from = watch.states.length;
    rmSync(admin, { force: true });
    symlinkSync(`${admin}.other`, admin);
    symlinkSync(admin, `${admin}.other`);
    const seen = await watch.waitFor((s) => adminProblem(s)?.kind === 'unreadable', 5_000, from);
    expect(adminProblem(seen.state).message).toContain('symlink loop');
    rmSync(`${admin}.other`, { force: true });
    rmSync(admin, { force: true });
  });

  it('50 MB of JSON: refused as too large, and the watcher keeps going', async () => {
    const from = watch.states.length;
    const huge = JSON.stringify({
      enhancedContainerIsolation: { value: true, locked: true },
      padding: 'x'.repeat(50 * 1024 * 1024),
    });
    writeFileSync(admin, huge);
    // The watcher may first catch the file half-written (say 44 MiB): it must settle on the final size.
    const seen = await watch.waitFor(
      (s) => adminProblem(s)?.kind === 'too-large' && /50\.0 MiB/.test(adminProblem(s)?.message ?? ''),
      10_000,
      from,
    );
    expect(adminProblem(seen.state).message).toMatch(/50\.0 MiB, larger than the 4\.0 MiB/);
    rmSync(admin);
  });

  it('the watcher is still running and sees a valid file again', async () => {
    const from = watch.states.length;
    rmSync(admin, { recursive: true, force: true });
    lab.writeAdminPolicy(true, true);
    const seen = await watch.waitFor(
      (s) => s.report.verdict === 'protected' && s.report.desired.source === 'admin-locked',
      5_000,
      from,
    );
    expect(seen.state.report.settingsProblems).toEqual([]);
  });

  it('a settings folder that does not exist yet is watched once it appears', async () => {
    const later = join(lab.root, 'later', 'deeper', 'settings-store.json');
    const args = lab.productArgs();
    args[args.indexOf('--user-settings') + 1] = later;
    const second = new WatchProcess([...args, '--no-notify'], lab.env());
    try {
      await second.waitFor((s) => s.report.settingsFiles[1].found === false);
      const from = second.states.length;
      mkdirSync(dirname(later), { recursive: true });
      writeFileSync(later, JSON.stringify({ EnhancedContainerIsolation: false }));
      const seen = await second.waitFor((s) => s.report.settingsFiles[1].found === true, 5_000, from);
      expect(seen.state.report.settingsFiles[1].path).toBe(later);
    } finally {
      await second.stop();
    }
  });
});
