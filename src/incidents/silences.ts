import type { AuditLog } from '../audit/audit-log.js';
import type { IncidentsConfig } from '../config/incidents.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { formatTime } from '../i18n/format.js';
import type { Locale } from '../i18n/locale.js';
import { globMatch } from './glob.js';
import { activeMaintenance } from './maintenance.js';
import type { IncidentStore } from './store.js';

export interface SilencesOptions {
  store: IncidentStore;
  audit: AuditLog;
  clock: Clock;
  log: Logger;
  config: IncidentsConfig;
  timeZone: string;
  localeFor: (channelKey: string) => Locale;
}

/**
 * What holds an incident's announcements back: silences people set, and the maintenance
 * windows in config. Incidents keep being recorded while quiet; `IncidentService` announces
 * them when it ends.
 */
export class Silences {
  readonly #o: SilencesOptions;

  constructor(options: SilencesOptions) {
    this.#o = options;
  }

  /** Silences a target (or glob) until `until`; escalation of its active incidents stops. */
  add(target: string, until: number, by: string, via: string): { id: number; incidents: number[] } {
    const { store, clock, audit } = this.#o;
    return store.transaction(() => {
      const now = clock.now();
      const id = store.addSilence(target, until, by, now);
      const touched = store.active().filter((i) => globMatch(target, i.targetId));
      const untilText = formatTime(this.#o.localeFor('alerts'), this.#o.timeZone, until);
      for (const incident of touched) {
        store.cancelEscalations(incident.id);
        store.addEvent(incident.id, now, 'silenced', by, { target, until: untilText });
      }
      audit.record({
        actor: by,
        via,
        action: 'silence',
        subject: `target:${target}`,
        params: { until: new Date(until).toISOString(), incidents: touched.map((i) => i.id) },
        result: 'ok',
      });
      this.#o.log.info({ target, until, by }, 'target silenced');
      return { id, incidents: touched.map((i) => i.id) };
    });
  }

  /**
   * Lifts the silences set on `target` as it was written (`api-*` lifts `api-*`); returns how
   * many were running.
   */
  lift(target: string, by: string, via: string): number {
    const { store, clock, audit } = this.#o;
    return store.transaction(() => {
      const ended = store.endSilences(target, clock.now());
      if (ended === 0) return 0;
      audit.record({
        actor: by,
        via,
        action: 'unsilence',
        subject: `target:${target}`,
        params: { silences: ended },
        result: 'ok',
      });
      this.#o.log.info({ target, by }, 'silence lifted');
      return ended;
    });
  }

  /** The silences running now. */
  running(): Array<{ id: number; target: string; until: number }> {
    return this.#o.store.activeSilences(this.#o.clock.now());
  }

  /** Why announcements for a target are held back right now, if they are. */
  reason(targetId: string): { reason: string; name: string } | undefined {
    const now = this.#o.clock.now();
    const silence = this.running().find((s) => globMatch(s.target, targetId));
    if (silence) return { reason: 'silence', name: `#${silence.id}` };
    const window = activeMaintenance(this.#o.config.maintenance, targetId, now, this.#o.timeZone);
    return window ? { reason: 'maintenance', name: window } : undefined;
  }
}
