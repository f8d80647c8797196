import type { AuditLog } from '../audit/audit-log.js';
import type { MessageDoc } from '../bot/messages/doc.js';
import type { EscalationStep } from '../config/incidents.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { Locale } from '../i18n/locale.js';
import type { Outbox } from '../outbox/outbox.js';
import { openingReason } from './event-text.js';
import { escalationDmDoc, escalationMentionDoc, pageDoc } from './messages.js';
import type { IncidentService } from './service.js';
import type { IncidentRecord } from './store.js';

export interface EscalatorOptions {
  incidents: IncidentService;
  audit: AuditLog;
  outbox: Outbox;
  clock: Clock;
  log: Logger;
  chain: readonly EscalationStep[];
  localeFor: (channelKey: string) => Locale;
}

/** The channel key a step's message goes to (DMs and pages are routed by other features). */
export function escalationChannel(step: EscalationStep, incident: IncidentRecord): string {
  if (step.action === 'dm') return `slack-user:${step.user}`;
  if (step.action === 'page') return `manager:${step.manager}`;
  return incident.channelKey;
}

function stepDoc(
  step: EscalationStep,
  incident: IncidentRecord,
  locale: Locale,
  now: number,
  reason: () => string | undefined,
) {
  if (step.action === 'dm') {
    return escalationDmDoc(locale, { incident, now, who: step.user, name: step.name });
  }
  if (step.action === 'page') return pageDoc(locale, { incident, now, reason: reason() });
  return escalationMentionDoc(locale, { incident, now, who: step.group, name: step.name });
}

function stepTarget(step: EscalationStep): string {
  return step.action === 'dm' ? step.user : step.action === 'page' ? step.manager : step.group;
}

/** How the step's recipient reads in the incident's history: its configured name, else its id. */
function stepName(step: EscalationStep): string {
  return (step.action !== 'page' ? step.name : undefined) ?? stepTarget(step);
}

/**
 * Performs escalation steps that are due. Pending steps live in SQLite, so a restart carries
 * on where it stopped; each step is claimed in its own transaction, so it happens once.
 */
export class Escalator {
  readonly #o: EscalatorOptions;

  constructor(options: EscalatorOptions) {
    this.#o = options;
  }

  tick(): void {
    const store = this.#o.incidents.store;
    for (const due of store.dueEscalations(this.#o.clock.now())) {
      const step = this.#o.chain[due.step - 1];
      store.transaction(() => {
        const incident = store.get(due.incidentId);
        if (!step || !incident || incident.status === 'resolved' || incident.acknowledgedAt) {
          store.cancelEscalations(due.incidentId);
          return;
        }
        this.#perform(due.id, due.step, step, incident);
      });
    }
    this.#reportUndelivered();
  }

  #perform(escalationId: number, level: number, step: EscalationStep, incident: IncidentRecord) {
    const store = this.#o.incidents.store;
    const now = this.#o.clock.now();
    const channelKey = escalationChannel(step, incident);
    const locale = this.#o.localeFor(channelKey);
    const reason = () => openingReason(locale, store.events(incident.id));
    const doc: MessageDoc = stepDoc(step, incident, locale, now, reason);
    const outboxId = this.#o.outbox.enqueue({
      channelKey,
      doc,
      dedupeKey: `incident:${incident.id}:escalation:${level}`,
    });
    if (!store.markEscalationDone(escalationId, outboxId)) return;
    store.bumpEscalation(incident.id, level);
    const to = stepTarget(step);
    this.#o.audit.record({
      actor: 'guardia',
      via: 'scheduler',
      action: 'escalate',
      subject: `incident:${incident.id}`,
      params: { step: level, action: step.action, to },
      result: 'ok',
    });
    this.#o.log.info(
      { incidentId: incident.id, step: level, action: step.action },
      'incident escalated',
    );
    this.#o.incidents.record(incident.id, 'escalated', 'guardia', {
      action: step.action,
      to: stepName(step),
    });
  }

  /** A page to `manager:*` fails with "no route" until a WhatsApp feature routes it: say so. */
  #reportUndelivered(): void {
    const store = this.#o.incidents.store;
    for (const failed of store.failedEscalationDeliveries()) {
      this.#o.log.warn(
        { incidentId: failed.incidentId, escalationId: failed.escalationId, reason: failed.error },
        'escalation message not delivered',
      );
      this.#o.incidents.record(failed.incidentId, 'undelivered', 'guardia', {
        escalation: failed.escalationId,
        error: failed.error,
      });
    }
  }
}
