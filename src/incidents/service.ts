import type { AlertTransition } from '../alerts/engine.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { IncidentsConfig } from '../config/incidents.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { Locale } from '../i18n/locale.js';
import type { Outbox } from '../outbox/outbox.js';
import { incidentDoc, incidentEventDoc } from './messages.js';
import { dependsOnTransitively, relatedTargets } from './related.js';
import { Silences } from './silences.js';
import type { IncidentEvent, IncidentRecord, IncidentStatus, IncidentStore } from './store.js';

/** Who did something and through which adapter; `guardia` is the bot itself. */
export interface Actor {
  id: string;
  via: string;
}

export type ChangeResult =
  | { ok: true; incident: IncidentRecord }
  | { ok: false; reason: 'not-found' | 'already'; incident?: IncidentRecord };

export interface IncidentServiceOptions {
  store: IncidentStore;
  audit: AuditLog;
  outbox: Outbox;
  clock: Clock;
  log: Logger;
  config: IncidentsConfig;
  timeZone: string;
  localeFor: (channelKey: string) => Locale;
  targetName: (targetId: string) => string;
  /** The runbook suggested for an incident, from the runbooks feature when present. */
  suggest: (incident: IncidentRecord, locale: Locale) => { id: string; title: string } | undefined;
  /** Closes a target's open alert by hand and restarts its count (`AlertEngine.dismiss`). */
  dismissAlert?: (targetId: string) => void;
}

/**
 * Incidents as other features see them. Every change is one transaction: the row, its timeline
 * entry, the audit entry and the messages announcing it commit together.
 */
export class IncidentService {
  readonly #o: IncidentServiceOptions;
  readonly #quiet: Silences;

  constructor(options: IncidentServiceOptions) {
    this.#o = options;
    this.#quiet = new Silences(options);
  }

  get store(): IncidentStore {
    return this.#o.store;
  }

  get(id: number): IncidentRecord | undefined {
    return this.#o.store.get(id);
  }

  /** Incidents opened since `since`, and those still active. */
  counts(since: number): { opened: number; open: number } {
    return this.#o.store.counts(since);
  }

  open(): IncidentRecord[] {
    return this.#o.store.active();
  }

  events(id: number): IncidentEvent[] {
    return this.#o.store.events(id);
  }

