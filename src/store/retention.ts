import type { RetentionConfig } from '../config/summaries.js';
import type { Db } from './db.js';

export interface PruneCounts {
  samples: number;
  minuteRollups: number;
  hourRollups: number;
}

/**
 * Deletes rows older than the retention policy, in batches so a large backlog never holds
 * the write lock for long (monitors keep writing meanwhile).
 */
export function pruneOldRows(
  db: Db,
  policy: RetentionConfig,
  now: number,
  batch = 20_000,
): PruneCounts {
  const run = (sql: string, before: number) => {
    const stmt = db.prepare(sql);
    let total = 0;
    for (;;) {
      const changes = stmt.run(before, batch).changes;
      total += changes;
      if (changes < batch) return total;
    }
  };
  return {
    samples: run(
      'DELETE FROM samples WHERE rowid IN (SELECT rowid FROM samples WHERE at < ? LIMIT ?)',
      now - policy.samples,
    ),
    minuteRollups: run(
      `DELETE FROM rollup_minute WHERE (target_id, bucket) IN
        (SELECT target_id, bucket FROM rollup_minute WHERE bucket < ? LIMIT ?)`,
      now - policy.minuteRollups,
    ),
    hourRollups: run(
      `DELETE FROM rollup_hour WHERE (target_id, bucket) IN
        (SELECT target_id, bucket FROM rollup_hour WHERE bucket < ? LIMIT ?)`,
      now - policy.hourRollups,
    ),
  };
}
