// What the app tells the user unasked: the alerts a state change raises (alert-policy.ts), the
// welcome at the first launch and the daily reminder while a policy asks for ECI and it is off
// (reminders.ts). It keeps the alert history between states and what was shown when (in the
// preferences), sends through the notifier port, delivers what "Later" and quiet hours held back
// when their time comes (tick), and asks for the one retry of a check that could not run.

import type { MonitorState } from '../monitor/monitor-state';
import type { Preferences, PreferencesStore } from '../preferences/preferences';
import {
  alertInputOf,
  decideAlerts,
  deferPending,
  DEFAULT_PREFS,
  EMPTY_HISTORY,
  releaseDeferred,
  type AlertButton,
  type AlertDecision,
  type AlertHistory,
  type AlertInput,
  type AlertPrefs,
} from './alert-policy';
import type { Notifier } from './notifier';
import { laterIn2Hours, laterTonight } from './quiet-hours';
import { policyReminder, policyReminderDue, welcomeNotification } from './reminders';

/** How often tick() should run: "Later" and the end of quiet hours are met within a minute. */
export const TICK_MS = 60_000;

export class AlertService {
  private history: AlertHistory = EMPTY_HISTORY;
  private previous: AlertInput | null = null;

  constructor(
    /** The preferences in force (the user's, with the organization's managed values over them). */
    private readonly prefs: Pick<PreferencesStore, 'get' | 'update'>,
    private readonly notifier: Notifier,
    private readonly log: (message: string) => void,
    private readonly platform: NodeJS.Platform = process.platform,
    /** Check again (after RETRY_AFTER_MS): the check could not run right after a protected one. */
    private readonly recheck: () => void = () => undefined,
  ) {}

  private alertPrefs(p: Preferences): AlertPrefs {
    return {
      ...DEFAULT_PREFS,
      enabled: p.alerts,
      pausedUntil: p.pausedUntil,
      snoozedUntil: p.snoozedUntil,
      quietHours: p.quietHours,
    };
  }

  private apply(decision: AlertDecision): void {
    this.history = decision.history;
    for (const s of decision.suppressed) this.log(`notification held back (${s.why}): ${s.kind}`);
    for (const n of decision.notifications) void this.notifier.notify(n);
    if (decision.recheck) {
      this.log('the check could not run: trying once more before saying protection is lost');
      this.recheck();
    }
  }

  /** A new monitor state: the alerts it raises (after the user's switches, pause and limits). */
  onState(state: MonitorState, now = Date.now()): void {
    const input = alertInputOf(state);
    const decision = decideAlerts(this.previous, input, this.alertPrefs(this.prefs.get()), this.history, now);
    this.previous = input;
    this.apply(decision);
    this.remind(state, now);
  }

  /** Every TICK_MS: what "Later" or quiet hours held back, once their time has come. */
  tick(state: MonitorState | null, now = Date.now()): void {
    if (this.previous && this.history.deferred.length)
      this.apply(releaseDeferred(this.previous, this.alertPrefs(this.prefs.get()), this.history, now));
    this.remind(state, now);
  }

  /** "Later" on the pending notification: it comes back once at that time, if still pending. */
  later(choice: Extract<AlertButton['action'], 'later-2h' | 'later-tonight'>, now = new Date()): void {
    const until = choice === 'later-2h' ? laterIn2Hours(now) : (laterTonight(now) ?? laterIn2Hours(now));
    this.prefs.update((p) => {
      p.snoozedUntil = { ...p.snoozedUntil, 'pending-restart': until };
    });
    if (this.previous) this.history = deferPending(this.previous, this.history, now.getTime());
  }

  /** Once, at the first launch: the status and where the app lives. */
  welcome(state: MonitorState | null, startsAtLogin = false): void {
    if (this.prefs.get().welcomedAt) return;
    this.prefs.update((p) => {
      p.welcomedAt = new Date().toISOString();
    });
    void this.notifier.notify(welcomeNotification(state, this.platform, startsAtLogin));
  }

  /** While a policy asks for ECI and it is still off: at most once a day, not while paused or quiet. */
  remind(state: MonitorState | null, now = Date.now()): void {
    const p = this.prefs.get();
    if (!state || !policyReminderDue(state, p.policyRemindedAt, p.pausedUntil, now, p.quietHours)) return;
    this.prefs.update((x) => {
      x.policyRemindedAt = new Date(now).toISOString();
    });
    void this.notifier.notify(policyReminder(state));
  }
}