  /** Alert listener: runs inside the alert engine's transaction, so it must stay synchronous. */
  onTransition(transition: AlertTransition): void {
    const { alert, target, result } = transition;
    const { store, clock } = this.#o;
    const now = clock.now();
    if (transition.type === 'opened') {
      const related = relatedTargets(this.#o.config.dependsOn, target.id);
      const existing = store.activeForTargets(related);
      const kind = `${target.kind}/${(result.code ?? 'failed').toLowerCase()}`;
      if (existing) {
        store.linkAlert(existing.id, alert.id, target.id);
        // The incident's target depends on this one: this one is the likelier cause, so the
        // incident is named after it and its runbooks verify it.
        const root = dependsOnTransitively(this.#o.config.dependsOn, existing.targetId, target.id);
        if (root) store.retarget(existing.id, { kind, targetId: target.id, title: target.name });
        this.#event(existing.id, 'folded', 'guardia', {
          target: target.name,
          reason: alert.reason,
          cause: alert.cause,
          ...(root ? { root: true, previous: existing.title } : {}),
        });
        return;
      }
      const incident = store.insert({
        kind,
        targetId: target.id,
        title: target.name,
        severity: alert.severity,
        channelKey: target.channelKey,
        openedAt: now,
      });
      store.linkAlert(incident.id, alert.id, target.id);
      this.#o.log.info({ incidentId: incident.id, target: target.id }, 'incident opened');
      this.#event(incident.id, 'opened', 'guardia', {
        target: target.name,
        reason: alert.reason,
        cause: alert.cause,
      });
      if (!this.#quiet.reason(incident.targetId)) this.#scheduleEscalations(incident);
      return;
    }
    const incidentId = store.incidentForAlert(alert.id);
    if (incidentId === undefined) return;
    if (transition.type === 'reminder') {
      // Refreshes the response clock shown on the message.
      this.announce(incidentId);
      return;
    }
    const stillOpen = store.closeAlert(alert.id);
    this.#event(incidentId, 'alert-resolved', 'guardia', { target: target.name });
    if (stillOpen === 0 && store.resolve(incidentId, 'guardia', now)) {
      store.cancelEscalations(incidentId);
      this.#o.audit.record({
        actor: 'guardia',
        via: 'monitor',
        action: 'resolve',
        subject: `incident:${incidentId}`,
        params: { lastTarget: target.id },
        result: 'ok: every monitor recovered',
      });
      this.#o.log.info({ incidentId }, 'incident resolved by recovery');
      this.#event(incidentId, 'resolved', 'guardia');
    }
  }

  acknowledge(id: number, by: string, via = 'api'): ChangeResult {
    return this.#o.store.transaction(() => {
      const incident = this.#o.store.get(id);
      if (!incident) return { ok: false, reason: 'not-found' };
      if (!this.#o.store.acknowledge(id, by, this.#o.clock.now())) {
        this.#o.audit.record({
          actor: by,
          via,
          action: 'ack',
          subject: `incident:${id}`,
          result: 'already',
        });
        return { ok: false, reason: 'already', incident };
      }
      const cancelled = this.#o.store.cancelEscalations(id);
      this.#o.audit.record({
        actor: by,
        via,
        action: 'ack',
        subject: `incident:${id}`,
        params: { cancelledEscalations: cancelled },
        result: 'ok',
      });
      this.#o.log.info({ incidentId: id, by }, 'incident acknowledged');
      this.#event(id, 'ack', by);
      return { ok: true, incident: this.#o.store.get(id)! };
    });
  }

  /** A person closes it by hand (false alarm, fixed outside guardia). */
  resolve(id: number, by: string, via = 'api'): ChangeResult {
    return this.#o.store.transaction(() => {
      const incident = this.#o.store.get(id);
      if (!incident) return { ok: false, reason: 'not-found' };
      if (!this.#o.store.resolve(id, by, this.#o.clock.now())) {
        return { ok: false, reason: 'already', incident };
      }
      this.#o.store.cancelEscalations(id);
      // A target that still fails must be able to open a new incident, not fail unseen.
      for (const a of this.#o.store.alertTargets(id))
        if (a.open) this.#o.dismissAlert?.(a.targetId);
      this.#o.store.closeAlerts(id);
      this.#o.audit.record({
        actor: by,
        via,
        action: 'resolve',
        subject: `incident:${id}`,
        result: 'ok',
      });
      this.#o.log.info({ incidentId: id, by }, 'incident resolved by hand');
      this.#event(id, 'resolved', by);
      return { ok: true, incident: this.#o.store.get(id)! };
    });
  }

  addNote(id: number, by: string, text: string, via = 'api'): ChangeResult {
    return this.#o.store.transaction(() => {
      const incident = this.#o.store.get(id);
      if (!incident) return { ok: false, reason: 'not-found' };
      this.#o.audit.record({
        actor: by,
        via,
        action: 'note',
        subject: `incident:${id}`,
        params: { text },
        result: 'ok',
      });
      this.#event(id, 'note', by, { text });
      return { ok: true, incident };
    });
  }

  /** Silences announcements for a target (or glob) until `until`; incidents still record. */
  silence(target: string, until: number, by: string, via = 'api') {
    return this.#quiet.add(target, until, by, via);
  }

  /** Lifts a silence early; what it held back is announced on the next tick (`releaseQuiet`). */
  unsilence(target: string, by: string, via = 'api'): number {
    return this.#quiet.lift(target, by, via);
  }

  /** The silences running now. */
  silences(): Array<{ id: number; target: string; until: number }> {
    return this.#quiet.running();
  }

  /**
   * Records a timeline entry from another feature (runbooks) and announces it; `status`, when
   * given, moves the incident (never to or from `resolved`: only recovery or a person does that).
   */
  record(
    id: number,
    type: string,
    actor: string,
    detail: Record<string, unknown>,
    status?: IncidentStatus,
  ) {
    this.#o.store.transaction(() => {
      const incident = this.#o.store.get(id);
      if (!incident || incident.status === 'resolved') {
        if (incident) this.#o.store.addEvent(id, this.#o.clock.now(), type, actor, detail);
        return;
      }
      if (status && status !== 'resolved') this.#o.store.setStatus(id, status);
      this.#event(id, type, actor, detail);
    });
  }

  /**
   * A remediation run counts as engagement: pending escalation steps are cancelled, as an ack
   * does. Call inside the transaction that records the run; returns how many were cancelled.
   */
  pauseEscalations(id: number): number {
    return this.#o.store.cancelEscalations(id);
  }

  /**
   * A remediation did not fix the incident: unless a person acknowledged it or it is silenced,
   * the escalation chain starts again, its clock counted from now (never before the ack window).
   * Steps that already happened are not repeated. Returns how many steps are pending again.
   */
  rearmEscalations(id: number): number {
    const incident = this.#o.store.get(id);
    if (!incident || incident.status === 'resolved' || incident.acknowledgedAt) return 0;
    if (this.#quiet.reason(incident.targetId)) return 0;
    const breach = Math.max(this.#o.clock.now(), incident.openedAt + this.#o.config.ackWithin);
    let rearmed = 0;
    this.#o.config.escalation.forEach((step, index) => {
      if (this.#o.store.rearmEscalation(id, index + 1, breach + step.after)) rearmed += 1;
    });
    return rearmed;
  }

  /**
   * Announces the incidents that opened while their target was silenced or in maintenance, once
   * that is over, and starts their response clock then: a silence holds announcements back, it
   * never drops an incident that is still open. The scheduler calls it on every tick.
   */
  releaseQuiet(): void {
    const now = this.#o.clock.now();
    for (const { incident, held } of this.#o.store.heldQuiet()) {
      if (this.#quiet.reason(incident.targetId)) continue;
      // Opened while quiet: never announced, its clock starts now. Silenced after it was
      // announced: its cancelled escalation resumes where the SLA stands.
      const resumed = held === 'silenced';
      this.#o.store.transaction(() => {
        this.#o.log.info({ incidentId: incident.id, resumed }, 'quiet period over');
        this.#event(incident.id, 'released', 'guardia', resumed ? { resumed } : {});
        if (incident.acknowledgedAt) return;
        if (resumed) this.rearmEscalations(incident.id);
        else this.#scheduleEscalations(incident, now);
      });
    }
  }

  /** Edits the incident's message in place, and posts `event` in its thread. */
  announce(id: number, event?: IncidentEvent): void {
    const incident = this.#o.store.get(id);
    if (!incident) return;
    const quiet = this.#quiet.reason(incident.targetId);
    if (quiet) {
      this.#o.log.debug({ incidentId: id, ...quiet }, 'announcement suppressed');
      return;
    }
    const locale = this.#o.localeFor(incident.channelKey);
    const refKey = `incident:${id}`;
    const suggested = this.#o.suggest(incident, locale);
    this.#o.outbox.enqueue({
      channelKey: incident.channelKey,
      op: 'update',
      refKey,
      doc: incidentDoc(locale, {
        incident,
        targets: this.#o.store
          .alertTargets(id)
          .map((a) => ({ name: this.#o.targetName(a.targetId), open: a.open })),
        now: this.#o.clock.now(),
        timeZone: this.#o.timeZone,
        ackWithinMs: this.#o.config.ackWithin,
        ...(suggested ? { suggested } : {}),
        ...(event ? { latest: event } : {}),
      }),
    });
    if (event && event.type !== 'opened') {
      this.#o.outbox.enqueue({
        channelKey: incident.channelKey,
        threadKey: refKey,
        dedupeKey: `${refKey}:event:${event.id}`,
        doc: incidentEventDoc(locale, incident, event),
      });
    }
  }

  #event(id: number, type: string, actor: string, detail: Record<string, unknown> = {}): void {
    const incident = this.#o.store.get(id);
    if (!incident) return;
    const now = this.#o.clock.now();
    if (type === 'opened') {
      const quiet = this.#quiet.reason(incident.targetId);
      if (quiet) this.#o.store.addEvent(id, now, 'suppressed', 'guardia', quiet);
    }
    this.#o.store.addEvent(id, now, type, actor, detail);
    const event = this.#o.store.events(id).at(-1);
    this.announce(id, event);
  }

  /** The response clock runs from `from`: the opening, or the end of the silence it opened in. */
  #scheduleEscalations(incident: IncidentRecord, from = incident.openedAt): void {
    const breach = from + this.#o.config.ackWithin;
    this.#o.config.escalation.forEach((step, index) => {
      this.#o.store.scheduleEscalation(incident.id, index + 1, breach + step.after);
    });
  }
}
