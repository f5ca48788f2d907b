// What the app keeps and hands out for IT, apart from AppCore's verification: the recent
// activity (fed by every state the monitor emits, kept in the state folder), "Copy report" and
// the raw engine output (written here, never taken from a page), and Docker's documentation
// opened in the system browser (https://docs.docker.com/ only; windows may not navigate).

import { join } from 'node:path';
import { activityChangeText, type ActivityEntry } from '../core/activity/activity-log';
import { ACTIVITY_FILE, ActivityLog } from '../core/activity/activity-store';
import type { MonitorState } from '../core/monitor/monitor-state';
import { docsUrl } from '../core/report/docs-links';
import { copiedReport, rawEngineOutput } from '../core/report/report-copy';
import type { InvokeHandlers } from '../ipc/contract';

export interface ReportDeskPorts {
  /** Writes text to the system clipboard (Electron's clipboard in the app). */
  copyText?(text: string): Promise<void>;
  /** Opens an address in the system browser. */
  openExternal?(url: string): Promise<void>;
  log(message: string): void;
}

export type ReportHandlers = Pick<InvokeHandlers, 'activity:get' | 'clipboard:write-report' | 'docs:open'>;

export class ReportDesk {
  private readonly activity: ActivityLog;

  constructor(
    stateDir: string,
    private readonly appVersion: string,
    private readonly ports: ReportDeskPorts,
    private readonly current: () => MonitorState | null,
  ) {
    this.activity = ActivityLog.load(join(stateDir, ACTIVITY_FILE), (m) => ports.log(m));
  }

  /** Every state the monitor emits passes here; only changes are kept. */
  observe(state: MonitorState): void {
    this.activity.observe(state);
  }

  /** The last `n` changes, newest first (the tray's "Recent changes"). */
  recent(n: number): ActivityEntry[] {
    return this.activity.entries().slice(0, n);
  }

  handlers(): ReportHandlers {
    return {
      'activity:get': async () => this.activity.entries().map((e) => ({ ...e, change: activityChangeText(e) })),
      'clipboard:write-report': async ({ part }) => {
        if (!this.ports.copyText) throw new Error('The clipboard is not available here.');
        const state = this.current();
        const text =
          part === 'report'
            ? copiedReport({
                appVersion: this.appVersion,
                report: state?.report ?? null,
                verifiedAt: state?.verifiedAt ?? null,
                activity: this.activity.entries(),
                now: new Date(),
              })
            : rawEngineOutput(state?.report ?? null);
        await this.ports.copyText(text);
        return { part, lines: text.split('\n').length - 1 };
      },
      'docs:open': async ({ url }) => {
        const safe = docsUrl(url);
        if (!safe)
          throw new Error(
            "Only pages of Docker's documentation (https://docs.docker.com/) can be opened from ECI Tray.",
          );
        if (!this.ports.openExternal) throw new Error('The system browser is not available here.');
        await this.ports.openExternal(safe);
      },
    };
  }
}
