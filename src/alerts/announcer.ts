import {
  type AlertView,
  alertClosedDoc,
  alertOpenedDoc,
  alertReminderDoc,
  alertResolvedDoc,
} from '../bot/messages/alerts.js';
import type { Clock } from '../core/clock.js';
import type { Locale } from '../i18n/locale.js';
import type { WindowStats } from '../monitors/window.js';
import type { Outbox } from '../outbox/outbox.js';
import type { AlertTransition } from './engine.js';

export interface AnnouncerOptions {
  outbox: Outbox;
  clock: Clock;
  timeZone: string;
  localeFor: (channelKey: string) => Locale;
  statsFor: (targetId: string) => WindowStats | undefined;
}

/**
 * Posts alert transitions to the target's channel: the alert once, reminders in its thread,
 * the resolution as a new message plus an in-place edit of the original. Dedupe keys make each
 * announcement happen once even if a transition were replayed.
 */
export function createAlertAnnouncer(o: AnnouncerOptions) {
  return (transition: AlertTransition): void => {
    const channelKey = transition.target.channelKey;
    const locale = o.localeFor(channelKey);
    const view: AlertView = {
      ...transition,
      timeZone: o.timeZone,
      now: o.clock.now(),
      ...(o.statsFor(transition.target.id) ? { stats: o.statsFor(transition.target.id) } : {}),
    };
    const refKey = `alert:${transition.alert.id}`;
    switch (transition.type) {
      case 'opened':
        o.outbox.enqueue({
          channelKey,
          refKey,
          dedupeKey: `${refKey}:opened`,
          doc: alertOpenedDoc(locale, view),
        });
        break;
      case 'reminder':
        o.outbox.enqueue({
          channelKey,
          threadKey: refKey,
          dedupeKey: `${refKey}:reminder:${transition.alert.reminders}`,
          doc: alertReminderDoc(locale, view),
        });
        break;
      case 'resolved':
        o.outbox.enqueue({
          channelKey,
          dedupeKey: `${refKey}:resolved`,
          doc: alertResolvedDoc(locale, view),
        });
        o.outbox.enqueue({
          channelKey,
          op: 'update',
          refKey,
          dedupeKey: `${refKey}:closed`,
          doc: alertClosedDoc(locale, view),
        });
        break;
    }
  };
}
