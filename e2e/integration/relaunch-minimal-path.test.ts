// A tray app started by the OS (Finder, a login item, the Start menu) has a minimal PATH. The
// relaunch must still find the docker CLI in its standard place and the `desktop` plugin in
// DOCKER_CONFIG's cli-plugins (where the lab installs it), say which it used, and apply the policy.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../lab/lab';
import { runCli } from './helpers';

describe('relaunch with a minimal PATH', () => {
  let lab: Lab;

  beforeAll(async () => {
    lab = await Lab.start({ mode: 'off' });
  });
  afterAll(async () => {
    await lab?.teardown();
  });

  it('finds docker in a standard place and the plugin in DOCKER_CONFIG, says so, and applies the policy', async () => {
    lab.writeAdminPolicy(true, true);
    // No folder on PATH holds docker: only the standard places can find it.
    const r = await runCli(['relaunch', '--yes', '--json', ...lab.productArgs()], {
      ...lab.env(),
      PATH: join(lab.root, 'empty-bin'),
    });
    const docker = ['/usr/bin/docker', '/usr/local/bin/docker'].find((p) => existsSync(p));
    const plugin = join(lab.paths.dockerConfig, 'cli-plugins', 'docker-desktop');
    const via = `Using ${docker} (docker CLI, found in ${docker === '/usr/bin/docker' ? '/usr/bin' : '/usr/local/bin'}) with its desktop plugin ${plugin}`;
    expect(r.stderr).toContain(via);
    expect(r.stderr).toContain(`Running ${docker} desktop stop`);
    expect(r.stderr).toContain(`Running ${docker} desktop start`);
    let out: any;
    try {
      out = JSON.parse(r.stdout);
    } catch {
      throw new Error(`relaunch --json printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    }
    expect(out).toMatchObject({ method: 'docker-desktop-cli', via, applied: true });
    expect(out.report.verdict).toBe('protected');
    expect(r.code).toBe(0);
    expect(lab.mode).toBe('on');
  });
});
