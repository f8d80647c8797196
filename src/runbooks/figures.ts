import type { Db } from '../store/db.js';

export interface SampleFigures {
  count: number;
  failures: number;
  /** Mean of the measured values (ms, ratio), or undefined with none. */
  avg: number | undefined;
}

/** Checks recorded for a target in [from, to): how many, how many failed, their mean value. */
export function sampleFigures(db: Db, targetId: string, from: number, to: number): SampleFigures {
  const row = db
    .prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(1 - ok), 0) AS failures, AVG(value) AS avg
      FROM samples WHERE target_id = ? AND at >= ? AND at < ?`)
    .get(targetId, from, to) as { n: number; failures: number; avg: number | null };
  return { count: row.n, failures: row.failures, avg: row.avg ?? undefined };
}
