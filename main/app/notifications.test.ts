import { describe, expect, it } from 'vitest';
import type { Notification } from '../core/alerts/alert-policy';
import type { WindowKind } from '../ipc/contract';
import { ElectronNotifier } from './notifications';
import { FakeNotificationFactory } from './testing/fake-electron';

const alert = (action: Notification['action']): Notification => ({
  kind: 'pending-restart',
  title: 'T',
  body: 'B',
  urgency: 'critical',
  action,
});

function setup(supported = true) {
  const factory = new FakeNotificationFactory(supported);
  const opened: WindowKind[] = [];
  const fallback: Notification[] = [];
  const ran: string[] = [];
  const n = new ElectronNotifier(
    factory,
    (k) => opened.push(k),
    { notify: async (x) => void fallback.push(x) },
    (a) => void ran.push(a),
  );
  return { factory, opened, fallback, n, ran };
}

describe('ElectronNotifier', () => {
  it('shows the notification, keeps it until clicked, and a click opens the window it is about', async () => {
    const { factory, opened, n } = setup();
    await n.notify(alert('open-walkthrough'));
    await n.notify(alert('open-cleanup'));
    expect(factory.created.map((c) => [c.options, c.shown])).toEqual([
      [{ title: 'T', body: 'B', urgency: 'critical' }, true],
      [{ title: 'T', body: 'B', urgency: 'critical' }, true],
    ]);
    expect(n.pending).toBe(2);
    factory.created[0]!.fire('click');
    expect(opened).toEqual(['walkthrough']);
    factory.created[1]!.fire('close');
    expect(n.pending).toBe(0);
  });

  it('falls back to node-notifier where Electron cannot notify, or when showing fails', async () => {
    const unsupported = setup(false);
    await unsupported.n.notify(alert('open-details'));
    expect(unsupported.fallback).toHaveLength(1);
    expect(unsupported.factory.created).toHaveLength(0);

    const failing = setup(true);
    await failing.n.notify(alert('open-details'));
    failing.factory.created[0]!.fire('failed', new Error('no service'));
    expect(failing.fallback).toHaveLength(1);
    expect(failing.n.pending).toBe(0);
  });

  it.each<[number, string]>([
    [0, 'relaunch'],
    [1, 'later-2h'],
    [2, 'later-tonight'],
  ])('the buttons show in order, and button %i runs %s (not a window)', async (index, action) => {
    const { factory, opened, n, ran } = setup();
    await n.notify({
      ...alert('open-walkthrough'),
      buttons: [
        { label: 'Quit and reopen Docker Desktop…', action: 'relaunch' },
        { label: 'Later: in 2 hours', action: 'later-2h' },
        { label: 'Later: tonight', action: 'later-tonight' },
      ],
    });
    expect(factory.created[0]!.options.actions).toEqual([
      { type: 'button', text: 'Quit and reopen Docker Desktop…' },
      { type: 'button', text: 'Later: in 2 hours' },
      { type: 'button', text: 'Later: tonight' },
    ]);
    factory.created[0]!.fire('action', {}, index);
    expect(ran).toEqual([action]);
    expect(opened).toEqual([]);
    expect(n.pending).toBe(0);
  });
});
