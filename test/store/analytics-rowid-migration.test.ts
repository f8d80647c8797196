import { describe, expect, it } from 'vitest';
import { EventStore } from '../../src/analytics/ingest.js';
import { migrate, openDatabase } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations.js';

const AT = Date.UTC(2026, 10, 1, 12);
const session = (id: string) => ({
  id,
  type: 'session',
  at: AT,
  userId: 'u1',
  region: 'AR-X',
  device: 'mobile',
  os: 'android',
});
const records = (ids: string[]) => ids.map((id, i) => ({ line: i + 1, value: session(id) }));

describe('migration 0520: analytics events keyed by rowid', () => {
  it('keeps events stored before it, and still ignores a retried id', () => {
    const db = openDatabase({
      path: ':memory:',
      migrations: MIGRATIONS.filter((m) => m.id < '0520'),
    });
    const store = () => new EventStore(db, { now: () => AT });
    expect(store().ingestRecords(records(['e1', 'e2'])).accepted).toBe(2);

    expect(migrate(db, MIGRATIONS)).toContain('0520-analytics-events-rowid');
    expect(db.prepare('SELECT id FROM analytics_events ORDER BY id').pluck().all()).toEqual([
      'e1',
      'e2',
    ]);
    const report = store().ingestRecords(records(['e2', 'e3']));
    expect(report).toMatchObject({ accepted: 1, duplicates: 1, rejected: [] });
    expect(db.prepare('SELECT COUNT(*) FROM analytics_events').pluck().get()).toBe(3);
  });
});
