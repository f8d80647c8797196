import type { Db } from './db.js';
import { rollupWriter } from './rollups.js';

export interface Sample {
  targetId: string;
  at: number;
  ok: boolean;
  value?: number | undefined;
  reason?: string | undefined;
}

/**
 * Buffers samples and writes them in one transaction per flush: a thousand targets on a one
 * second interval cost one commit every few seconds, not a thousand a second. The per-minute
 * and per-hour rollups are updated in the same transaction, folded per target and bucket, so
 * they never disagree with the samples. A crash loses at most one flush of samples; alert
 * state does not depend on them (it commits with each transition).
 */
export class SampleWriter {
  readonly #db: Db;
  readonly #buffer: Sample[] = [];
  readonly #insertMany: (samples: Sample[]) => void;
  readonly #maxBuffer: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(db: Db, options: { flushMs?: number; maxBuffer?: number } = {}) {
    this.#db = db;
    this.#maxBuffer = options.maxBuffer ?? 20_000;
    const insert = db.prepare(
      'INSERT INTO samples (target_id, at, ok, value, reason) VALUES (?, ?, ?, ?, ?)',
    );
    const rollup = rollupWriter(db);
    this.#insertMany = db.transaction((samples: Sample[]) => {
      for (const s of samples)
        insert.run(s.targetId, s.at, s.ok ? 1 : 0, s.value ?? null, s.reason ?? null);
      rollup(samples);
    });
    this.#timer = setInterval(() => this.flush(), options.flushMs ?? 5000);
    this.#timer.unref();
  }

  add(sample: Sample): void {
    this.#buffer.push(sample);
    if (this.#buffer.length >= this.#maxBuffer) this.flush();
  }

  flush(): void {
    if (this.#buffer.length === 0 || !this.#db.open) return;
    this.#insertMany(this.#buffer.splice(0));
  }

  close(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.flush();
  }
}

export interface StoredSample {
  at: number;
  ok: boolean;
  value: number | null;
  reason: string | null;
}

/** The newest `limit` samples of a target, oldest first: refills a rolling window at start. */
export function recentSamples(db: Db, targetId: string, limit: number): StoredSample[] {
  const rows = db
    .prepare(
      'SELECT at, ok, value, reason FROM samples WHERE target_id = ? ORDER BY at DESC LIMIT ?',
    )
    .all(targetId, limit) as Array<{
    at: number;
    ok: number;
    value: number | null;
    reason: string | null;
  }>;
  return rows
    .reverse()
    .map((r) => ({ at: r.at, ok: r.ok === 1, value: r.value, reason: r.reason }));
}
