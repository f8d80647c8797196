import { describe, expect, it } from 'vitest';
import { EventStore } from '../../src/analytics/ingest.js';
import { migrate, openDatabase } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 1, 12);

/** A row as a version before 0530 stored it: no referral credits. */
function raw(id: string, type: string, at: number, userId: string, extra = {}) {
  return { id, type, at, user_id: userId, region: 'AR-X', data: JSON.stringify({ ...extra }) };
}

describe('migration 0530: referral credits', () => {
  it('credits stored referred sign-ups to their referrer’s latest earlier invitation, once', () => {
    const db = openDatabase({
      path: ':memory:',
      migrations: MIGRATIONS.filter((m) => m.id < '0530'),
    });
    const insert = db.prepare(`INSERT INTO analytics_events (id, type, at, user_id, region, data)
      VALUES (@id, @type, @at, @user_id, @region, @data)`);
    for (const row of [
      raw('i1', 'referral', T0, 'ana'),
      raw('i2', 'referral', T0 + HOUR, 'ana'),
      raw('s1', 'signup', T0 + 2 * HOUR, 'n1', { source: 'referral', referrerId: 'ana' }),
      // The same latest invitation again: not credited twice.
      raw('s2', 'signup', T0 + 3 * HOUR, 'n2', { source: 'referral', referrerId: 'ana' }),
      // Before any invitation of bob: nothing to credit.
      raw('s3', 'signup', T0, 'n3', { source: 'organic', referrerId: 'bob' }),
      raw('i3', 'referral', T0 + HOUR, 'bob'),
      // From a share: credited to the share channel, never to an invitation.
      raw('s4', 'signup', T0 + 2 * HOUR, 'n4', { source: 'whatsapp', referrerId: 'bob' }),
    ]) {
      insert.run(row);
    }

    expect(migrate(db, MIGRATIONS)).toContain('0530-analytics-referral-credits');
    const credits = () =>
      db
        .prepare("SELECT share_id FROM analytics_share_credit WHERE channel = 'referral'")
        .pluck()
        .all();
    expect(credits()).toEqual(['i2']);

    // Ingestion goes on from the remembered latest invitation of each referrer.
    const store = new EventStore(db, { now: () => T0 + 4 * HOUR });
    const signup = (id: string, referrerId: string) => ({
      line: 1,
      value: { id, type: 'signup', at: T0 + 4 * HOUR, userId: id, source: 'referral', referrerId },
    });
    store.ingestRecords([signup('n5', 'bob')]);
    store.ingestRecords([signup('n6', 'ana')]);
    expect(credits().sort()).toEqual(['i2', 'i3']);
    expect(
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?")
        .get('analytics_events_type_user'),
    ).toBeUndefined();
  });
});
