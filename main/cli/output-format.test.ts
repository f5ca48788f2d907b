// Every result renders in every format, and each machine format is what its consumer parses:
// the JSON Schemas in fleet/schema/ for json and intune, Jamf's <result> tag for jamf.

import { describe, expect, it } from 'vitest';
import { schemaErrors } from '../../e2e/support/fleet-schemas';
import { fleetSummary, notChecked, resultForUser, type FleetResult } from '../core/fleet/fleet-result';
import type { CheckReport, Verdict } from '../core/model';
import { checkCommand } from './check-command';
import type { CliIO } from './io';
import { formatFrom, OUTPUT_FORMATS, renderResult, sniffFormat } from './output-format';

function report(verdict: Verdict, over: Partial<CheckReport> = {}): CheckReport {
  const on = verdict === 'protected' || verdict === 'unprotected-containers';
  return {
    verdict,
    reason: `reason for ${verdict}`,
    checkedAt: '2026-12-01T04:00:00.000Z',
    durationMs: 812,
    endpoint: { url: 'unix:///home/jdoe/.docker/desktop/docker.sock', source: 'desktop-socket' },
    engine: {
      reachable: true,
      desktop: true,
      version: '4.37.1',
      platformName: 'Docker Desktop 4.37.1 (178610)',
      operatingSystem: 'Docker Desktop',
      osType: 'linux',
    },
    desired: { eci: on, source: 'admin-locked', file: '/usr/share/docker-desktop/admin-settings.json' },
    effective: { eci: verdict === 'off' ? false : on ? true : null },
    checks: [{ id: 'runtime', result: on ? 'isolated' : 'not-isolated', observation: on ? 'sysbox-runc' : 'runc' }],
    unprotectedContainers:
      verdict === 'unprotected-containers'
        ? [
            {
              id: 'a'.repeat(64),
              name: 'db',
              image: 'postgres:16',
              state: 'running',
              created: '2026-11-30T10:00:00.000Z',
              runtime: 'runc',
            },
          ]
        : [],
    uncoveredContainers: [],
    settingsFiles: [{ role: 'admin', path: '/usr/share/docker-desktop/admin-settings.json', found: true }],
    settingsProblems: [],
    notes: [],
    nextSteps: [],
    probeImage: 'alpine:latest',
    ...over,
  };
}

const unreachable = report('engine-unreachable', {
  engine: {
    reachable: false,
    desktop: false,
    version: null,
    platformName: null,
    operatingSystem: null,
    error: 'connect ENOENT',
  },
});

