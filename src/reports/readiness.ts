import type { ReportsConfig } from '../config/reports.js';
import type { Db } from '../store/db.js';
import { type InfraTarget, infrastructureScore } from './infrastructure.js';
import { type MarketReport, marketReport } from './market.js';
import { ratio } from './ratio.js';
import { Counts, readRollup } from './rollup.js';
import { type Decision, decide, type Metrics } from './rules.js';
import { combine, linearScore, type Score } from './score.js';

export interface ReadinessReport {
  at: number;
  /** The market window the market and template scores look at. */
  window: { from: number; to: number };
  infraWindow: { from: number; to: number };
  infrastructure: Score;
  market: Score;
  template: Score;
  growth: { current: number; previous: number; period: number; rate: number | null };
  decisions: Decision[];
  /** The market report the scores were taken from (adoption, payments, regions). */
  marketReport: MarketReport;
}

export interface ReadinessInputs {
  db: Db;
  now: number;
  reports: ReportsConfig;
  targets: InfraTarget[];
  /** The incidents' ack SLA when incidents run; `reports.ackTarget` otherwise. */
  ackTarget?: number;
  /** Rate monitors of payments (`payments*`): their live success rate caps the events' one. */
  paymentMonitors?: string[];
  /** False when the incidents feature is off: problems are then counted by alert. */
  incidents?: boolean;
}

/** Growth of sign-ups: the last period against the one before it. */
function growth(db: Db, now: number, period: number) {
  const signups = (from: number, to: number) =>
    new Counts(readRollup(db, { from, to: to - 1 }, undefined, 'signup')).sum({});
  const current = signups(now - period, now + 1);
  const previous = signups(now - 2 * period, now - period);
  const rate = previous > 0 ? (current - previous) / previous : current > 0 ? null : 0;
  return { current, previous, period, rate };
}

export function readinessReport(input: ReadinessInputs): ReadinessReport {
  const { db, now, reports: cfg } = input;
  const window = { from: now - cfg.window, to: now };
  const infraWindow = { from: now - cfg.infraWindow, to: now };
  const market = marketReport(db, { window }, cfg.minSample);
  const infrastructure = infrastructureScore(db, infraWindow, {
    targets: input.targets,
    minSample: cfg.minSample,
    ackTarget: input.ackTarget ?? cfg.ackTarget,
    recoveryTarget: cfg.recoveryTarget,
    ...(input.incidents !== undefined ? { incidents: input.incidents } : {}),
  });
  const g = growth(db, now, cfg.growthPeriod);
  const growthSample = g.current + g.previous;
  // No earlier sign-ups at all: every one is growth, so full marks once the sample is enough.
  const growthScore = g.rate === null ? 100 : linearScore(g.rate, -1, 1);
  const payment = paymentSuccess(db, infraWindow, market, input.paymentMonitors ?? []);
  const marketScore = combine([
    {
      id: 'adoption',
      weight: 0.4,
      value: market.adoption.score,
      unit: 'count',
      sample: market.events,
      score: market.adoption.score,
    },
    {
      id: 'growth',
      weight: 0.3,
      value: g.rate,
      unit: 'ratio',
      sample: growthSample,
      score: growthSample >= cfg.minSample ? growthScore : null,
    },
    {
      id: payment.source === 'monitor' ? 'paymentLive' : 'paymentSuccess',
      weight: 0.3,
      value: payment.value,
      unit: 'ratio',
      sample: payment.sample,
      score: payment.value !== null ? linearScore(payment.value, 0.98, 0.99) : null,
    },
  ]);
  const template = templateScore(db, window, cfg);
  const metrics = metricsOf(infrastructure, marketScore, template, market, g.rate);
  metrics.paymentSuccess = payment.value === null ? null : payment.value * 100;
  return {
    at: now,
    window,
    infraWindow,
    infrastructure,
    market: marketScore,
    template,
    growth: g,
    decisions: cfg.rules.map((rule) => decide(rule, metrics)),
    marketReport: market,
  };
}

interface PaymentSuccess {
  value: number | null;
  sample: number;
  source: 'events' | 'monitor';
}

/**
 * Payment success for readiness: the approved share of payment events, unless a payments rate
 * monitor's latest figure in the window is lower. Events arrive late and in batches and can
 * miss a live outage (the monitor read 39.5 % while events said 99.1 %); readiness must not
 * look better than the payments people are making now, so the lower figure wins.
 */
function paymentSuccess(
  db: Db,
  window: { from: number; to: number },
  market: MarketReport,
  monitors: string[],
): PaymentSuccess {
  const events = market.payments.success;
  const fromEvents: PaymentSuccess = {
    value: events.enough ? events.value : null,
    sample: events.total,
    source: 'events',
  };
  if (monitors.length === 0) return fromEvents;
  const rows = db
    .prepare(`SELECT s.value AS value, c.n AS n FROM samples s
      JOIN (SELECT target_id, MAX(at) AS at, COUNT(value) AS n FROM samples
        WHERE at >= ? AND at <= ? AND value IS NOT NULL
          AND target_id IN (${monitors.map(() => '?').join(',')})
        GROUP BY target_id) c ON c.target_id = s.target_id AND c.at = s.at
      WHERE s.value IS NOT NULL`)
    .all(window.from, window.to, ...monitors) as Array<{ value: number; n: number }>;
  if (rows.length === 0) return fromEvents;
  const worst = rows.reduce((a, b) => (b.value < a.value ? b : a));
  if (fromEvents.value !== null && fromEvents.value <= worst.value) return fromEvents;
  return { value: worst.value, sample: worst.n, source: 'monitor' };
}

/** Share of feature use on features any booking vertical needs. */
function templateScore(db: Db, window: { from: number; to: number }, cfg: ReportsConfig): Score {
  const byFeature = new Counts(readRollup(db, window, undefined, 'feature')).by('feature', 'k1');
  let generic = 0;
  let total = 0;
  for (const [feature, n] of byFeature) {
    total += n;
    if (cfg.genericFeatures.includes(feature)) generic += n;
  }
  const r = ratio(generic, total, cfg.minSample);
  return combine([
    {
      id: 'genericUsage',
      weight: 1,
      value: r.value,
      unit: 'ratio',
      sample: total,
      score: r.enough && r.value !== null ? Math.round(r.value * 1000) / 10 : null,
    },
  ]);
}

function metricsOf(
  infrastructure: Score,
  market: Score,
  template: Score,
  report: MarketReport,
  growthRate: number | null,
): Metrics {
  const located = report.provinces.reduce((s, p) => s + p.signups, 0);
  const metrics: Metrics = {
    infrastructure: infrastructure.score,
    market: market.score,
    template: template.score,
    adoption: report.adoption.score,
    signups: report.signups,
    growth: growthRate === null ? null : growthRate * 100,
  };
  for (const p of report.provinces) {
    metrics[`region:${p.code}`] = located >= report.minSample ? (p.signups / located) * 100 : null;
  }
  return metrics;
}
