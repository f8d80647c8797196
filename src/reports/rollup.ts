import { DAY_MS, HOUR_MS } from '../analytics/ingest.js';
import type { Db } from '../store/db.js';

/** A time window, epoch milliseconds; rollups make it whole hours (see docs/market.md). */
export interface Window {
  from: number;
  to: number;
}

export interface RollupRow {
  type: string;
  region: string;
  k1: string;
  k2: string;
  k3: string;
  n: number;
}

/**
 * Summed counts of the window, optionally for one province. Whole UTC days inside the window
 * come from the daily rollup and the edges from the hourly one, so the cost grows with days
 * and dimensions, not with the number of events.
 */
export function readRollup(db: Db, window: Window, province?: string, type?: string): RollupRow[] {
  const from = Math.floor(window.from / HOUR_MS) * HOUR_MS;
  const firstDay = Math.ceil(from / DAY_MS) * DAY_MS;
  const lastDayEnd = Math.floor(window.to / DAY_MS) * DAY_MS;
  const region = `${type ? 'AND type = ?' : ''} ${province ? 'AND region = ?' : ''}`;
  const cols = 'type, region, k1, k2, k3, n';
  const parts: string[] = [];
  const params: Array<string | number> = [];
  const add = (sql: string, lo: number, hi: number) => {
    parts.push(`${sql} ${region}`);
    params.push(lo, hi, ...(type ? [type] : []), ...(province ? [province] : []));
  };
  if (firstDay < lastDayEnd) {
    add(`SELECT ${cols} FROM analytics_rollup WHERE hour >= ? AND hour < ?`, from, firstDay);
    add(
      `SELECT ${cols} FROM analytics_rollup_day WHERE day >= ? AND day < ?`,
      firstDay,
      lastDayEnd,
    );
    add(
      `SELECT ${cols} FROM analytics_rollup WHERE hour >= ? AND hour <= ?`,
      lastDayEnd,
      window.to,
    );
  } else {
    add(`SELECT ${cols} FROM analytics_rollup WHERE hour >= ? AND hour <= ?`, from, window.to);
  }
  const sql = `SELECT type, region, k1, k2, k3, SUM(n) AS n FROM (${parts.join(' UNION ALL ')})
    GROUP BY type, region, k1, k2, k3`;
  return db.prepare(sql).all(...params) as RollupRow[];
}

/** Adds up the rows matching a partial key, e.g. `{ type: 'payment', k1: 'cash' }`. */
export class Counts {
  readonly #rows: RollupRow[];

  constructor(rows: RollupRow[]) {
    this.#rows = rows;
  }

  sum(match: Partial<Omit<RollupRow, 'n'>>, where?: (row: RollupRow) => boolean): number {
    let total = 0;
    for (const row of this.#rows) {
      if (match.type !== undefined && row.type !== match.type) continue;
      if (match.region !== undefined && row.region !== match.region) continue;
      if (match.k1 !== undefined && row.k1 !== match.k1) continue;
      if (match.k2 !== undefined && row.k2 !== match.k2) continue;
      if (match.k3 !== undefined && row.k3 !== match.k3) continue;
      if (where && !where(row)) continue;
      total += row.n;
    }
    return total;
  }

  /** Counts of one type keyed by one of its dimensions. */
  by(type: string, key: 'region' | 'k1' | 'k2' | 'k3'): Map<string, number> {
    const out = new Map<string, number>();
    for (const row of this.#rows) {
      if (row.type !== type) continue;
      out.set(row[key], (out.get(row[key]) ?? 0) + row.n);
    }
    return out;
  }
}