const RESULTS: Array<[string, FleetResult, Partial<ReturnType<typeof fleetSummary>>]> = [
  [
    'protected',
    { kind: 'report', report: report('protected'), forUser: null },
    {
      verdict: 'protected',
      eciVerified: true,
      pending: false,
      unprotectedContainers: 0,
      desktopVersion: '4.37.1',
      desktopContainers: 0,
    },
  ],
  [
    'unprotected containers',
    { kind: 'report', report: report('unprotected-containers'), forUser: 'jdoe' },
    { verdict: 'unprotected-containers', eciVerified: true, unprotectedContainers: 1 },
  ],
  [
    'pending restart',
    { kind: 'report', report: report('pending-restart'), forUser: null },
    { verdict: 'pending-restart', eciVerified: false, pending: true },
  ],
  [
    'off',
    { kind: 'report', report: report('off'), forUser: null },
    { verdict: 'off', eciVerified: false, blockingSettingsErrors: 0 },
  ],
  [
    'protected, with an admin-settings.json Docker Desktop cannot read',
    {
      kind: 'report',
      report: report('protected', {
        settingsProblems: [
          {
            file: '/usr/share/docker-desktop/admin-settings.json',
            kind: 'invalid-json',
            severity: 'error',
            message: 'not valid JSON',
            line: 4,
            column: 1,
            blocksDockerDesktop: true,
          },
          {
            file: '/home/jdoe/.docker/desktop/settings-store.json',
            kind: 'wrong-type',
            severity: 'warning',
            message: 'not a boolean',
          },
        ],
      }),
      forUser: null,
    },
    { verdict: 'protected', blockingSettingsErrors: 1 },
  ],
  [
    'not Docker Desktop',
    {
      kind: 'report',
      report: report('not-docker-desktop', { engine: { ...report('off').engine, desktop: false, version: null } }),
      forUser: null,
    },
    { desktopVersion: '' },
  ],
  [
    'a kind node outside ECI counts',
    {
      kind: 'report',
      report: report('unprotected-containers', {
        unprotectedContainers: [],
        uncoveredContainers: [
          {
            id: 'b'.repeat(64),
            name: 'desktop-control-plane',
            image: 'kindest/node',
            state: 'running',
            created: '2026-11-30T10:00:00.000Z',
            runtime: 'runc',
            kind: 'kubernetes-node',
            why: 'kind node',
            outsideEciByDesign: false,
          },
          {
            id: 'c'.repeat(64),
            name: 'ext',
            image: 'docker/ext',
            state: 'running',
            created: '2026-11-30T10:00:00.000Z',
            runtime: 'runc',
            kind: 'extension',
            why: 'extension',
            outsideEciByDesign: true,
          },
        ],
      }),
      forUser: null,
    },
    { unprotectedContainers: 1, desktopContainers: 2 },
  ],
  [
    'engine unreachable (not for a user)',
    { kind: 'report', report: unreachable, forUser: null },
    { verdict: 'engine-unreachable' },
  ],
  [
    'Desktop not running for a user',
    resultForUser(unreachable, 'jdoe'),
    { verdict: 'desktop-not-running', eciVerified: false, desktopVersion: '' },
  ],
  [
    'nobody logged in',
    notChecked('no-user-logged-in', 'Nobody is logged in at the console.', null),
    { verdict: 'no-user-logged-in' },
  ],
  [
    'a check that could not run',
    notChecked('error', '--timeout must be a number of seconds', null),
    { verdict: 'error', eciVerified: false, pending: false, unprotectedContainers: 0, desktopContainers: 0 },
  ],
];

describe('the MDM summary', () => {
  it.each(RESULTS)('%s', (_, result, expected) => {
    expect(fleetSummary(result)).toMatchObject(expected);
  });

  it('paused Desktop for a user stays engine-unreachable (it runs, it is paused), and so does an engine from their context', () => {
    expect(resultForUser({ ...unreachable, engine: { ...unreachable.engine, paused: true } }, 'jdoe').kind).toBe(
      'report',
    );
    expect(
      resultForUser(
        { ...unreachable, endpoint: { url: 'tcp://10.0.0.5:2376', source: 'context', context: 'remote' } },
        'jdoe',
      ).kind,
    ).toBe('report');
    expect(resultForUser(unreachable, null).kind).toBe('report');
  });

  it("Desktop's own docker context (desktop-linux) on its socket that does not answer: not running", () => {
    const viaContext = {
      ...unreachable,
      endpoint: {
        url: 'unix:///home/jdoe/.docker/desktop/docker.sock',
        source: 'context' as const,
        context: 'desktop-linux',
      },
    };
    expect(
      fleetSummary(resultForUser(viaContext, 'jdoe', 'unix:///home/jdoe/.docker/desktop/docker.sock')).verdict,
    ).toBe('desktop-not-running');
    expect(
      fleetSummary(resultForUser(viaContext, 'jdoe', 'unix:///home/ann/.docker/desktop/docker.sock')).verdict,
    ).toBe('engine-unreachable');
  });
});

