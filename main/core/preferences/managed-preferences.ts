// Preferences an organization sets centrally for every machine (a macOS configuration profile,
// Windows policy in the registry, a file under /etc on Linux: managed-preferences-source.ts reads
// them). A managed value wins over the user's own and cannot be changed in the app. Each key is
// validated with the same field schemas as the app's own preferences (preferences.ts); a key that
// does not validate is left out and named in `problems`, the others still apply. Pure.

import { ALERT_KINDS } from '../alerts/alert-policy';
import type { CheckConfig } from '../verify/check';
import { PREFERENCE_FIELDS, type Preferences, type PreferencesChange } from './preferences';
import { s, SchemaError, validate, type Infer } from '../schema';

/** Each key an admin can set, with its schema: the app's own where the app has the field. */
const MANAGED_FIELDS = {
  probeImage: PREFERENCE_FIELDS.probeImage,
  safetyIntervalMinutes: PREFERENCE_FIELDS.safetyIntervalMinutes,
  dockerHost: PREFERENCE_FIELDS.dockerHost,
  startAtLogin: PREFERENCE_FIELDS.startAtLogin,
  alerts: PREFERENCE_FIELDS.alerts,
  /** {"from": "22:00", "until": "07:00"}, or null for none (a user's own window is then off). */
  quietHours: PREFERENCE_FIELDS.quietHours,
  /** The welcome notification at the first launch. */
  showWelcome: s.boolean(),
  /** The app's own updates (never the CLI's: it updates nothing). */
  autoUpdate: s.boolean(),
};
export type ManagedKey = keyof typeof MANAGED_FIELDS;
export const MANAGED_KEYS = Object.keys(MANAGED_FIELDS) as ManagedKey[];

/** The whole managed document: what the samples in fleet/ are validated against. */
export const managedPreferencesSchema = s.object({
  probeImage: s.optional(MANAGED_FIELDS.probeImage),
  safetyIntervalMinutes: s.optional(MANAGED_FIELDS.safetyIntervalMinutes),
  dockerHost: s.optional(MANAGED_FIELDS.dockerHost),
  startAtLogin: s.optional(MANAGED_FIELDS.startAtLogin),
  alerts: s.optional(MANAGED_FIELDS.alerts),
  quietHours: s.optional(MANAGED_FIELDS.quietHours),
  showWelcome: s.optional(MANAGED_FIELDS.showWelcome),
  autoUpdate: s.optional(MANAGED_FIELDS.autoUpdate),
});
export type ManagedValues = Infer<typeof managedPreferencesSchema>;

export interface ManagedPreferences {
  /** Where they were read (a file, a registry key); null when nothing is managed. */
  source: string | null;
  values: ManagedValues;
  /** Keys left out, and files that could not be used, each with why. */
  problems: string[];
}

export const NOTHING_MANAGED: ManagedPreferences = { source: null, values: {}, problems: [] };

const BOOLEAN_KEYS = new Set<string>(['startAtLogin', 'showWelcome', 'autoUpdate']);

/** Registry DWORDs come as numbers: 0 and 1 are false and true where a boolean is meant. */
function coerceBoolean(v: unknown): unknown {
  return v === 0 ? false : v === 1 ? true : v;
}

const canonical = <K extends string>(keys: readonly K[], name: string): K | undefined =>
  keys.find((k) => k.toLowerCase() === name.toLowerCase());

/**
 * Turns what an OS store holds (JSON from a file, a plist as JSON, registry values) into managed
 * values. Names are matched case-insensitively (registry values are often PascalCase).
 */
export function interpretManaged(raw: unknown, source: string): ManagedPreferences {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return { source, values: {}, problems: [`${source}: expected an object of preferences`] };
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    // A configuration profile's own fields (PayloadType, PayloadUUID, ...) are not preferences.
    if (/^Payload/.test(name)) continue;
    const key = canonical(MANAGED_KEYS, name);
    if (!key) {
      problems.push(
        `${source}: ${name}: not a preference ECI Tray knows (it knows ${MANAGED_KEYS.join(', ')}); left out`,
      );
      continue;
    }
    let v = BOOLEAN_KEYS.has(key) ? coerceBoolean(value) : value;
    if (key === 'alerts' && v && typeof v === 'object' && !Array.isArray(v)) {
      // Kind by kind: one misspelt kind leaves out that kind, not every alert setting.
      const alerts: Record<string, unknown> = {};
      for (const [name, on] of Object.entries(v as Record<string, unknown>)) {
        const kind = canonical(ALERT_KINDS, name);
        if (kind) alerts[kind] = coerceBoolean(on);
        else
          problems.push(
            `${source}: alerts.${name}: not an alert kind (the kinds are ${ALERT_KINDS.join(', ')}); left out`,
          );
      }
      v = alerts;
    }
    if (key === 'quietHours' && v && typeof v === 'object' && !Array.isArray(v)) {
      // A registry subkey's values come PascalCase ("From", "Until").
      v = Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, x]) => [canonical(['from', 'until'], k) ?? k, x]),
      );
    }
    if (key === 'dockerHost' && v === '') continue;
    try {
      values[key] = validate(MANAGED_FIELDS[key], v, key);
    } catch (err) {
      problems.push(`${source}: ${err instanceof SchemaError ? err.message : String(err)}; left out`);
    }
  }
  return { source, values: values as ManagedValues, problems };
}

