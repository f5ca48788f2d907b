import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installKey } from '../store/install-key';
import { Journal } from './journal';
import { recreateSpec, type RecreateSpec } from './recreate-spec';
import { openSpec, publicResult, publicSpec, sealSpec } from './spec-secrets';
import { fixtureInspect, fixturePlan } from './testing/fixtures';

const TOKEN = 'tok-9d1c7e0b55';
const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'eci-secrets-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A container whose command line, entrypoint, healthcheck, labels and log options all hold the token. */
function secretSpec(): RecreateSpec {
  const info = fixtureInspect(['MODE=prod']);
  const base = recreateSpec(info, 'nginx:1.27');
  return {
    ...base,
    create: {
      ...base.create,
      Cmd: ['serve', `--api-key=${TOKEN}`],
      Entrypoint: ['/bin/run', TOKEN],
      Healthcheck: {
        Test: ['CMD', 'curl', '-H', `Authorization: ${TOKEN}`, 'http://localhost'],
        Interval: 30_000_000_000,
      },
      Labels: { 'com.example.token': TOKEN, team: 'web' },
      HostConfig: {
        ...base.create.HostConfig,
        LogConfig: { Type: 'splunk', Config: { 'splunk-token': TOKEN, 'splunk-url': 'https://splunk.example' } },
      },
    },
  };
}

describe('command lines, labels and log options are secrets too', () => {
  it('shown by names and sizes only', () => {
    const shown = publicSpec(secretSpec());
    expect(JSON.stringify(shown)).not.toContain(TOKEN);
    expect(shown).toMatchObject({
      labelNames: ['com.example.token', 'team'],
      logOptionNames: ['splunk-token', 'splunk-url'],
      command: { args: 2, chars: 5 + `--api-key=${TOKEN}`.length },
      entrypoint: { args: 2, chars: 8 + TOKEN.length },
      healthcheck: { args: 5 },
    });
    // What is not secret stays: the log driver, the healthcheck's timing.
    expect(shown.create['HostConfig']).toMatchObject({ LogConfig: { Type: 'splunk' } });
    expect(shown.create['Healthcheck']).toEqual({ Interval: 30_000_000_000 });
  });

  it('in an apply result', () => {
    const result = publicResult({
      planId: 'p',
      journal: '/x',
      alreadyApplied: false,
      items: [{ name: 'web', outcome: 'done', removedSpec: secretSpec() }],
    });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('sealed for the walkthrough and opened to the same spec; a changed seal is refused', () => {
    const key = installKey(fresh());
    const spec = secretSpec();
    const sealed = sealSpec(key, spec);
    expect(JSON.stringify(sealed)).not.toContain(TOKEN);
    expect(openSpec(key, sealed)).toEqual(spec);
    expect(() => openSpec(key, { ...sealed, name: 'db' })).toThrow(/cannot be opened/);
  });

  it('a spec kept before these were sealed (values in the clear) still opens as it was', () => {
    const key = installKey(fresh());
    const spec = secretSpec();
    const { sealedConfig: _none, ...old } = sealSpec(key, { ...spec, create: { ...spec.create, Env: ['MODE=prod'] } });
    const legacy = { ...old, create: { ...old.create, Cmd: spec.create.Cmd } };
    expect(openSpec(key, legacy).create.Cmd).toEqual(spec.create.Cmd);
  });

  it('in the journal: sealed on disk, whole when read back', () => {
    const state = fresh();
    const journal = Journal.create(state, fixturePlan(['MODE=prod']));
    journal.append({ type: 'item', index: 0, spec: secretSpec() });
    expect(readFileSync(journal.path, 'utf8')).not.toContain(TOKEN);
    expect(Journal.read(journal.path).itemStart(0)!.spec).toEqual(secretSpec());
  });
});