describe('the Jamf attribute', () => {
  it('says when a settings file keeps Docker Desktop from starting again, after the verdict', () => {
    const blocked = RESULTS.find(([name]) => name.startsWith('protected, with an admin-settings.json'))![1];
    expect(renderResult(blocked, 'jamf')).toBe('<result>protected blocking-settings-errors=1</result>\n');
    expect(renderResult(RESULTS[0]![1], 'jamf')).toBe('<result>protected</result>\n');
  });
});

describe('every result in every format', () => {
  it.each(RESULTS)('%s: json and intune match their schema, jamf is one <result> tag', (_, result) => {
    const json = JSON.parse(renderResult(result, 'json'));
    expect(schemaErrors('check-report', json)).toEqual([]);
    expect(json.verdict).toBe(fleetSummary(result).verdict);

    const intune = renderResult(result, 'intune');
    expect(intune.trimEnd()).not.toContain('\n');
    expect(schemaErrors('intune-result', JSON.parse(intune))).toEqual([]);

    const summary = fleetSummary(result);
    const blocking =
      summary.blockingSettingsErrors > 0 ? ` blocking-settings-errors=${summary.blockingSettingsErrors}` : '';
    expect(renderResult(result, 'jamf')).toBe(`<result>${summary.verdict}${blocking}</result>\n`);
    expect(renderResult(result, 'text')).toMatch(new RegExp(`^[✓✗] [^\n]+ \\(${fleetSummary(result).verdict}\\)\n`));
  });

  it('the schema is not a rubber stamp: a drifted report fails it', () => {
    const good = JSON.parse(renderResult(RESULTS[0]![1], 'json'));
    expect(schemaErrors('check-report', { ...good, verdict: 'fine' })).not.toEqual([]);
    expect(schemaErrors('check-report', { ...good, extra: 1 })).not.toEqual([]);
    expect(schemaErrors('check-report', { ...good, checkedAt: 'yesterday' })).not.toEqual([]);
    const { engine: _engine, ...noEngine } = good;
    expect(schemaErrors('check-report', noEngine)).not.toEqual([]);
    expect(schemaErrors('intune-result', { ...fleetSummary(RESULTS[0]![1]), unprotectedContainers: -1 })).not.toEqual(
      [],
    );
  });
});

describe('choosing the format', () => {
  it.each<[Record<string, string | boolean | undefined>, string]>([
    [{}, 'text'],
    [{ json: true }, 'json'],
    [{ format: 'jamf' }, 'jamf'],
    [{ format: 'intune' }, 'intune'],
    [{ format: 'json', json: true }, 'json'],
  ])('%j -> %s', (values, format) => {
    expect(formatFrom(values)).toBe(format);
  });

  it.each([
    [{ format: 'xml' }, /one of text, json, jamf, intune/],
    [{ format: 'jamf', json: true }, /contradict/],
  ])('%j is refused', (values, message) => {
    expect(() => formatFrom(values)).toThrow(message);
  });

  it.each([
    [['--timeout', 'x', '--format', 'intune'], 'intune'],
    [['--format=jamf', '--bogus'], 'jamf'],
    [['--json', '--nope'], 'json'],
    [['--format', 'xml'], 'text'],
    [['--format'], 'text'],
    [['--format', 'json', '--format', 'jamf'], 'jamf'],
  ])('before parsing, %j asks for %s', (args, format) => {
    expect(sniffFormat(args)).toBe(format);
  });
});

