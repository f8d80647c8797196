import type { Dispatcher } from 'undici';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { Locale } from '../i18n/locale.js';
import type { IncidentService } from '../incidents/service.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Db } from '../store/db.js';
import { sampleFigures } from './figures.js';
import { verdictTarget } from './incident-target.js';
import { type ProgressView, progressDoc, resultDoc, type StepState } from './messages.js';
import type { RunRecord, RunStore } from './runs.js';
import type { Runbook } from './schema.js';
import { describeStep, runStep } from './steps/index.js';
import type { StepContext } from './steps/types.js';
import type { ParamValue } from './template.js';

/** How far back the "before" figures of a verdict look. */
export const BEFORE_WINDOW_MS = 2 * 60_000;

export interface ExecutorOptions {
  db: Db;
  runs: RunStore;
  audit: AuditLog;
  outbox: Outbox;
  clock: Clock;
  log: Logger;
  http: Dispatcher;
  env: Readonly<Record<string, string>>;
  runner: StepContext['runner'];
  localeFor: (channelKey: string) => Locale;
  /** Where runs without an incident report their progress. */
  defaultChannel: string;
  incidents: () => IncidentService | undefined;
}

export interface StartRequest {
  runbook: Runbook;
  params: Record<string, ParamValue>;
  incidentId: number | undefined;
  startedBy: string;
  via: string;
  deliveryId: string | undefined;
}

export type StartOutcome =
  | { ok: true; run: RunRecord; channelKey: string }
  | { ok: false; reason: 'busy' | 'duplicate'; run: RunRecord | undefined };

/**
 * Records a run (exactly once, by the database's uniqueness), then performs its steps after
 * the command has been answered, editing one progress message as it goes.
 */
export class RunExecutor {
  readonly #o: ExecutorOptions;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #abort = new AbortController();

  constructor(options: ExecutorOptions) {
    this.#o = options;
  }

