// What the app tells the user unasked: the alerts a state change raises (alert-policy.ts), the
// welcome at the first launch and the daily reminder while a policy asks for ECI and it is off
// (reminders.ts). It keeps the alert history between states and what was shown when (in the
// preferences), and sends through the notifier port.

import type { MonitorState } from '../monitor/monitor-state';
import type { PreferencesStore } from '../preferences/preferences';
import {
  alertInputOf,
  decideAlerts,
  DEFAULT_PREFS,
  EMPTY_HISTORY,
  type AlertHistory,
  type AlertInput,
} from './alert-policy';
import type { Notifier } from './notifier';
import { policyReminder, policyReminderDue, welcomeNotification } from './reminders';

export class AlertService {
  private history: AlertHistory = EMPTY_HISTORY;
  private previous: AlertInput | null = null;

  constructor(
    /** The preferences in force (the user's, with the organization's managed values over them). */
    private readonly prefs: Pick<PreferencesStore, 'get' | 'update'>,
    private readonly notifier: Notifier,
    private readonly log: (message: string) => void,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /** A new monitor state: the alerts it raises (after the user's switches, pause and limits). */
  onState(state: MonitorState, now = Date.now()): void {
    const input = alertInputOf(state);
    const p = this.prefs.get();
    const decision = decideAlerts(
      this.previous,
      input,
      { ...DEFAULT_PREFS, enabled: p.alerts, pausedUntil: p.pausedUntil },
      this.history,
      now,
    );
    this.previous = input;
    this.history = decision.history;
    for (const s of decision.suppressed) this.log(`notification held back (${s.why}): ${s.kind}`);
    for (const n of decision.notifications) void this.notifier.notify(n);
    this.remind(state, now);
  }

  /** Once, at the first launch: the status and where the app lives. */
  welcome(state: MonitorState | null): void {
    if (this.prefs.get().welcomedAt) return;
    this.prefs.update((p) => {
      p.welcomedAt = new Date().toISOString();
    });
    void this.notifier.notify(welcomeNotification(state, this.platform));
  }

  /** While a policy asks for ECI and it is still off: at most once a day, not while paused. */
  remind(state: MonitorState | null, now = Date.now()): void {
    const p = this.prefs.get();
    if (!state || !policyReminderDue(state, p.policyRemindedAt, p.pausedUntil, now)) return;
    this.prefs.update((x) => {
      x.policyRemindedAt = new Date(now).toISOString();
    });
    void this.notifier.notify(policyReminder(state));
  }
}
