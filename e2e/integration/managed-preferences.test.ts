// Managed preferences on the lab: in a registry-restricted organization the default probe image
// cannot be pulled and every check says `unknown`; the admin's managed probe image (a root-owned
// file, read as the CLI reads /etc/eci-tray/managed-preferences.json) makes the real check verify,
// a flag still wins, `check --json` says what was managed and matches its schema, and a managed
// file an ordinary user could have written is ignored.
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConfigFrom } from '../../main/cli/check-options';
import { renderResult } from '../../main/cli/output-format';
import { EciChecker } from '../../main/core/verify/check';
import { NOTHING_MANAGED, type ManagedPreferences } from '../../main/core/preferences/managed-preferences';
import { readManagedPreferences } from '../../main/core/preferences/managed-preferences-source';
import type { CheckReport } from '../../main/core/model';
import { Lab } from '../lab/lab';
import { schemaErrors } from '../support/fleet-schemas';
import { engineApi } from './helpers';

describe('managed preferences on the lab', () => {
  let lab: Lab;
  let dir = '';
  beforeAll(async () => {
    lab = await Lab.start({ mode: 'on' });
    // The lab also tags its probe image alpine:latest; untagged here, the default cannot be had,
    // as in an organization whose machines cannot pull from Docker Hub (no registry answers here).
    const untag = await engineApi(lab.engineHost, 'DELETE', '/images/alpine:latest');
    if (untag.status !== 200)
      throw new Error(`could not untag alpine:latest in the lab: ${untag.status} ${JSON.stringify(untag.json)}`);
    dir = mkdtempSync('/var/lib/eci-tray-managed-lab-');
    chmodSync(dir, 0o755);
  });
  afterAll(async () => {
    await lab?.teardown();
    rmSync(dir, { recursive: true, force: true });
  });

  const managedFile = (name: string, values: object, owner = 0) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(values));
    chmodSync(path, 0o644);
    chownSync(path, owner, owner);
    return readManagedPreferences({
      platform: 'linux',
      user: null,
      linuxFile: path,
      macDir: '/x',
      run: () => '',
      env: {},
    });
  };

  async function check(flags: Record<string, string>, managed: ManagedPreferences): Promise<CheckReport> {
    const config = checkConfigFrom(
      {
        'docker-host': lab.dockerHost,
        'admin-settings': lab.paths.adminSettings,
        'user-settings': lab.paths.userSettings,
        timeout: '60',
        ...flags,
      },
      managed,
    );
    const checker = new EciChecker({ ...config, env: { ...process.env, ...lab.env() } });
    try {
      return await checker.check();
    } finally {
      checker.close();
    }
  }

  it('without them, the default probe image cannot be had here: unknown', async () => {
    const report = await check({}, NOTHING_MANAGED);
    expect(report.probeImage).toBe('alpine:latest');
    expect(report.verdict).toBe('unknown');
  });

  it('the managed probe image makes the check verify, and check --json says it was managed', async () => {
    const managed = managedFile('good.json', { probeImage: lab.probeImage });
    const report = await check({}, managed);
    expect(report.probeImage).toBe(lab.probeImage);
    expect(report.verdict).toBe('protected');
    const json = JSON.parse(renderResult({ kind: 'report', report, forUser: null, managed }, 'json')) as Record<
      string,
      any
    >;
    expect(schemaErrors('check-report', json)).toEqual([]);
    expect(json['managedPreferences']).toEqual({
      source: join(dir, 'good.json'),
      values: { probeImage: lab.probeImage },
      problems: [],
    });
    expect(renderResult({ kind: 'report', report, forUser: null, managed }, 'text')).toContain(
      `Managed    Set by your organization (${join(dir, 'good.json')}): probe image.`,
    );
  });

  it('a flag on the command line still wins over the managed value', async () => {
    const report = await check(
      { 'probe-image': 'flag/image:none' },
      managedFile('flag.json', { probeImage: lab.probeImage }),
    );
    expect(report.probeImage).toBe('flag/image:none');
    expect(report.verdict).toBe('unknown');
  });

  it('a managed file owned by an ordinary user is ignored, said in check --json', async () => {
    const managed = managedFile('theirs.json', { probeImage: lab.probeImage }, 65534);
    const report = await check({}, managed);
    expect(report.probeImage).toBe('alpine:latest');
    const json = JSON.parse(renderResult({ kind: 'report', report, forUser: null, managed }, 'json')) as Record<
      string,
      any
    >;
    expect(schemaErrors('check-report', json)).toEqual([]);
    expect(json['managedPreferences'].problems[0]).toContain('is owned by uid 65534, not root; ignored');
  });
});
