import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { MessageDoc } from '../bot/messages/doc.js';
import type { Config } from '../config/schema.js';
import type { Clock } from '../core/clock.js';
import type { Locale } from '../i18n/locale.js';
import type { Db } from '../store/db.js';
import { renderChartPng, saveChart } from './chart.js';
import { marketChart, readinessChart } from './charts.js';
import type { InfraTarget } from './infrastructure.js';
import { type MarketReport, marketReport } from './market.js';
import { marketDoc } from './market-doc.js';
import { type ReadinessReport, readinessReport } from './readiness.js';
import { readinessDoc, readinessHeadline } from './readiness-doc.js';

export interface MarketQuery {
  province?: string;
  /** Milliseconds back from now; the configured window when absent. */
  windowMs?: number;
}

export interface DocOptions {
  /** Renders and attaches a chart PNG (off for the command line's JSON, say). */
  chart?: boolean;
}

/** The one place report figures are computed; chat, schedules and the CLI all call it. */
export interface ReportService {
  market(query?: MarketQuery): MarketReport;
  readiness(): ReadinessReport;
  marketDoc(locale: Locale, query?: MarketQuery, options?: DocOptions): MessageDoc;
  readinessDoc(locale: Locale, options?: DocOptions, report?: ReadinessReport): MessageDoc;
  readinessHeadline(locale: Locale): string;
}

export function infraTargets(config: Config): InfraTarget[] {
  return config.targets.map((t) => ({
    id: t.id,
    baseline: t.baseline ?? config.defaults.baseline,
    threshold: t.latencyThreshold ?? config.defaults.latencyThreshold,
  }));
}

export function chartDir(config: Config): string {
  if (config.reports.chartDir) return config.reports.chartDir;
  if (config.store.path === ':memory:') return join(tmpdir(), 'guardia-charts');
  return join(dirname(config.store.path), 'charts');
}

export function createReportService(deps: {
  db: Db;
  config: Readonly<Config>;
  clock: Clock;
}): ReportService {
  const { db, config, clock } = deps;
  const cfg = config.reports;
  const extras = { timeZone: config.timezone };
  const saved = (prefix: string, png: Buffer) =>
    saveChart(chartDir(config), prefix, png, clock.now());

  const service: ReportService = {
    market(query = {}) {
      const now = clock.now();
      const window = { from: now - (query.windowMs ?? cfg.window), to: now };
      const filter = query.province ? { window, province: query.province } : { window };
      return marketReport(db, filter, cfg.minSample);
    },
    readiness() {
      return readinessReport({
        db,
        now: clock.now(),
        reports: cfg,
        targets: infraTargets(config),
        // One response SLA: the one incidents escalate on, when incidents run.
        ackTarget: config.incidents.enabled ? config.incidents.ackWithin : cfg.ackTarget,
        incidents: config.incidents.enabled,
        paymentMonitors: config.monitors.rates
          .map((r) => r.id)
          .filter((id) => id.startsWith('payments')),
      });
    },
    marketDoc(locale, query, options = {}) {
      const report = service.market(query);
      const chartPath =
        options.chart === false
          ? undefined
          : saved('market', renderChartPng(marketChart(locale, report)));
      return marketDoc(locale, report, chartPath ? { ...extras, chartPath } : extras);
    },
    readinessDoc(locale, options = {}, given) {
      const report = given ?? service.readiness();
      const chartPath =
        options.chart === false
          ? undefined
          : saved('readiness', renderChartPng(readinessChart(locale, report)));
      return readinessDoc(locale, report, chartPath ? { ...extras, chartPath } : extras);
    },
    readinessHeadline(locale) {
      return readinessHeadline(locale, service.readiness());
    },
  };
  return service;
}
