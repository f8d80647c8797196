import type { AlertRecord, AlertStore } from '../alerts/store.js';
import type { Clock } from '../core/clock.js';
import type { TargetStatus } from '../monitors/runner.js';
import type { CheckResult, TargetInfo } from '../monitors/types.js';
import { HOUR_MS, type RollupReader, type TargetTotals } from '../store/rollups.js';

/** One target as a summary shows it; every figure carries the sample it came from. */
export interface TargetRow {
  target: TargetInfo;
  /** Undefined before the first check. */
  ok: boolean | undefined;
  reason: string | undefined;
  /** The last check as it came, for reasons rephrased in the reader's language. */
  result: CheckResult | undefined;
  value: number | undefined;
  /** The last check had too little data to judge (`detail.insufficient`). */
  insufficient: boolean;
  /** Rates: attempts and window of the last check; insufficient below the minimum. */
  rate?: { attempts: number; windowMs: number; threshold: number; insufficient: boolean };
  /** Checks over the summary period (from rollups). */
  period: { count: number; failures: number; avg: number | undefined };
  /** Share of good checks over 24 h, with the number of checks. */
  uptime24h: { ratio: number; count: number } | undefined;
  alert: AlertRecord | undefined;
}

export interface SummarySnapshot {
  now: number;
  periodMs: number;
  endpoints: TargetRow[];
  rates: TargetRow[];
  others: TargetRow[];
  openAlerts: AlertRecord[];
  /** Alerts opened or resolved in the last 24 h. */
  incidents24h: AlertRecord[];
  /** Incidents (related alerts folded together), when the incidents feature runs. */
  incidentCounts: { opened: number; open: number } | undefined;
  /** Failed share of all checks in the last hour and the hour before (trend). */
  trend: { lastHour: Share; previousHour: Share };
  uptimeTarget: number;
}

export interface Share {
  count: number;
  failures: number;
}

export interface SnapshotSources {
  snapshot: () => TargetStatus[];
  alerts: AlertStore;
  rollups: RollupReader;
  clock: Clock;
  uptimeTarget: number;
  /** Incidents opened since a time and still open; absent without the incidents feature. */
  incidentCounts?: (since: number) => { opened: number; open: number } | undefined;
}

/**
 * Gathers what summaries show. Reads the runner's in-memory state and rollup rows only:
 * a thousand targets over 24 h cost a few tens of thousands of rows, never raw samples.
 */
export function takeSnapshot(src: SnapshotSources, periodMs: number): SummarySnapshot {
  const now = src.clock.now();
  const openAlerts = src.alerts.open();
  const alertByTarget = new Map(openAlerts.map((a) => [a.targetId, a]));
  const period = src.rollups.totals(now - periodMs, now + 1);
  const day = src.rollups.totals(now - 24 * HOUR_MS, now + 1);
  const rows = src
    .snapshot()
    .map((s) =>
      toRow(s, period.get(s.target.id), day.get(s.target.id), alertByTarget.get(s.target.id)),
    );
  const lastHour = src.rollups.totals(now - HOUR_MS, now + 1);
  const previousHour = src.rollups.totals(now - 2 * HOUR_MS, now - HOUR_MS);
  return {
    now,
    periodMs,
    endpoints: rows.filter((r) => r.target.kind === 'http'),
    rates: rows.filter((r) => r.target.kind === 'rate'),
    others: rows.filter((r) => r.target.kind !== 'http' && r.target.kind !== 'rate'),
    openAlerts,
    incidents24h: src.alerts.recent(now - 24 * HOUR_MS),
    incidentCounts: src.incidentCounts?.(now - 24 * HOUR_MS),
    trend: { lastHour: share(lastHour), previousHour: share(previousHour) },
    uptimeTarget: src.uptimeTarget,
  };
}

function share(totals: Map<string, TargetTotals>): Share {
  let count = 0;
  let failures = 0;
  for (const t of totals.values()) {
    count += t.count;
    failures += t.failures;
  }
  return { count, failures };
}

function toRow(
  s: TargetStatus,
  period: TargetTotals | undefined,
  day: TargetTotals | undefined,
  alert: AlertRecord | undefined,
): TargetRow {
  const result = s.last?.result;
  const row: TargetRow = {
    target: s.target,
    ok: result?.ok,
    reason: result?.reason,
    result,
    value: result?.value,
    insufficient: result?.detail?.insufficient === true,
    period: {
      count: period?.count ?? 0,
      failures: period?.failures ?? 0,
      avg: period && period.valueCount > 0 ? period.valueSum / period.valueCount : undefined,
    },
    uptime24h:
      day && day.count > 0 ? { ratio: 1 - day.failures / day.count, count: day.count } : undefined,
    alert,
  };
  const d = result?.detail;
  if (s.target.kind === 'rate' && d) {
    row.rate = {
      attempts: num(d.attempts),
      windowMs: num(d.windowMs),
      threshold: num(d.threshold),
      insufficient: d.insufficient === true,
    };
  }
  return row;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
