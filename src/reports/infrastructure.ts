import type { Db } from '../store/db.js';
import type { Window } from './rollup.js';
import { type Component, combine, linearScore, type Score } from './score.js';

export interface InfraTarget {
  id: string;
  /** Response time on record, ms. */
  baseline: number;
  /** Alert threshold, ms. */
  threshold: number;
}

export interface InfraOptions {
  targets: InfraTarget[];
  minSample: number;
  ackTarget: number;
  recoveryTarget: number;
}

/** Failure rate at which the error component reaches zero. */
const ERROR_RATE_ZERO = 0.05;

/** True when the incidents feature has created its table (it may not be installed). */
export function hasIncidents(db: Db): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'incidents'").get() !==
    undefined
  );
}

interface SampleStats {
  checks: number;
  failed: number;
  avgLatency: number | null;
  latencyScore: number | null;
  uptime: number | null;
}

/** Checks, failures, latency against baseline and threshold, and alert-free time. */
function sampleStats(db: Db, window: Window, targets: InfraTarget[]): SampleStats {
  const ids = targets.map((t) => t.id);
  const perTarget = (
    ids.length === 0
      ? []
      : db
          .prepare(`SELECT target_id AS id, COUNT(*) AS checks, SUM(ok) AS ok,
              AVG(CASE WHEN ok = 1 THEN value END) AS avg, MIN(at) AS first
            FROM samples WHERE at >= ? AND at <= ? AND target_id IN (${ids.map(() => '?').join(',')})
            GROUP BY target_id`)
          .all(window.from, window.to, ...ids)
  ) as Array<{ id: string; checks: number; ok: number; avg: number | null; first: number }>;
  const latencies = perTarget.flatMap((t) => {
    const target = targets.find((x) => x.id === t.id);
    return t.avg === null || !target ? [] : [{ avg: t.avg, target }];
  });
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
  const observedFrom = Math.max(window.from, Math.min(...perTarget.map((t) => t.first)));
  const observed = perTarget.length ? (window.to - observedFrom) * perTarget.length : 0;
  const down = alertDowntime(db, window, observedFrom, ids);
  return {
    checks: perTarget.reduce((s, t) => s + t.checks, 0),
    failed: perTarget.reduce((s, t) => s + t.checks - t.ok, 0),
    avgLatency: mean(latencies.map((l) => l.avg)),
    latencyScore: mean(
      latencies.map((l) => linearScore(l.avg, l.target.threshold, l.target.baseline)),
    ),
    uptime: observed > 0 ? Math.max(0, 1 - down / observed) : null,
  };
}

const percentScore = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

/** Infrastructure readiness from the monitors' samples, alerts and (when present) incidents. */
export function infrastructureScore(db: Db, window: Window, o: InfraOptions): Score {
  const { checks, failed, avgLatency, latencyScore, uptime } = sampleStats(db, window, o.targets);
  const enough = checks >= o.minSample;
  const recovery = recoveries(db, window, o.recoveryTarget);
  const response = hasIncidents(db) ? acknowledgements(db, window, o.ackTarget) : undefined;
  const open = openProblems(db);

  const components: Component[] = [
    {
      id: 'uptime',
      weight: 0.3,
      value: uptime,
      unit: 'ratio',
      sample: checks,
      score: enough && uptime !== null ? linearScore(uptime, 0.99, 0.999) : null,
    },
    {
      id: 'latency',
      weight: 0.25,
      value: avgLatency,
      unit: 'ms',
      sample: checks,
      score: enough && latencyScore !== null ? Math.round(latencyScore * 10) / 10 : null,
    },
    {
      id: 'errors',
      weight: 0.15,
      value: checks ? failed / checks : null,
      unit: 'ratio',
      sample: checks,
      score: enough ? linearScore(failed / checks, ERROR_RATE_ZERO, 0) : null,
    },
    {
      id: 'response',
      weight: 0.15,
      value: response?.withinTarget ?? null,
      unit: 'ratio',
      sample: response?.judged ?? 0,
      score: percentScore(response?.withinTarget ?? null),
    },
    {
      id: 'recovery',
      weight: 0.1,
      value: recovery.withinTarget,
      unit: 'ratio',
      sample: recovery.judged,
      score: percentScore(recovery.withinTarget),
    },
    {
      id: 'open',
      weight: 0.05,
      value: open,
      unit: 'count',
      sample: open,
      score: Math.max(0, 100 - 50 * open),
    },
  ];
  return combine(components);
}

/** Milliseconds of alert time inside the observed part of the window, over all targets. */
function alertDowntime(db: Db, window: Window, from: number, ids: string[]): number {
  if (ids.length === 0) return 0;
  const row = db
    .prepare(`SELECT COALESCE(SUM(MIN(COALESCE(resolved_at, ?), ?) - MAX(opened_at, ?)), 0) AS ms
      FROM alerts WHERE opened_at <= ? AND COALESCE(resolved_at, ?) >= ?
        AND target_id IN (${ids.map(() => '?').join(',')})`)
    .get(window.to, window.to, from, window.to, window.to, from, ...ids) as { ms: number };
  return row.ms;
}

/** Alerts resolved in the window, and the share resolved within the recovery target. */
function recoveries(db: Db, window: Window, target: number) {
  const row = db
    .prepare(`SELECT COUNT(*) AS judged, SUM(resolved_at - opened_at <= ?) AS fast
      FROM alerts WHERE resolved_at >= ? AND resolved_at <= ?`)
    .get(target, window.from, window.to) as { judged: number; fast: number | null };
  return { judged: row.judged, withinTarget: row.judged ? (row.fast ?? 0) / row.judged : null };
}

/**
 * Incidents opened in the window that were acknowledged, or have waited past the target: the
 * share acknowledged within the target (15 minutes in the launch plan).
 */
function acknowledgements(db: Db, window: Window, target: number) {
  const row = db
    .prepare(`SELECT COUNT(*) AS judged,
        SUM(acknowledged_at IS NOT NULL AND acknowledged_at - opened_at <= ?) AS fast
      FROM incidents WHERE opened_at >= ? AND opened_at <= ?
        AND (acknowledged_at IS NOT NULL OR ? - opened_at > ?)`)
    .get(target, window.from, window.to, window.to, target) as {
    judged: number;
    fast: number | null;
  };
  return { judged: row.judged, withinTarget: row.judged ? (row.fast ?? 0) / row.judged : null };
}

/**
 * Open alerts, or open incidents when the incidents feature is installed and has more: an
 * incident usually wraps an alert, so adding the two would count one problem twice.
 */
function openProblems(db: Db): number {
  const alerts = db.prepare("SELECT COUNT(*) FROM alerts WHERE status = 'open'").pluck().get();
  const incidents = hasIncidents(db)
    ? db.prepare("SELECT COUNT(*) FROM incidents WHERE status != 'resolved'").pluck().get()
    : 0;
  return Math.max(Number(alerts), Number(incidents));
}
