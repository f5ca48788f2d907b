// The app's preferences: validated when read, written atomically (write, flush, rename). A file
// that cannot be read or does not validate is set aside (unreadable), defaults are used, and a notice says so.

import { readFileSync, renameSync } from 'node:fs';
import { writePrivateFile } from '../store/private-files';
import { setAsidePath } from '../store/set-aside';
import { ALERT_KINDS, DEFAULT_ALERTS, type AlertKind } from '../alerts/alert-policy';
import type { QuietHours } from '../alerts/quiet-hours';
import { PREFERENCE_FIELDS, quietHoursSchema } from './preference-fields';
import type { RecreateSpec } from '../cleanup/recreate-spec';
import type { SealedRecreateSpec } from '../cleanup/spec-secrets';
import { s, SchemaError, validate, type Infer, type Schema } from '../schema';

export { PREFERENCE_FIELDS };

/** A container removed during the walkthrough, kept so it can be re-created once ECI is on. */
export interface RemovedContainer {
  name: string;
  image: string;
  removedAt: string;
  wasRunning: boolean;
  /** Its environment values sealed with the install key; a plain RecreateSpec only in files from older versions (sealed at start). */
  spec: SealedRecreateSpec | RecreateSpec;
}

export interface WalkthroughProgress {
  removed: RemovedContainer[];
  recreated: string[];
  skipRecreate: boolean;
}

/**
 * The app's preferences (preferences.json in the user data folder). The first group is what a
 * Preferences window shows and an admin can manage (PREFERENCE_FIELDS, managed-preferences.ts);
 * the rest is state the app keeps for itself.
 */
export interface Preferences {
  version: 1;
  /** Minutes between two checks when nothing happens (every engine start and settings change checks anyway). */
  safetyIntervalMinutes: number;
  /** The image the probe containers run. */
  probeImage: string;
  /** The Docker endpoint, or null for the default one. */
  dockerHost: string | null;
  /** Where Docker Desktop's settings files are, or null for their usual place. */
  adminSettings: string | null;
  userSettings: string | null;
  /** Each alert kind on or off (DEFAULT_ALERTS: all on but "Docker stopped"). */
  alerts: Record<AlertKind, boolean>;
  /** A daily window with no notifications but "protection lost" (alert-gate.ts says why), or null for none. */
  quietHours: QuietHours | null;
  startAtLogin: boolean;
  // ---- The app's own state ----
  /** "Pause notifications" until (epoch ms): nothing is shown, nothing is kept for later. */
  pausedUntil: number | null;
  /** "Later" on a notification, per alert kind (epoch ms): it comes back once then, if still true. */
  snoozedUntil: Partial<Record<AlertKind, number>>;
  walkthrough: WalkthroughProgress;
  /** When the welcome notification was shown (once, at the first launch). */
  welcomedAt?: string | null;
  /** When the last reminder that a policy asks for ECI (still off) was shown: at most daily. */
  policyRemindedAt?: string | null;
  /** When the app last looked for an update of itself: at most daily. */
  updateCheckedAt?: string | null;
}

/** Removed containers kept for the walkthrough's re-creation: bounded where they are stored (walkthrough-service.ts). */
export const WALKTHROUGH_REMOVED_LIMIT = 500;

export const DEFAULT_PREFERENCES: Preferences = {
  version: 1,
  // Daily: re-verification already follows every engine session and settings change, and a
  // frequent probe would wake Docker Desktop from Resource Saver for nothing.
  safetyIntervalMinutes: 1440,
  probeImage: 'alpine:latest',
  dockerHost: null,
  adminSettings: null,
  userSettings: null,
  alerts: { ...DEFAULT_ALERTS },
  quietHours: null,
  // A security monitor that is not running watches nothing: on by default, and the first launch says so.
  startAtLogin: true,
  pausedUntil: null,
  snoozedUntil: {},
  walkthrough: { removed: [], recreated: [], skipRecreate: false },
};

const alertsSchema = s.object(
  Object.fromEntries(ALERT_KINDS.map((k) => [k, s.boolean()])) as Record<AlertKind, ReturnType<typeof s.boolean>>,
);

