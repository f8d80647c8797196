import type { Db } from './db.js';
import type { Sample } from './samples.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

export type RollupTable = 'rollup_minute' | 'rollup_hour';

interface Bucket {
  targetId: string;
  bucket: number;
  count: number;
  failures: number;
  valueCount: number;
  valueSum: number;
  valueMin: number | null;
  valueMax: number | null;
}

/** Folds samples into one row per target and bucket, so a flush upserts each row once. */
export function foldSamples(samples: readonly Sample[], sizeMs: number): Bucket[] {
  const out = new Map<string, Bucket>();
  for (const s of samples) {
    const bucket = Math.floor(s.at / sizeMs) * sizeMs;
    const key = `${s.targetId}\u0000${bucket}`;
    let b = out.get(key);
    if (!b) {
      b = {
        targetId: s.targetId,
        bucket,
        count: 0,
        failures: 0,
        valueCount: 0,
        valueSum: 0,
        valueMin: null,
        valueMax: null,
      };
      out.set(key, b);
    }
    b.count += 1;
    if (!s.ok) b.failures += 1;
    if (s.value !== undefined && Number.isFinite(s.value)) {
      b.valueCount += 1;
      b.valueSum += s.value;
      b.valueMin = b.valueMin === null ? s.value : Math.min(b.valueMin, s.value);
      b.valueMax = b.valueMax === null ? s.value : Math.max(b.valueMax, s.value);
    }
  }
  return [...out.values()];
}

/** Prepared upserts into both rollup tables; call `write` inside the samples' transaction. */
export function rollupWriter(db: Db): (samples: readonly Sample[]) => void {
  const upsert = (table: RollupTable) =>
    db.prepare(`INSERT INTO ${table}
      (target_id, bucket, count, failures, value_count, value_sum, value_min, value_max)
      VALUES (@targetId, @bucket, @count, @failures, @valueCount, @valueSum, @valueMin, @valueMax)
      ON CONFLICT (target_id, bucket) DO UPDATE SET
        count = count + excluded.count,
        failures = failures + excluded.failures,
        value_count = value_count + excluded.value_count,
        value_sum = value_sum + excluded.value_sum,
        value_min = min(coalesce(value_min, excluded.value_min), coalesce(excluded.value_min, value_min)),
        value_max = max(coalesce(value_max, excluded.value_max), coalesce(excluded.value_max, value_max))`);
  const minute = upsert('rollup_minute');
  const hour = upsert('rollup_hour');
  return (samples) => {
    for (const b of foldSamples(samples, MINUTE_MS)) minute.run(b);
    for (const b of foldSamples(samples, HOUR_MS)) hour.run(b);
  };
}

export interface TargetTotals {
  targetId: string;
  count: number;
  failures: number;
  valueCount: number;
  valueSum: number;
  valueMin: number | null;
  valueMax: number | null;
}

export interface SeriesPoint {
  targetId: string;
  bucket: number;
  count: number;
  failures: number;
  avg: number | null;
}

/** Read side of the rollups: every query touches rollup rows only, never raw samples. */
export class RollupReader {
  readonly #totals;
  readonly #series;
  readonly #hourTotals;

  constructor(db: Db) {
    const totals = (table: RollupTable) =>
      db.prepare(`SELECT target_id AS targetId, sum(count) AS count, sum(failures) AS failures,
          sum(value_count) AS valueCount, sum(value_sum) AS valueSum,
          min(value_min) AS valueMin, max(value_max) AS valueMax
        FROM ${table} WHERE bucket >= ? AND bucket < ? GROUP BY target_id`);
    this.#totals = totals('rollup_minute');
    this.#hourTotals = totals('rollup_hour');
    this.#series = db.prepare(`SELECT target_id AS targetId, bucket, count, failures,
        CASE WHEN value_count > 0 THEN value_sum / value_count END AS avg
      FROM rollup_minute WHERE bucket >= ? AND bucket < ? ORDER BY bucket`);
  }

  /**
   * Totals per target over [from, to), in whole minutes. Whole hours come from the hourly table and the ragged
   * edges from the minute table, so 24 h for a thousand targets reads ~26 k rows, not 1.4 M.
   */
  totals(fromMs: number, to: number): Map<string, TargetTotals> {
    // The minute holding `fromMs` is counted whole: a window reads whole minutes, never less.
    const from = Math.floor(fromMs / MINUTE_MS) * MINUTE_MS;
    const out = new Map<string, TargetTotals>();
    const firstHour = Math.ceil(from / HOUR_MS) * HOUR_MS;
    const lastHour = Math.floor(to / HOUR_MS) * HOUR_MS;
    const parts: Array<[RollupTotalsQuery, number, number]> =
      firstHour < lastHour
        ? [
            [this.#totals, from, firstHour],
            [this.#hourTotals, firstHour, lastHour],
            [this.#totals, lastHour, to],
          ]
        : [[this.#totals, from, to]];
    for (const [query, a, b] of parts) {
      if (a >= b) continue;
      for (const row of query.all(a, b) as TargetTotals[]) merge(out, row);
    }
    return out;
  }

  /** Per-minute points of every target over [from, to), oldest first (charts). */
  series(from: number, to: number): SeriesPoint[] {
    return this.#series.all(from, to) as SeriesPoint[];
  }
}

type RollupTotalsQuery = { all(from: number, to: number): unknown[] };

function merge(out: Map<string, TargetTotals>, row: TargetTotals): void {
  const have = out.get(row.targetId);
  if (!have) {
    out.set(row.targetId, { ...row });
    return;
  }
  have.count += row.count;
  have.failures += row.failures;
  have.valueCount += row.valueCount;
  have.valueSum += row.valueSum;
  have.valueMin = minOf(have.valueMin, row.valueMin);
  have.valueMax = maxOf(have.valueMax, row.valueMax);
}

const minOf = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.min(a, b);
const maxOf = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.max(a, b);
