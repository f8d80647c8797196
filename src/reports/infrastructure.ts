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
  /**
   * Whether incidents run (the table exists in every install, empty when they are off);
   * defaults to the table being there.
   */
  incidents?: boolean;
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

/**
 * Checks, failures, latency against baseline and threshold, and alert-free time. Latency
 * averages every measured response, failed ones included: a probe that failed for being
 * slower than its threshold still took that long, and leaving it out hid slow outages.
 */
function sampleStats(db: Db, window: Window, targets: InfraTarget[]): SampleStats {
  const ids = targets.map((t) => t.id);
  const perTarget = (
    ids.length === 0
      ? []
      : db
          .prepare(`SELECT target_id AS id, COUNT(*) AS checks, SUM(ok) AS ok,
              AVG(value) AS avg, MIN(at) AS first
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
  const incidents = hasIncidents(db) && o.incidents !== false;
  const recovery = recoveries(db, window, o.recoveryTarget, incidents ? 'incidents' : 'alerts');
  const response = incidents ? acknowledgements(db, window, o.ackTarget) : undefined;
  const open = openProblems(db, incidents);

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

/**
 * Problems resolved in the window, and the share resolved within the recovery target. With
 * incidents, each incident is one problem however many alerts it folded in.
 */
function recoveries(db: Db, window: Window, target: number, table: 'alerts' | 'incidents') {
  const row = db
    .prepare(`SELECT COUNT(*) AS judged, SUM(resolved_at - opened_at <= ?) AS fast
      FROM ${table} WHERE resolved_at >= ? AND resolved_at <= ?`)
    .get(target, window.from, window.to) as { judged: number; fast: number | null };
  return { judged: row.judged, withinTarget: row.judged ? (row.fast ?? 0) / row.judged : null };
}

/**
 * The share of incidents acknowledged within the ack deadline, over every incident whose
 * deadline fell in the window: acknowledged late or never counts as late. Incidents still
 * inside their deadline are not judged yet, nor those that resolved before it unacknowledged
 * (nobody was asked to respond; escalation never fired for them).
 */
function acknowledgements(db: Db, window: Window, target: number) {
  const row = db
    .prepare(`SELECT COUNT(*) AS judged,
        SUM(acknowledged_at IS NOT NULL AND acknowledged_at - opened_at <= @target) AS fast
      FROM incidents WHERE opened_at + @target >= @from AND opened_at + @target <= @to
        AND NOT (acknowledged_at IS NULL AND resolved_at IS NOT NULL
          AND resolved_at - opened_at <= @target)`)
    .get({ target, from: window.from, to: window.to }) as {
    judged: number;
    fast: number | null;
  };
  return { judged: row.judged, withinTarget: row.judged ? (row.fast ?? 0) / row.judged : null };
}

/**
 * Problems still open: incidents when the incidents feature is installed (an incident folds
 * related alerts, so counting alerts would count one problem several times), alerts otherwise.
 */
function openProblems(db: Db, incidents: boolean): number {
  const sql = incidents
    ? "SELECT COUNT(*) FROM incidents WHERE status != 'resolved'"
    : "SELECT COUNT(*) FROM alerts WHERE status = 'open'";
  return Number(db.prepare(sql).pluck().get());
}
