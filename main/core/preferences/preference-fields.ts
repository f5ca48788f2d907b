// The preference fields that can be changed from outside the store (a window, an admin's managed
// preferences), with their schemas. Pure (no file access): the IPC contract, which the preload and
// the pages bundle, validates the Preferences window's changes with them.

import { HHMM } from '../alerts/quiet-hours';
import { s, type Infer } from '../schema';

const hhmm = s.string({ pattern: HHMM, what: 'a time as HH:MM (00:00 to 23:59)' });
export const quietHoursSchema = s.object({ from: hhmm, until: hhmm });

/** Each field that can be changed from outside the store (a window, an admin's managed preferences), validated the same way everywhere. */
export const PREFERENCE_FIELDS = {
  safetyIntervalMinutes: s.number({ int: true, min: 1, max: 1440 }),
  probeImage: s.string({ min: 1, max: 256, pattern: /^[^\s]+$/, what: 'an image reference' }),
  dockerHost: s.nullable(
    s.string({
      max: 1024,
      pattern: /^(unix|npipe|tcp|https?):\/\/\S+$/,
      what: 'a unix://, npipe:// or tcp:// endpoint',
    }),
  ),
  adminSettings: s.nullable(s.string({ min: 1, max: 4096 })),
  userSettings: s.nullable(s.string({ min: 1, max: 4096 })),
  alerts: s.object({
    'pending-restart': s.optional(s.boolean()),
    'protection-lost': s.optional(s.boolean()),
    'new-unprotected-containers': s.optional(s.boolean()),
    'settings-invalid': s.optional(s.boolean()),
    'engine-unreachable': s.optional(s.boolean()),
    'protection-verified': s.optional(s.boolean()),
  }),
  quietHours: s.nullable(quietHoursSchema),
  startAtLogin: s.boolean(),
};

/** What the Preferences window can change (the endpoint and settings files stay in the file, with the CLI's flags). */
export const windowChangeSchema = s.object({
  alerts: s.optional(PREFERENCE_FIELDS.alerts),
  quietHours: s.optional(PREFERENCE_FIELDS.quietHours),
  safetyIntervalMinutes: s.optional(PREFERENCE_FIELDS.safetyIntervalMinutes),
  probeImage: s.optional(PREFERENCE_FIELDS.probeImage),
  startAtLogin: s.optional(PREFERENCE_FIELDS.startAtLogin),
});
export type WindowChange = Infer<typeof windowChangeSchema>;
