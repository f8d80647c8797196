import { dirname, join } from 'node:path';
import type { AlertStore } from '../alerts/store.js';
import { dashboardDoc } from '../bot/messages/dashboard.js';
import type { MessageDoc } from '../bot/messages/doc.js';
import { execSummaryDoc } from '../bot/messages/summary-exec.js';
import { changesDoc, teamSummaryDoc } from '../bot/messages/summary-team.js';
import type { Config } from '../config/schema.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { defineCatalog, type Locale } from '../i18n/locale.js';
import type { TargetStatus } from '../monitors/runner.js';
import type { TargetInfo } from '../monitors/types.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Db } from '../store/db.js';
import { HOUR_MS, RollupReader, type SeriesPoint } from '../store/rollups.js';
import { type Change, changesSince, type SummaryState, stateOf } from './changes.js';
import { writeChart } from './chart.js';
import { type SummarySnapshot, takeSnapshot } from './snapshot.js';

export type SummaryKind = 'team' | 'exec';

/** What other features (WhatsApp digests, the Home tab) may ask of the summaries. */
export interface SummaryService {
  teamDoc(locale: Locale): MessageDoc;
  execDoc(locale: Locale): MessageDoc;
  dashboardDoc(locale: Locale): MessageDoc;
}

const t = defineCatalog({
  en: {
    chart: 'Last hour: latency and success rates',
    latency: 'latency (ms)',
    rate: 'success (%)',
  },
  'es-AR': {
    chart: 'Última hora: latencia y tasas de éxito',
    latency: 'latencia (ms)',
    rate: 'éxito (%)',
  },
});

export interface SummariesDeps {
  config: Readonly<Config>;
  db: Db;
  clock: Clock;
  log: Logger;
  runner: { snapshot(): TargetStatus[]; flushSamples(): void };
  alerts: AlertStore;
  outbox: Outbox;
  localeFor(channelKey: string): Locale;
  /** Incident figures when the incidents feature runs (read at run time). */
  incidentCounts?: (since: number) => { opened: number; open: number } | undefined;
  /** Milliseconds between two summaries of a kind (from its schedule). */
  periodOf(kind: SummaryKind): number;
}

/**
 * Builds and publishes the team and executive summaries. By default each keeps one message
 * that is edited every cycle, with a thread reply (and the chart) only when something changed.
 */
export class Summaries implements SummaryService {
  readonly #d: SummariesDeps;
  readonly #rollups: RollupReader;
  readonly #chartDir: string;
  readonly #loadState;
  readonly #saveState;

