// Changing preferences: which changes need the user's own confirmation (a new endpoint, probe
// image or settings file changes what is verified: a hostile endpoint could answer "protected"),
// the words of that confirmation, and how a change is applied. Pure.

import type { CheckConfig } from '../verify/check';
import type { ConfirmRequest } from '../confirm';
import { SENSITIVE_PREFERENCES, type Preferences, type PreferencesChange } from './preferences';

const WORDS = {
  dockerHost: 'Docker engine endpoint',
  probeImage: 'probe image',
  adminSettings: 'admin settings file',
  userSettings: 'user settings file',
} as const;

/** The sensitive preferences this change really changes. */
export function sensitiveChanges(
  before: Preferences,
  change: PreferencesChange,
): Array<(typeof SENSITIVE_PREFERENCES)[number]> {
  return SENSITIVE_PREFERENCES.filter((k) => change[k] !== undefined && change[k] !== before[k]);
}

export function sensitiveChangeConfirmation(before: Preferences, change: PreferencesChange): ConfirmRequest | null {
  const keys = sensitiveChanges(before, change);
  if (!keys.length) return null;
  return {
    title: 'Change what ECI Tray verifies?',
    message: `Change the ${keys.map((k) => WORDS[k]).join(', ')}?`,
    detail:
      keys.map((k) => `${WORDS[k]}: ${before[k] ?? 'default'} → ${change[k] ?? 'default'}`).join('\n') +
      '\n\nECI Tray will verify ECI through what you set here.',
    confirmLabel: 'Change',
  };
}

/** The user said no in the confirmation: nothing was saved (a window shows it as such, not as a failure). */
export class ChangeNotConfirmed extends Error {
  override name = 'ChangeNotConfirmed';
}

export function notConfirmedError(before: Preferences, change: PreferencesChange): Error {
  return new ChangeNotConfirmed(
    `Not changed: the change of the ${sensitiveChanges(before, change)
      .map((k) => WORDS[k])
      .join(', ')} was not confirmed.`,
  );
}

/** Applies a validated change to preferences being updated. */
export function applyChange(p: Preferences, change: PreferencesChange): void {
  if (change.safetyIntervalMinutes !== undefined) p.safetyIntervalMinutes = change.safetyIntervalMinutes;
  if (change.probeImage !== undefined) p.probeImage = change.probeImage;
  if (change.dockerHost !== undefined) p.dockerHost = change.dockerHost;
  if (change.adminSettings !== undefined) p.adminSettings = change.adminSettings;
  if (change.userSettings !== undefined) p.userSettings = change.userSettings;
  if (change.alerts) Object.assign(p.alerts, change.alerts);
  if (change.quietHours !== undefined) p.quietHours = change.quietHours;
  if (change.startAtLogin !== undefined) p.startAtLogin = change.startAtLogin;
}

/** A change of what is verified or how often: the checker and monitor are built again. */
export function needsRewire(before: Preferences, after: Preferences): boolean {
  return (['safetyIntervalMinutes', 'probeImage', 'dockerHost', 'adminSettings', 'userSettings'] as const).some(
    (k) => before[k] !== after[k],
  );
}

/** What the app verifies, from its preferences. */
export function checkConfigOf(
  p: Preferences,
  env: NodeJS.ProcessEnv,
  onProgress: (message: string) => void,
): CheckConfig {
  return {
    probeImage: p.probeImage,
    ...(p.dockerHost ? { dockerHost: p.dockerHost } : {}),
    ...(p.adminSettings ? { adminSettings: p.adminSettings } : {}),
    ...(p.userSettings ? { userSettings: p.userSettings } : {}),
    env,
    onProgress,
  };
}