/** Two stores at once (macOS: the machine's profile, then the user's): the later wins per key. */
export function layerManaged(base: ManagedPreferences, over: ManagedPreferences): ManagedPreferences {
  if (over.source === null && !over.problems.length) return base;
  if (base.source === null && !base.problems.length) return over;
  const alerts =
    base.values.alerts || over.values.alerts ? { alerts: { ...base.values.alerts, ...over.values.alerts } } : {};
  return {
    source: [base.source, over.source].filter((x) => x !== null).join(' + ') || null,
    values: { ...base.values, ...over.values, ...alerts },
    problems: [...base.problems, ...over.problems],
  };
}

/** The keys that are managed, alerts one kind at a time ("alerts.engine-unreachable"). */
export function managedKeys(m: ManagedPreferences): string[] {
  return Object.entries(m.values).flatMap(([k, v]) =>
    k === 'alerts' ? Object.keys(v as object).map((kind) => `alerts.${kind}`) : [k],
  );
}

/** The user's preferences with every managed value in force. */
export function withManaged(p: Preferences, m: ManagedPreferences): Preferences {
  const v = m.values;
  return {
    ...p,
    ...(v.probeImage !== undefined ? { probeImage: v.probeImage } : {}),
    ...(v.safetyIntervalMinutes !== undefined ? { safetyIntervalMinutes: v.safetyIntervalMinutes } : {}),
    ...(v.dockerHost !== undefined ? { dockerHost: v.dockerHost } : {}),
    ...(v.startAtLogin !== undefined ? { startAtLogin: v.startAtLogin } : {}),
    ...(v.quietHours !== undefined ? { quietHours: v.quietHours } : {}),
    alerts: { ...p.alerts, ...v.alerts },
  };
}

/** A change that would touch a managed value: refused, naming the keys. */
export function managedChangeError(change: PreferencesChange, m: ManagedPreferences): Error | null {
  const managed = new Set(managedKeys(m));
  const touched = Object.entries(change).flatMap(([k, v]) =>
    v === undefined ? [] : k === 'alerts' ? Object.keys(v as object).map((kind) => `alerts.${kind}`) : [k],
  );
  const refused = touched.filter((k) => managed.has(k));
  return refused.length
    ? new Error(
        `Not changed: ${refused.join(', ')} ${refused.length === 1 ? 'is' : 'are'} set by your organization (${m.source}).`,
      )
    : null;
}

/** The CLI's check: a managed probe image or endpoint applies unless the command names its own. */
export function checkConfigWithManaged(config: CheckConfig, m: ManagedPreferences): CheckConfig {
  return {
    ...(m.values.probeImage !== undefined ? { probeImage: m.values.probeImage } : {}),
    ...(m.values.dockerHost ? { dockerHost: m.values.dockerHost } : {}),
    ...config,
  };
}

/**
 * `reg.exe query KEY /s` output: a header line per key, then `    Name    REG_TYPE    data` per
 * value. REG_DWORD data is hex (0x3c); REG_SZ is the rest of the line. Subkeys become objects
 * (`...\Alerts` holds the alert kinds).
 */
export function parseRegQuery(stdout: string, root: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let target: Record<string, unknown> | null = null;
  for (const line of stdout.split(/\r?\n/)) {
    if (/^HKEY_/i.test(line)) {
      const rest = line.trim().slice(expandHive(root).length).replace(/^\\/, '');
      if (!line.trim().toLowerCase().startsWith(expandHive(root).toLowerCase())) {
        target = null;
        continue;
      }
      target = out;
      for (const part of rest ? rest.split('\\') : []) target = (target[part] ??= {}) as Record<string, unknown>;
      continue;
    }
    const m = /^ {4}(.+?) {4}(REG_\w+) {4}(.*)$/.exec(line);
    if (!m || !target) continue;
    const [, name, type, data] = m as unknown as [string, string, string, string];
    if (type === 'REG_DWORD' || type === 'REG_QWORD') target[name] = Number.parseInt(data, 16);
    else if (type === 'REG_SZ' || type === 'REG_EXPAND_SZ') target[name] = data;
    else target[name] = { unsupportedType: type };
  }
  return out;
}

function expandHive(key: string): string {
  return key.replace(/^HKLM\\/i, 'HKEY_LOCAL_MACHINE\\').replace(/^HKCU\\/i, 'HKEY_CURRENT_USER\\');
}

/** What each managed key is called on screen. */
const MANAGED_WORD: Record<ManagedKey, string> = {
  probeImage: 'probe image',
  safetyIntervalMinutes: 'check interval',
  dockerHost: 'Docker endpoint',
  startAtLogin: 'start at login',
  alerts: 'alerts',
  quietHours: 'quiet hours',
  showWelcome: 'welcome notification',
  autoUpdate: 'updates',
};

/** One sentence for the app and the CLI: which settings the organization set, and where. */
export function managedSummary(m: ManagedPreferences): string | null {
  const words = managedKeys(m).map((k) =>
    k.startsWith('alerts.') ? `${k.slice('alerts.'.length)} alerts` : MANAGED_WORD[k as ManagedKey],
  );
  if (!words.length)
    return m.problems.length ? `Your organization's preferences could not be used: ${m.problems.join('; ')}` : null;
  return `Set by your organization (${m.source}): ${words.join(', ')}.`;
}