  constructor(deps: SummariesDeps) {
    this.#d = deps;
    this.#rollups = new RollupReader(deps.db);
    this.#chartDir = join(dirname(deps.config.store.path), 'charts');
    this.#loadState = deps.db.prepare('SELECT state FROM summary_runs WHERE kind = ?').pluck();
    this.#saveState = deps.db.prepare(`INSERT INTO summary_runs (kind, at, state) VALUES (?, ?, ?)
      ON CONFLICT (kind) DO UPDATE SET at = excluded.at, state = excluded.state`);
  }

  snapshot(periodMs: number): SummarySnapshot {
    // The live state and the stored figures must describe the same checks.
    this.#d.runner.flushSamples();
    return takeSnapshot(
      {
        snapshot: () => this.#d.runner.snapshot(),
        alerts: this.#d.alerts,
        rollups: this.#rollups,
        clock: this.#d.clock,
        uptimeTarget: this.#d.config.monitors.uptime.target,
        ...(this.#d.incidentCounts ? { incidentCounts: this.#d.incidentCounts } : {}),
      },
      periodMs,
    );
  }

  teamDoc(locale: Locale, changes: Change[] = [], first = false): MessageDoc {
    const period = this.#d.periodOf('team');
    return teamSummaryDoc(locale, {
      snapshot: this.snapshot(period),
      changes,
      first,
      timeZone: this.#d.config.timezone,
      nextInMs: period,
    });
  }

  execDoc(locale: Locale): MessageDoc {
    return execSummaryDoc(locale, {
      snapshot: this.snapshot(this.#d.periodOf('exec')),
      timeZone: this.#d.config.timezone,
    });
  }

  dashboardDoc(locale: Locale): MessageDoc {
    return dashboardDoc(locale, {
      snapshot: this.snapshot(this.#d.periodOf('team')),
      timeZone: this.#d.config.timezone,
    });
  }

  /** A summary with its chart, for `/ops summary`. Does not touch the scheduled message. */
  onDemand(kind: SummaryKind, locale: Locale): MessageDoc {
    if (kind === 'exec') return this.execDoc(locale);
    const previous = this.#previous('team');
    const snap = this.snapshot(this.#d.periodOf('team'));
    const changes = changesSince(
      previous,
      snap,
      previous ? this.#d.alerts.recent(previous.at) : [],
    );
    return this.#withChart(this.teamDoc(locale, changes, !previous), locale, 'team');
  }

  /** One scheduled cycle: enqueue the summary (and its thread reply) and remember its state. */
  publish(kind: SummaryKind): void {
    const { config, outbox, log } = this.#d;
    const channelKey = config.summaries[kind].channel;
    if (!(channelKey in config.channels)) {
      log.warn({ kind, channel: channelKey }, 'summary channel not configured; summary skipped');
      return;
    }
    const locale = this.#d.localeFor(channelKey);
    const previous = this.#previous(kind);
    const snap = this.snapshot(this.#d.periodOf(kind));
    const changes = changesSince(
      previous,
      snap,
      previous ? this.#d.alerts.recent(previous.at) : [],
    );
    const doc =
      kind === 'team'
        ? teamSummaryDoc(locale, {
            snapshot: snap,
            changes,
            first: previous === undefined,
            timeZone: config.timezone,
            nextInMs: this.#d.periodOf(kind),
          })
        : execSummaryDoc(locale, { snapshot: snap, timeZone: config.timezone });
    const refKey = `summary:${kind}`;
    const chartFor = (d: MessageDoc) => (kind === 'team' ? this.#withChart(d, locale, kind) : d);
    this.#d.db.transaction(() => {
      if (config.summaries.mode === 'post') {
        outbox.enqueue({ channelKey, doc: chartFor(doc) });
      } else {
        outbox.enqueue({ channelKey, op: 'update', refKey, doc });
        if (changes.length) {
          outbox.enqueue({
            channelKey,
            threadKey: refKey,
            doc: chartFor(changesDoc(locale, changes, snap.now)),
          });
        }
      }
      this.#saveState.run(kind, snap.now, JSON.stringify(stateOf(snap)));
    })();
    log.info({ kind, changes: changes.length, mode: config.summaries.mode }, 'summary published');
  }

  #previous(kind: SummaryKind): SummaryState | undefined {
    const raw = this.#loadState.get(kind);
    if (typeof raw !== 'string') return undefined;
    const parsed: unknown = JSON.parse(raw);
    if (
      parsed &&
      typeof parsed === 'object' &&
      'at' in parsed &&
      typeof parsed.at === 'number' &&
      'failing' in parsed &&
      Array.isArray(parsed.failing)
    ) {
      return { at: parsed.at, failing: parsed.failing.map(String) };
    }
    return undefined;
  }

  #withChart(doc: MessageDoc, locale: Locale, kind: SummaryKind): MessageDoc {
    if (!this.#d.config.summaries.chart) return doc;
    const now = this.#d.clock.now();
    const targets = this.#d.runner.snapshot().map((s) => s.target);
    try {
      const points = this.#rollups.series(now - HOUR_MS, now + 1);
      const path = writeChart(this.#chartDir, `${kind}-${now}`, {
        points,
        latencyTargets: worstSeries(points, targets, 'http', (p) => p.avg ?? 0, 'highest'),
        rateTargets: worstSeries(points, targets, 'rate', (p) => p.avg ?? 1, 'lowest'),
        from: now - HOUR_MS,
        to: now,
        timeZone: this.#d.config.timezone,
        title: t(locale, 'chart'),
        latencyLabel: t(locale, 'latency'),
        rateLabel: t(locale, 'rate'),
      });
      return {
        ...doc,
        blocks: [
          ...doc.blocks,
          { type: 'image', path, alt: t(locale, 'chart'), title: t(locale, 'chart') },
        ],
      };
    } catch (err) {
      this.#d.log.warn({ err, code: 'CHART_FAILED' }, 'summary chart failed; sent without it');
      return doc;
    }
  }
}

/** A chart stays readable (and cheap) with a handful of lines: the worst of each kind. */
const CHART_SERIES = 8;

function worstSeries(
  points: readonly SeriesPoint[],
  targets: readonly TargetInfo[],
  kind: string,
  measure: (p: SeriesPoint) => number,
  worst: 'highest' | 'lowest',
): TargetInfo[] {
  const of = targets.filter((t) => t.kind === kind);
  if (of.length <= CHART_SERIES) return of;
  const sum = new Map<string, { total: number; n: number }>();
  for (const p of points) {
    const s = sum.get(p.targetId) ?? { total: 0, n: 0 };
    s.total += measure(p);
    s.n += 1;
    sum.set(p.targetId, s);
  }
  const score = (t: TargetInfo) => {
    const s = sum.get(t.id);
    const mean = s?.n ? s.total / s.n : undefined;
    if (mean === undefined) return Number.NEGATIVE_INFINITY;
    return worst === 'highest' ? mean : -mean;
  };
  return [...of].sort((a, b) => score(b) - score(a)).slice(0, CHART_SERIES);
}
