import { describe, expect, it } from 'vitest';
import { EventStore, HOUR_MS } from '../../src/analytics/ingest.js';
import { Counts, readRollup } from '../../src/reports/rollup.js';
import { createEventStream } from '../../src/sim/events.js';
import { openDatabase } from '../../src/store/db.js';

const NOW = Date.UTC(2025, 2, 10, 15, 20);

describe('readRollup', () => {
  it.each([
    ['30 minutes', 30 * 60_000],
    ['a day', 86_400_000],
    ['five and a half days', 5.5 * 86_400_000],
  ])('agrees with counting raw events over %s', (_name, span) => {
    const db = openDatabase({ path: ':memory:' });
    const events = createEventStream({ seed: 5, runId: 'w' }).next(3000, NOW, 7 * 86_400_000);
    new EventStore(db).ingestRecords(events.map((value, i) => ({ line: i + 1, value })));
    const window = { from: NOW - span, to: NOW };
    const from = Math.floor(window.from / HOUR_MS) * HOUR_MS;
    const raw = db
      .prepare(
        "SELECT COUNT(*) FROM analytics_events WHERE type = 'payment' AND at >= ? AND at <= ?",
      )
      .pluck()
      .get(from, NOW);
    expect(new Counts(readRollup(db, window)).sum({ type: 'payment' })).toBe(raw);
    db.close();
  });
});
