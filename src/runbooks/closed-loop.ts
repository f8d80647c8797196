import { z } from 'zod';
import { formatValue } from '../bot/messages/alerts.js';
import type { IncidentsConfig } from '../config/incidents.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { Locale } from '../i18n/locale.js';
import type { IncidentService } from '../incidents/service.js';
import type { IncidentRecord } from '../incidents/store.js';
import type { CheckResult, TargetInfo } from '../monitors/types.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Db } from '../store/db.js';
import { type SampleFigures, sampleFigures } from './figures.js';
import { verdictTarget } from './incident-target.js';
import { type Figure, type VerdictView, verdictDoc } from './messages.js';
import type { RunRecord, RunStore } from './runs.js';
import type { RunbookService } from './service.js';

export interface ClosedLoopOptions {
  db: Db;
  runs: RunStore;
  outbox: Outbox;
  clock: Clock;
  log: Logger;
  config: IncidentsConfig;
  localeFor: (channelKey: string) => Locale;
  target: (targetId: string) => TargetInfo | undefined;
  /** A target's last check judged on data since a time, for rates (`Monitor.judgeSince`). */
  judgeSince?: (targetId: string, since: number) => CheckResult | undefined;
  incidents: () => IncidentService | undefined;
  runbooks: () => RunbookService | undefined;
}

const MIN_AFTER_CHECKS = 3;

/** A rate's ratio over the attempts since a run began, when its monitor judged them. */
function sinceRun(result: CheckResult | undefined): VerdictView['sinceRun'] {
  const d = result?.detail;
  if (result?.value === undefined || typeof d?.attempts !== 'number') return undefined;
  if (typeof d.windowMs !== 'number') return undefined;
  return { ratio: result.value, attempts: d.attempts, windowMs: d.windowMs };
}

const beforeSchema = z.object({
  count: z.number(),
  failures: z.number(),
  avg: z.number().optional(),
});

/**
 * After a run, watches the monitor it was meant to fix and gives a verdict in the incident's
 * thread with figures before and after. It never resolves the incident: only the alert engine
 * does, when the monitor recovers. Also drives automatic remediation where config allows.
 */
export class ClosedLoop {
  readonly #o: ClosedLoopOptions;

  constructor(options: ClosedLoopOptions) {
    this.#o = options;
  }

  tick(): void {
    for (const run of this.#o.runs.awaitingVerdict()) this.#judge(run);
    if (this.#o.config.autoRemediate.enabled) {
      for (const incident of this.#o.incidents()?.open() ?? []) this.#auto(incident);
    }
  }

  /**
   * Whether the run's monitor recovered, and nothing else in the incident still fails. A rate's
   * alert clears only once the failures leave its window, minutes after a fix that worked, so a
   * rate counts as healed when the attempts since the run began pass; one with too few of them
   * (a small payment method) says nothing and does not hold the verdict back, unless it is the
   * run's own monitor.
   */
  #healed(
    run: RunRecord,
    targets: ReadonlyArray<{ targetId: string; open: boolean }>,
    watched: string,
  ): boolean {
    return targets.every((a) => {
      if (!a.open) return true;
      const since = this.#o.judgeSince?.(a.targetId, run.startedAt);
      if (!since) return false;
      if (since.inconclusive) return a.targetId !== watched;
      return since.ok;
    });
  }

  #judge(run: RunRecord): void {
    const now = this.#o.clock.now();
    const incidents = this.#o.incidents();
    const incident = run.incidentId ? incidents?.get(run.incidentId) : undefined;
    if (!incidents || !incident || run.status === 'failed') {
      this.#o.db.transaction(() => {
        const skipped = run.status === 'failed' ? 'run failed' : 'no incident';
        if (!this.#o.runs.setVerdict(run.id, { skipped }, now) || !incident || !incidents) return;
        // A failed run fixed nothing: the people the run stood in for must hear of it again.
        const rearmed = incidents.rearmEscalations(incident.id);
        if (rearmed > 0) incidents.record(incident.id, 'rearmed', 'guardia', { runId: run.id });
      })();
      return;
    }
    const finished = run.finishedAt ?? now;
    const targets = incidents.store.alertTargets(incident.id);
    const watched = verdictTarget(run.params, incident, targets);
    const recovered = incident.status === 'resolved' || this.#healed(run, targets, watched);
    const deadline = finished + this.#o.config.verdictWithin;
    // The remediation call is the run's first step, so checks from its start on show its effect.
    const after = sampleFigures(this.#o.db, watched, run.startedAt, now + 1);
    // Recovered but with too few checks to compare: wait a little for figures worth showing.
    if ((!recovered || after.count < MIN_AFTER_CHECKS) && now < deadline) return;
    const runbook = this.#o.runbooks()?.get(run.runbookId);
    if (!runbook) return;
    const target = this.#o.target(watched);
    const locale = this.#o.localeFor(incident.channelKey);
    const before = beforeSchema
      .catch({ count: 0, failures: 0 })
      .parse(JSON.parse(run.before ?? '{}'));
    const figure = (f: SampleFigures | z.output<typeof beforeSchema>): Figure => ({
      count: f.count,
      failures: f.failures,
      avg: f.avg === undefined || !target ? undefined : formatValue(locale, target, f.avg),
    });
    this.#o.db.transaction(() => {
      if (!this.#o.runs.setVerdict(run.id, { recovered, before, after }, now)) return;
      this.#o.outbox.enqueue({
        channelKey: incident.channelKey,
        threadKey: `incident:${incident.id}`,
        dedupeKey: `run:${run.id}:verdict`,
        doc: verdictDoc(locale, {
          runId: run.id,
          runbook,
          recovered,
          target: target?.name ?? watched,
          before: figure(before),
          after: figure(after),
          withinMs: this.#o.config.verdictWithin,
          sinceRun: sinceRun(this.#o.judgeSince?.(watched, run.startedAt)),
        }),
      });
      const back = incident.acknowledgedAt ? 'acknowledged' : 'open';
      const rearmed = recovered ? 0 : incidents.rearmEscalations(incident.id);
      incidents.record(
        incident.id,
        'verdict',
        'guardia',
        { runId: run.id, recovered, rearmed },
        recovered ? undefined : back,
      );
    })();
    this.#o.log.info({ runId: run.id, incidentId: incident.id, recovered }, 'runbook verdict');
  }

  #auto(incident: IncidentRecord): void {
    const runbooks = this.#o.runbooks();
    const incidents = this.#o.incidents();
    const runbook = runbooks?.autoFor(incident);
    if (!runbooks || !incidents || !runbook || incident.status === 'remediating') return;
    if (this.#o.runs.inFlightFor(incident.id) > 0) return;
    const max = this.#o.config.autoRemediate.maxAttempts;
    if (incident.autoAttempts < max) {
      incidents.store.bumpAutoAttempts(incident.id);
      try {
        runbooks.startAuto(runbook, incident, this.#o.localeFor(incident.channelKey));
      } catch (err) {
        this.#o.log.debug({ err, incidentId: incident.id }, 'automatic remediation not started');
      }
      return;
    }
    if (incident.autoAttempts === max) {
      // One more bump marks "gave up", so this happens once per incident.
      incidents.store.transaction(() => {
        incidents.store.bumpAutoAttempts(incident.id);
        incidents.store.expediteEscalations(incident.id, this.#o.clock.now());
        incidents.record(incident.id, 'auto-gave-up', 'guardia', { attempts: max });
      });
      this.#o.log.warn({ incidentId: incident.id, attempts: max }, 'automatic remediation gave up');
    }
  }
}
