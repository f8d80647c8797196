import { afterEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/store/db.js';
import { pruneOldRows } from '../../src/store/retention.js';
import { foldSamples, HOUR_MS, MINUTE_MS, RollupReader } from '../../src/store/rollups.js';
import { SampleWriter } from '../../src/store/samples.js';

const T0 = Date.UTC(2026, 2, 2, 10, 0, 0);

describe('rollups', () => {
  let db: Db;
  let writer: SampleWriter;
  afterEach(() => {
    writer?.close();
    db?.close();
  });

  function open(): void {
    db = openDatabase({ path: ':memory:' });
    writer = new SampleWriter(db, { flushMs: 60_000 });
  }

  it('folds samples per target and minute, values only where present', () => {
    const buckets = foldSamples(
      [
        { targetId: 'a', at: T0 + 1_000, ok: true, value: 10 },
        { targetId: 'a', at: T0 + 2_000, ok: false },
        { targetId: 'a', at: T0 + 3_000, ok: true, value: 30 },
        { targetId: 'a', at: T0 + MINUTE_MS, ok: true, value: 5 },
      ],
      MINUTE_MS,
    );
    expect(buckets).toEqual([
      {
        targetId: 'a',
        bucket: T0,
        count: 3,
        failures: 1,
        valueCount: 2,
        valueSum: 40,
        valueMin: 10,
        valueMax: 30,
      },
      {
        targetId: 'a',
        bucket: T0 + MINUTE_MS,
        count: 1,
        failures: 0,
        valueCount: 1,
        valueSum: 5,
        valueMin: 5,
        valueMax: 5,
      },
    ]);
  });

  it('keeps rollups equal to the raw samples across flushes and hour edges', () => {
    open();
    // Three hours at 30 s for two targets, flushed in uneven slices.
    for (let at = T0; at < T0 + 3 * HOUR_MS; at += 30_000) {
      writer.add({ targetId: 'a', at, ok: at % 7 !== 0, value: (at / 1000) % 50 });
      writer.add({ targetId: 'b', at, ok: true, value: 1 });
      if (at % 370_000 === 0) writer.flush();
    }
    writer.flush();
    const reader = new RollupReader(db);
    const cases: Array<[number, number]> = [
      [T0, T0 + 3 * HOUR_MS],
      [T0 + 17 * MINUTE_MS, T0 + 2 * HOUR_MS + 11 * MINUTE_MS],
      [T0 + 5 * MINUTE_MS, T0 + 50 * MINUTE_MS],
    ];
    for (const [from, to] of cases) {
      const raw = db
        .prepare(`SELECT target_id AS id, count(*) AS count, sum(ok = 0) AS failures,
          sum(value) AS sum, min(value) AS min, max(value) AS max
          FROM samples WHERE at >= ? AND at < ? GROUP BY target_id`)
        .all(from, to) as Array<{ id: string; count: number; failures: number; sum: number }>;
      const totals = reader.totals(from, to);
      for (const r of raw) {
        const t = totals.get(r.id);
        expect(t?.count).toBe(r.count);
        expect(t?.failures).toBe(r.failures);
        expect(t?.valueSum).toBeCloseTo(r.sum, 6);
      }
    }
  });

  it('serves per-minute series for charts', () => {
    open();
    writer.add({ targetId: 'a', at: T0 + 1_000, ok: true, value: 10 });
    writer.add({ targetId: 'a', at: T0 + 2_000, ok: true, value: 20 });
    writer.add({ targetId: 'a', at: T0 + MINUTE_MS, ok: false });
    writer.flush();
    expect(new RollupReader(db).series(T0, T0 + HOUR_MS)).toEqual([
      { targetId: 'a', bucket: T0, count: 2, failures: 0, avg: 15 },
      { targetId: 'a', bucket: T0 + MINUTE_MS, count: 1, failures: 1, avg: null },
    ]);
  });

  it('prunes each table by its own retention, in batches', () => {
    open();
    const day = 86_400_000;
    for (let d = 0; d < 10; d += 1) {
      for (let i = 0; i < 30; i += 1)
        writer.add({ targetId: 'a', at: T0 + d * day + i * MINUTE_MS, ok: true });
    }
    writer.flush();
    const now = T0 + 10 * day;
    const counts = pruneOldRows(
      db,
      { samples: 3 * day, minuteRollups: 5 * day, hourRollups: 8 * day, every: HOUR_MS },
      now,
      7,
    );
    expect(counts).toEqual({ samples: 7 * 30, minuteRollups: 5 * 30, hourRollups: 2 * 1 });
    const left = (sql: string) => db.prepare(sql).pluck().get();
    expect(left('SELECT count(*) FROM samples')).toBe(3 * 30);
    expect(left('SELECT count(*) FROM rollup_minute')).toBe(5 * 30);
    expect(left('SELECT count(*) FROM rollup_hour')).toBe(8);
  });
});
