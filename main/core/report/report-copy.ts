// What "Copy report" puts on the clipboard for IT: the CLI's text report, the recent activity,
// then the same facts as JSON (with the app version), so a person can read it and a tool can
// parse it. And the raw engine output: the probe's evidence as the engine gave it. Pure.

import type { ActivityEntry } from '../activity/activity-log';
import { activityLines } from '../activity/activity-log';
import type { CheckReport } from '../model';
import { formatReport } from './report-text';

export interface CopiedReportInput {
  appVersion: string;
  /** The latest report, or null when nothing was verified yet. */
  report: CheckReport | null;
  /** When the probe last ran (ISO), or null. */
  verifiedAt: string | null;
  /** Newest first. */
  activity: readonly ActivityEntry[];
  now: Date;
}

export function copiedReport(i: CopiedReportInput): string {
  const lines = [
    `ECI Tray ${i.appVersion}: report copied ${i.now.toISOString()}`,
    `Last verified by probe containers: ${i.verifiedAt ?? 'never'}`,
    '',
  ];
  lines.push(i.report ? formatReport(i.report).trimEnd() : 'ECI: not checked yet - ECI Tray has not verified ECI yet.');
  lines.push('', 'Recent activity (newest first)', ...activityLines(i.activity));
  const json = {
    app: 'ECI Tray',
    appVersion: i.appVersion,
    copiedAt: i.now.toISOString(),
    verifiedAt: i.verifiedAt,
    report: i.report,
    activity: i.activity,
  };
  lines.push('', 'JSON', JSON.stringify(json, null, 2));
  return lines.join('\n') + '\n';
}

/** The engine's own answers behind the verdict: identity, and each probe's full observation. */
export function rawEngineOutput(report: CheckReport | null): string {
  if (!report) return 'No engine output yet: ECI Tray has not verified ECI.\n';
  const lines = [`Engine ${report.endpoint.url || '(none)'}`, JSON.stringify(report.engine, null, 2), ''];
  if (!report.checks.length) lines.push(`No probe container ran. ${report.reason}`);
  for (const c of report.checks) lines.push(`${c.id} (${c.result}):`, c.observation, '');
  return lines.join('\n').trimEnd() + '\n';
}
