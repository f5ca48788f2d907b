// The notifier port: where alerts go. The CLI uses node-notifier; the tray app adds Electron's
// notifications. A failed notification is logged, never fatal.

import { errorText } from '../error-text';
import type { Notification } from './alert-policy';

export interface Notifier {
  notify(notification: Notification): Promise<void>;
}

/** Wraps a notifier so a failure is reported through `log` and never thrown. */
export function failSafe(notifier: Notifier, log: (message: string) => void): Notifier {
  return {
    async notify(n) {
      try {
        await notifier.notify(n);
      } catch (err) {
        log(`notification "${n.title}" could not be shown: ${errorText(err)}`);
      }
    },
  };
}