describe('a check that cannot run still answers in the chosen format', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t) };
    return { io, out, err };
  };

  it.each([
    ['a bad flag value', ['--timeout', 'soon']],
    ['an unknown flag', ['--colour']],
    ['a user name that is a path', ['--for-user', '../etc']],
    ['both user flags', ['--for-user', 'root', '--for-console-user']],
    ['a user that does not exist', ['--for-user', 'no-such-user-eci']],
  ])('%s: exit 2, and each machine format parses', async (_, args) => {
    for (const format of OUTPUT_FORMATS.filter((f) => f !== 'text')) {
      const { io, out, err } = capture();
      const code = await checkCommand([...args, '--format', format], io);
      expect(code).toBe(2);
      expect(err.join('')).toMatch(/^eci-tray check: /);
      const text = out.join('');
      if (format === 'jamf') expect(text).toBe('<result>error</result>\n');
      if (format === 'intune') expect(schemaErrors('intune-result', JSON.parse(text))).toEqual([]);
      if (format === 'json') {
        const parsed = JSON.parse(text);
        expect(schemaErrors('check-report', parsed)).toEqual([]);
        expect(parsed).toMatchObject({
          verdict: 'error',
          reason: err
            .join('')
            .replace(/^eci-tray check: /, '')
            .trim(),
        });
      }
    }
  });

  it('a console that cannot be read is an internal error (exit 1), still parseable', async () => {
    const noLogind = {
      platform: 'linux' as const,
      env: {},
      run: async () => ({ code: 1, stdout: 'Failed to connect to bus: Host is down', missing: false }),
    };
    for (const format of ['json', 'intune', 'jamf'] as const) {
      const { io, out, err } = capture();
      expect(await checkCommand(['--for-console-user', '--format', format], io, noLogind)).toBe(1);
      expect(err.join('')).toContain('loginctl failed: Failed to connect to bus');
      if (format === 'jamf') expect(out.join('')).toBe('<result>error</result>\n');
      else
        expect(schemaErrors(format === 'json' ? 'check-report' : 'intune-result', JSON.parse(out.join('')))).toEqual(
          [],
        );
    }
  });

  it('nobody at the console: its own result in every format, exit 17, no engine touched', async () => {
    const nobody = {
      platform: 'darwin' as const,
      env: {},
      run: async () => ({ code: 0, stdout: 'root\n', missing: false }),
    };
    const outputs: Record<string, string> = {};
    for (const format of OUTPUT_FORMATS) {
      const { io, out } = capture();
      expect(
        await checkCommand(
          ['--for-console-user', '--format', format, '--docker-host', 'tcp://127.0.0.1:1'],
          io,
          nobody,
        ),
      ).toBe(17);
      outputs[format] = out.join('');
    }
    expect(outputs['jamf']).toBe('<result>no-user-logged-in</result>\n');
    expect(JSON.parse(outputs['intune']!)).toMatchObject({ verdict: 'no-user-logged-in', eciVerified: false });
    expect(schemaErrors('check-report', JSON.parse(outputs['json']!))).toEqual([]);
    expect(outputs['text']).toMatch(/^✗ Nobody is logged in \(no-user-logged-in\)\nNobody is logged in/);
  });

  // A tool that never answers (a hung logind, a stuck directory service): --timeout still ends the run.
  it('--timeout bounds the whole run, the user lookup included: a parseable error in time', async () => {
    const hung = { platform: 'linux' as const, env: {}, run: () => new Promise<never>(() => undefined) };
    for (const format of ['intune', 'jamf', 'json', 'text'] as const) {
      const { io, out, err } = capture();
      const started = Date.now();
      expect(await checkCommand(['--for-console-user', '--format', format, '--timeout', '1'], io, hung)).toBe(1);
      expect(Date.now() - started).toBeLessThan(1_000 + 4_000);
      expect(err.join('')).toContain('did not finish within --timeout 1 s');
      if (format === 'jamf') expect(out.join('')).toBe('<result>error</result>\n');
      if (format === 'intune') expect(schemaErrors('intune-result', JSON.parse(out.join('')))).toEqual([]);
      if (format === 'json') expect(schemaErrors('check-report', JSON.parse(out.join('')))).toEqual([]);
      if (format === 'text')
        expect(out.join('')).toMatch(/^✗ The check could not run \(error\)\nthe check did not finish/);
    }
  }, 30_000);

  it('text keeps the usual usage error (runCli prints the help)', async () => {
    await expect(checkCommand(['--timeout', 'soon'], capture().io)).rejects.toThrow(/--timeout must be a number/);
  });
});
