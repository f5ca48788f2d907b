// node-notifier as a Notifier: notify-send on Linux, Notification Center on macOS, toasts on
// Windows. Loaded on first use (it is only needed when something is worth saying).

import type { Notification } from './alert-policy';
import type { Notifier } from './notifier';

export const APP_NAME = 'ECI Tray';

export function nodeNotifier(timeoutMs = 10_000): Notifier {
  return {
    notify(n: Notification): Promise<void> {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const notifier = require('node-notifier') as typeof import('node-notifier');
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no answer from the notification service within ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
        notifier.notify(
          {
            title: n.title,
            message: n.body,
            wait: false,
            // notify-send flags (ignored elsewhere)
            urgency: n.urgency,
            'app-name': APP_NAME,
            appID: APP_NAME,
          } as Parameters<typeof notifier.notify>[0],
          (err) => {
            clearTimeout(timer);
            if (err) reject(err);
            else resolve();
          },
        );
      });
    },
  };
}
