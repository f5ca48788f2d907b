// A page on a fixed state, for the state-by-state specs: the real bundled page and the real
// bridge (bridge-init.ts), with the main process's answers taken from a fixture instead of the lab.

import type { Page } from '@playwright/test';
import type { AppStateView, Envelope, WindowKind } from '../../main/ipc/contract';
import type { PageState } from '../../main/core/report/testing/page-states';
import { bridgeInitScript, pageUrl } from './harness';

export function viewOf(s: PageState): AppStateView {
  return {
    state: s.state,
    forward: s.forward,
    checking: false,
    relaunching: false,
    pausedUntil: null,
    notice: null,
    managed: null,
  };
}

/** Opens `kind` answering from `answer` (channel -> value); anything else fails as main would. */
export async function openFixture(
  page: Page,
  kind: WindowKind,
  answer: (channel: string) => unknown,
  errors: string[],
): Promise<void> {
  await page.exposeBinding('__eciInvoke', (_source, channel: string): Envelope<unknown> => {
    const value = answer(channel);
    return value === undefined
      ? { ok: false, error: { code: 'failed', message: `${channel} is not part of this fixture` } }
      : { ok: true, value };
  });
  await page.addInitScript({ content: bridgeInitScript() });
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pageUrl(kind));
}

/** Delivers a main-process event to the page, as the app does. */
export async function deliver(page: Page, event: string, payload: unknown): Promise<void> {
  await page.evaluate(([e, p]) => window.__eciDeliver(e as string, p), [event, payload] as const);
}