  start(req: StartRequest): StartOutcome {
    const { runs, clock, audit } = this.#o;
    const incident = req.incidentId ? this.#o.incidents()?.get(req.incidentId) : undefined;
    const channelKey = incident?.channelKey ?? this.#o.defaultChannel;
    const now = clock.now();
    const watched = incident
      ? verdictTarget(
          req.params,
          incident,
          this.#o.incidents()?.store.alertTargets(incident.id) ?? [],
        )
      : undefined;
    const before = watched
      ? JSON.stringify({
          target: watched,
          ...sampleFigures(this.#o.db, watched, now - BEFORE_WINDOW_MS, now),
        })
      : undefined;
    const outcome = this.#o.db.transaction((): StartOutcome => {
      const started = runs.start({ ...req, runbookId: req.runbook.id, before, now });
      if (!started.ok) return started;
      const run = started.run;
      audit.record({
        actor: req.startedBy,
        via: req.via,
        action: 'run',
        subject: `runbook:${req.runbook.id}`,
        params: { ...req.params, runId: run.id, incidentId: req.incidentId },
        result: 'started',
      });
      this.#progress(
        run,
        req.runbook,
        channelKey,
        this.#initialSteps(req.runbook, run.params, channelKey),
        'running',
      );
      const incidents = this.#o.incidents();
      if (incident && incidents) {
        // Someone is working on it: paging more people now would only add noise.
        const paused = incidents.pauseEscalations(incident.id);
        incidents.record(
          incident.id,
          'run-started',
          req.startedBy,
          { runbook: req.runbook.id, runId: run.id, pausedEscalations: paused },
          'remediating',
        );
      }
      return { ok: true, run, channelKey };
    })();
    if (outcome.ok) {
      this.#o.log.info(
        { runId: outcome.run.id, runbook: req.runbook.id, by: req.startedBy },
        'runbook run started',
      );
      const job = this.#execute(outcome.run, req.runbook, channelKey, req.via)
        .catch((err: unknown) =>
          this.#o.log.error({ err, runId: outcome.run.id }, 'runbook run crashed'),
        )
        .finally(() => this.#inFlight.delete(job));
      this.#inFlight.add(job);
    }
    return outcome;
  }

  /** Aborts waits in progress and waits for runs to record how they ended. */
  async stop(): Promise<void> {
    this.#abort.abort();
    await Promise.allSettled([...this.#inFlight]);
  }

  /** Resolves when every run in flight has finished (tests). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.#inFlight]);
  }

  #initialSteps(
    runbook: Runbook,
    params: Record<string, ParamValue>,
    channelKey: string,
  ): StepState[] {
    const locale = this.#o.localeFor(channelKey);
    return runbook.steps.map((s) => ({
      desc: s.title?.[locale] ?? describeStep(s, params, locale),
      state: 'pending',
    }));
  }

  async #execute(run: RunRecord, runbook: Runbook, channelKey: string, via: string): Promise<void> {
    const steps = this.#initialSteps(runbook, run.params, channelKey);
    const locale = this.#o.localeFor(channelKey);
    const signal = this.#abort.signal;
    const ctx: StepContext = {
      http: this.#o.http,
      env: this.#o.env,
      params: run.params,
      runner: this.#o.runner,
      clock: this.#o.clock,
      log: this.#o.log.child({ runId: run.id }),
      signal,
      sleep: (ms) => abortableSleep(ms, signal),
    };
    let failedAt: { step: number; error: string } | undefined;
    for (const [index, step] of runbook.steps.entries()) {
      const state = steps[index]!;
      state.state = 'running';
      this.#progress(run, runbook, channelKey, steps, 'running');
      const outcome = await runStep(step, ctx).catch((err: unknown) => ({
        ok: false,
        text: { en: String((err as Error).message), 'es-AR': String((err as Error).message) },
      }));
      state.state = outcome.ok ? 'ok' : 'failed';
      state.text = `${state.desc}: ${outcome.text[locale]}`;
      if (!outcome.ok) {
        failedAt = { step: index + 1, error: outcome.text[locale] };
        break;
      }
    }
    this.#finish(run, runbook, channelKey, steps, via, failedAt);
  }

  #finish(
    run: RunRecord,
    runbook: Runbook,
    channelKey: string,
    steps: StepState[],
    via: string,
    failedAt?: { step: number; error: string },
  ) {
    const status = failedAt ? 'failed' : 'succeeded';
    const locale = this.#o.localeFor(channelKey);
    this.#o.db.transaction(() => {
      this.#o.runs.finish(run.id, status, failedAt?.error, this.#o.clock.now());
      this.#o.audit.record({
        actor: run.startedBy,
        via,
        action: 'run',
        subject: `runbook:${runbook.id}`,
        params: { runId: run.id, incidentId: run.incidentId },
        result: failedAt ? `failed at step ${failedAt.step}: ${failedAt.error}` : 'succeeded',
      });
      const view = this.#progress(run, runbook, channelKey, steps, status);
      this.#o.outbox.enqueue({
        channelKey,
        threadKey: run.incidentId ? `incident:${run.incidentId}` : `run:${run.id}`,
        dedupeKey: `run:${run.id}:result`,
        doc: resultDoc(locale, view, failedAt),
      });
      const incidents = this.#o.incidents();
      const incident = run.incidentId ? incidents?.get(run.incidentId) : undefined;
      if (incident) {
        const back = incident.acknowledgedAt ? 'acknowledged' : 'open';
        incidents?.record(
          incident.id,
          'run-finished',
          'guardia',
          { runbook: runbook.id, runId: run.id, status },
          failedAt ? back : 'remediating',
        );
      }
    })();
    this.#o.log.info({ runId: run.id, runbook: runbook.id, status }, 'runbook run finished');
  }

  #progress(
    run: RunRecord,
    runbook: Runbook,
    channelKey: string,
    steps: StepState[],
    status: ProgressView['status'],
  ): ProgressView {
    const view: ProgressView = {
      runId: run.id,
      runbook,
      startedBy: run.startedBy,
      incidentId: run.incidentId,
      steps,
      status,
    };
    this.#o.outbox.enqueue({
      channelKey,
      op: 'update',
      refKey: `run:${run.id}`,
      doc: progressDoc(this.#o.localeFor(channelKey), view),
    });
    return view;
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new Error('run aborted: guardia is stopping'));
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('run aborted: guardia is stopping'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
