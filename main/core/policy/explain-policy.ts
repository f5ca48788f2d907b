// `eci-tray policy explain`: every place an ECI setting can come from, which one wins and why, and
// whether it is in effect. Which one wins is not decided here: the settings snapshot
// (load-settings.ts, desired-state.ts) and the probe's report (check.ts) already decide it; this
// only lays their answers side by side, in words. Pure.

import type { CheckReport, CheckResult, DesiredState, SettingsProblem, Verdict } from '../model';
import type { SettingsSnapshot } from '../settings/load-settings';
import { socketAllowListSources } from '../settings/socket-allow-list';
import { STORED_SOCKET_KEYS } from '../settings/user-settings';
import { FULL_QUIT, MENU_RESTART_NOT_ENOUGH } from '../words';

export interface PolicySource {
  source: 'admin-file' | 'user-file' | 'docker-home';
  file: string | null;
  found: boolean;
  /** What this source asks for ECI: true/false, or null when it says nothing (or is not visible). */
  eci: boolean | null;
  locked: boolean | null;
  socketMountImages: string[];
  says: string;
}

export type EffectStatus = 'in-effect' | 'pending-full-quit' | 'unknown' | 'not-probed';

export interface PolicyExplanation {
  sources: PolicySource[];
  desired: DesiredState;
  why: string;
  /** Images allowed to mount the Docker socket, and from which source each comes. */
  socketMountAllowList: Array<{ image: string; from: PolicySource['source'] }>;
  effect: {
    status: EffectStatus;
    verdict: Verdict | null;
    effectiveEci: boolean | null;
    socketMountProbe: CheckResult | null;
    says: string;
  };
  problems: SettingsProblem[];
}

const onOff = (v: boolean | null) => (v === null ? 'nothing' : v ? 'on' : 'off');

export function explainPolicy(snapshot: SettingsSnapshot, report: CheckReport | null): PolicyExplanation {
  const adminFile = snapshot.files.find((f) => f.role === 'admin');
  const userFile = snapshot.files.find((f) => f.role === 'user');
  const admin = snapshot.adminPolicy;
  const stored = snapshot.storedSocketMount ?? null;

  const sources: PolicySource[] = [
    {
      source: 'admin-file',
      file: adminFile?.path ?? null,
      found: !!adminFile?.found,
      eci: admin?.value ?? null,
      locked: admin ? admin.locked : null,
      socketMountImages: admin?.socketMountImages ?? [],
      says: !adminFile?.found
        ? 'no admin-settings.json'
        : admin?.value === null || !admin
          ? 'sets nothing for ECI'
          : `ECI ${onOff(admin.value)}, ${admin.locked ? 'locked (users cannot change it)' : 'unlocked (a default users may change)'}`,
    },
    {
      source: 'user-file',
      file: userFile?.path ?? null,
      found: !!userFile?.found,
      eci: snapshot.userEci,
      locked: null,
      socketMountImages: [],
      says: !userFile?.found
        ? 'no user settings file'
        : snapshot.userEci === null
          ? 'sets nothing for ECI'
          : `ECI ${onOff(snapshot.userEci)} (Settings > General, or written by Docker Desktop)`,
    },
    {
      source: 'docker-home',
      file: stored ? (userFile?.path ?? null) : null,
      found: !!stored,
      eci: null,
      locked: null,
      socketMountImages: stored?.images ?? [],
      says: stored
        ? `Docker Desktop stored socket-mount exceptions (${STORED_SOCKET_KEYS.images}: ${stored.images.length ? stored.images.join(', ') : 'empty'}${stored.commandList ? `; commands ${stored.commandList.type} ${stored.commandList.commands.join(', ') || '(none)'}` : ''}), where a Docker Home policy lands; the ECI value a Docker Home policy sets is not stored apart from the user's`
        : 'nothing visible locally (a Docker Home policy is fetched at sign-in and leaves only the socket-mount keys in settings-store.json)',
    },
  ];

  const desired = report?.desired ?? snapshot.desired;
  const socketMountAllowList = socketAllowListSources(admin?.socketMountImages ?? [], stored?.images ?? []);

  return {
    sources,
    desired,
    why: whyItWins(desired),
    socketMountAllowList,
    effect: effectOf(report),
    problems: snapshot.problems,
  };
}

export function whyItWins(desired: DesiredState): string {
  switch (desired.source) {
    case 'admin-locked':
      return `admin-settings.json locks ECI ${onOff(desired.eci)}: a locked admin value always wins over the user's setting.`;
    case 'admin-unlocked':
      return `admin-settings.json sets ECI ${onOff(desired.eci)} unlocked and the user's settings do not set it, so the admin value applies as the default.`;
    case 'user': {
      const base = `The user's settings file sets ECI ${onOff(desired.eci)}, and no locked admin value overrides it.`;
      if (!desired.contested) return base;
      return `${base} admin-settings.json asks for ${onOff(desired.contested.eci)} unlocked, which applies only if the user never changed the setting; Docker Desktop also writes its defaults into settings-store.json, so the files cannot tell which one applies: lock the admin value to decide.`;
    }
    case 'default':
      return "No local source sets ECI, so Docker Desktop's default applies: off.";
    case 'not-found-locally':
      return 'ECI is on but no local file asks for it: most likely a Docker Home (Admin Console) policy, which Docker Desktop does not store locally.';
  }
}

function effectOf(report: CheckReport | null): PolicyExplanation['effect'] {
  if (!report)
    return {
      status: 'not-probed',
      verdict: null,
      effectiveEci: null,
      socketMountProbe: null,
      says: 'Not probed (--no-probe): whether it is in effect is unknown.',
    };
  const effectiveEci = report.effective.eci;
  const socketMountProbe = report.checks.find((c) => c.id === 'docker-socket-mount')?.result ?? null;
  const base = { verdict: report.verdict, effectiveEci, socketMountProbe };
  if (effectiveEci === null)
    return {
      status: 'unknown',
      ...base,
      says: `The probe could not establish whether ECI is on (verdict ${report.verdict}): ${report.reason}`,
    };
  // The check's verdict already weighs the desired state against the probe (and an undecidable
  // unlocked policy): pending-restart is the one verdict meaning "set, not yet applied".
  if (report.verdict === 'pending-restart') {
    return {
      status: 'pending-full-quit',
      ...base,
      says: `Not in effect: the probe finds ECI ${onOff(effectiveEci)}. ${FULL_QUIT} (${MENU_RESTART_NOT_ENOUGH}), or run "eci-tray relaunch".`,
    };
  }
  return {
    status: 'in-effect',
    ...base,
    says: `In effect: the probe finds ECI ${onOff(effectiveEci)} (verdict ${report.verdict}).`,
  };
}