const preferencesSchema = s.object({
  version: s.literal(1),
  safetyIntervalMinutes: s.number({ int: true, min: 1, max: 1440 }),
  probeImage: s.string({ min: 1, max: 256 }),
  dockerHost: s.nullable(s.string({ max: 1024 })),
  adminSettings: s.nullable(s.string({ max: 4096 })),
  userSettings: s.nullable(s.string({ max: 4096 })),
  alerts: alertsSchema,
  quietHours: s.nullable(quietHoursSchema),
  startAtLogin: s.boolean(),
  pausedUntil: s.nullable(s.number({ min: 0 })),
  snoozedUntil: s.object({
    'pending-restart': s.optional(s.number({ min: 0 })),
    'protection-lost': s.optional(s.number({ min: 0 })),
    'new-unprotected-containers': s.optional(s.number({ min: 0 })),
    'settings-invalid': s.optional(s.number({ min: 0 })),
    'engine-unreachable': s.optional(s.number({ min: 0 })),
    'protection-verified': s.optional(s.number({ min: 0 })),
  }),
  walkthrough: s.object({
    removed: s.array(
      s.object({
        name: s.string({ max: 255 }),
        image: s.string({ max: 512 }),
        removedAt: s.string({ max: 40 }),
        wasRunning: s.boolean(),
        spec: s.json(2_000_000) as Schema<SealedRecreateSpec | RecreateSpec>,
      }),
      { max: WALKTHROUGH_REMOVED_LIMIT },
    ),
    recreated: s.array(s.string({ max: 255 }), { max: WALKTHROUGH_REMOVED_LIMIT }),
    skipRecreate: s.boolean(),
  }),
  welcomedAt: s.optional(s.nullable(s.string({ max: 40 }))),
  policyRemindedAt: s.optional(s.nullable(s.string({ max: 40 }))),
  updateCheckedAt: s.optional(s.nullable(s.string({ max: 40 }))),
}) as Schema<Preferences>;

/** A change of preferences: only these fields can be changed from outside the store. */
export const preferencesChangeSchema = s.object({
  safetyIntervalMinutes: s.optional(PREFERENCE_FIELDS.safetyIntervalMinutes),
  probeImage: s.optional(PREFERENCE_FIELDS.probeImage),
  dockerHost: s.optional(PREFERENCE_FIELDS.dockerHost),
  adminSettings: s.optional(PREFERENCE_FIELDS.adminSettings),
  userSettings: s.optional(PREFERENCE_FIELDS.userSettings),
  alerts: s.optional(PREFERENCE_FIELDS.alerts),
  quietHours: s.optional(PREFERENCE_FIELDS.quietHours),
  startAtLogin: s.optional(PREFERENCE_FIELDS.startAtLogin),
});
export type PreferencesChange = Infer<typeof preferencesChangeSchema>;

/** Fields that decide what is verified and where: changing one needs the user's own confirmation. */
export const SENSITIVE_PREFERENCES = ['dockerHost', 'probeImage', 'adminSettings', 'userSettings'] as const;

export function validatePreferences(value: unknown): Preferences {
  return validate(preferencesSchema, value);
}

/** A file from an older version lacks the fields added since: they take their defaults. */
function withNewFields(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const v = value as Record<string, unknown>;
  return {
    ...v,
    quietHours: v.quietHours === undefined ? DEFAULT_PREFERENCES.quietHours : v.quietHours,
    snoozedUntil: v.snoozedUntil === undefined ? {} : v.snoozedUntil,
  };
}

export interface LoadedPreferences {
  preferences: Preferences;
  /** Set when the file was unusable and defaults are in use. */
  notice: string | null;
  /** No preferences file yet: the app's first launch for this user. */
  firstLaunch?: boolean;
}

export class PreferencesStore {
  private current: Preferences;
  readonly notice: string | null;
  readonly firstLaunch: boolean;

  private constructor(
    readonly path: string,
    loaded: LoadedPreferences,
  ) {
    this.current = loaded.preferences;
    this.notice = loaded.notice;
    this.firstLaunch = loaded.firstLaunch ?? false;
  }

  static load(path: string, now = new Date()): PreferencesStore {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        return new PreferencesStore(path, {
          preferences: structuredClone(DEFAULT_PREFERENCES),
          notice: null,
          firstLaunch: true,
        });
      return new PreferencesStore(path, {
        preferences: structuredClone(DEFAULT_PREFERENCES),
        notice: `Your preferences could not be read (${(err as Error).message}); defaults are in use.`,
      });
    }
    try {
      return new PreferencesStore(path, {
        preferences: validatePreferences(withNewFields(JSON.parse(text))),
        notice: null,
      });
    } catch (err) {
      const why = err instanceof SchemaError ? err.message : `not valid JSON (${(err as Error).message})`;
      const aside = setAsidePath(path, now);
      let kept = '';
      try {
        renameSync(path, aside);
        kept = ` It was set aside as ${aside}.`;
      } catch {
        kept = '';
      }
      return new PreferencesStore(path, {
        preferences: structuredClone(DEFAULT_PREFERENCES),
        notice: `Your preferences file was not usable (${why}); defaults are in use.${kept}`,
      });
    }
  }

  get(): Preferences {
    return structuredClone(this.current);
  }

  /** Applies a change, validates the result, and saves it atomically. */
  update(change: (p: Preferences) => void): Preferences {
    const next = structuredClone(this.current);
    change(next);
    validatePreferences(next);
    writePrivateFile(this.path, JSON.stringify(next, null, 2) + '\n', { privateDir: false });
    this.current = next;
    return this.get();
  }
}
