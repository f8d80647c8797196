import { describe, expect, it } from 'vitest';
import { EventStore } from '../../src/analytics/ingest.js';
import { openDatabase } from '../../src/store/db.js';

const ok = (id: string) => ({
  id,
  type: 'share',
  at: 1_740_000_000_000,
  userId: 'u1',
  channel: 'whatsapp',
});

function setup() {
  const db = openDatabase({ path: ':memory:' });
  return { db, store: new EventStore(db) };
}

const count = (db: ReturnType<typeof openDatabase>) =>
  db.prepare('SELECT COUNT(*) FROM analytics_events').pluck().get();
const rolled = (db: ReturnType<typeof openDatabase>) =>
  db.prepare('SELECT SUM(n) FROM analytics_rollup').pluck().get();

describe('EventStore', () => {
  it('rejects a malformed batch row by row and keeps every valid row', () => {
    const { db, store } = setup();
    const ndjson = [
      JSON.stringify(ok('a')),
      '{"id":"b","type":"share","at":1740000000000,"userId":"u1","channel":"telegram"}',
      '{broken',
      '',
      JSON.stringify({ ...ok('c'), type: 'payment', method: 'mercadopago', installments: 0 }),
      JSON.stringify({ ...ok('d'), type: 'region', region: 'AR-ZZ', channel: undefined }),
      JSON.stringify(ok('e')),
    ].join('\n');
    const report = store.ingestText(ndjson, 'ndjson');
    expect(report).toMatchObject({ received: 6, accepted: 2, duplicates: 0 });
    expect(report.rejected.map((r) => r.line)).toEqual([2, 3, 5, 6]);
    expect(report.rejected[0]?.reason).toMatch(/^channel: /);
    expect(report.rejected[1]?.reason).toMatch(/not valid JSON/);
    expect(report.rejected[2]?.reason).toMatch(/installments/);
    expect(report.rejected[3]?.reason).toMatch(/ISO 3166-2:AR/);
    expect(count(db)).toBe(2);
    db.close();
  });

  it('does not count a retried batch twice', () => {
    const { db, store } = setup();
    const batch = JSON.stringify([ok('a'), ok('b'), ok('b')]);
    expect(store.ingestText(batch)).toMatchObject({ accepted: 2, duplicates: 1 });
    expect(store.ingestText(batch)).toMatchObject({ accepted: 0, duplicates: 3 });
    expect(count(db)).toBe(2);
    expect(rolled(db)).toBe(2);
    db.close();
  });

  it.each([
    ['a JSON object instead of an array', '{"id":"a"}', /expected a JSON array/],
    ['broken JSON', '[{"id":', /not valid JSON/],
  ])('reports %s on line 1', (_name, text, reason) => {
    const { db, store } = setup();
    const report = store.ingestText(text, 'json');
    expect(report.rejected).toEqual([{ line: 1, reason: expect.stringMatching(reason) }]);
    db.close();
  });

  it('imports CSV with numbers and ISO times, naming the file line of each problem', () => {
    const { db, store } = setup();
    const csv = [
      'id,type,at,userId,region,method,installments,channel',
      'p1,payment,2025-03-01T10:00:00-03:00,u1,AR-X,credit,6,',
      'p2,payment,1740000000000,u2,,bitcoin,1,',
      's1,share,1740000000000,u2,,,,instagram',
    ].join('\n');
    const report = store.ingestText(csv, 'csv');
    expect(report).toMatchObject({ received: 3, accepted: 2 });
    expect(report.rejected).toEqual([{ line: 3, reason: expect.stringMatching(/^method: /) }]);
    const row = db.prepare("SELECT at, region FROM analytics_events WHERE id = 'p1'").get();
    expect(row).toEqual({ at: Date.parse('2025-03-01T13:00:00Z'), region: 'AR-X' });
    db.close();
  });

  it('judges every CSV row on its own: bad values and broken quoting cost only their row', () => {
    const { db, store } = setup();
    const csv = [
      'id,type,at,userId,channel',
      's1,share,1740000000000,u1,whatsapp',
      's2,share,yesterday,u2,whatsapp',
      's3,share,1740000000000,u3,fax',
      '"s4,share,1740000000000,u4,instagram',
      '',
    ].join('\n');
    const report = store.ingestText(csv, 'csv');
    expect(report).toMatchObject({ received: 4, accepted: 1 });
    expect(report.rejected.map((r) => r.line)).toEqual([3, 4, 5]);
    expect(report.rejected[0]?.reason).toMatch(/^at: /);
    expect(report.rejected[1]?.reason).toMatch(/^channel: /);
    expect(report.rejected[2]?.reason).toMatch(/not valid CSV: Quote Not Closed/);
    expect(count(db)).toBe(1);
    db.close();
  });

  it('resumes after a broken CSV record and keeps the file line of every later row', () => {
    const { db, store } = setup();
    const csv = [
      'id,type,at,userId,channel',
      's1,share,1740000000000,u1',
      '"s2,share,1740000000000,u2,whatsapp',
      's3,share,1740000000000,u3,"insta"gram',
      '',
      's4,share,1740000000000,"u4',
      'multi",instagram',
      's5,share,1740000000000,u5,whatsapp',
    ].join('\r\n');
    const report = store.ingestText(csv, 'csv');
    expect(report.rejected).toEqual([
      { line: 2, reason: expect.stringMatching(/Invalid Record Length/) },
      { line: 3, reason: expect.stringMatching(/Invalid Closing Quote/) },
      { line: 4, reason: expect.stringMatching(/Invalid Closing Quote/) },
    ]);
    expect(report).toMatchObject({ received: 5, accepted: 2 });
    const users = db.prepare('SELECT user_id FROM analytics_events ORDER BY id').pluck().all();
    expect(users).toEqual(['u4\r\nmulti', 'u5']);
    db.close();
  });

  it.each([
    ['more than a day ahead of the clock', 9_999_999_999_999, /more than a day in the future/],
    ['before 2020 (seconds, not milliseconds)', 1_740_000_000, /before 2020-01-01/],
  ])('rejects an event time %s', (_name, at, reason) => {
    const db = openDatabase({ path: ':memory:' });
    const store = new EventStore(db, { now: () => Date.UTC(2025, 2, 1) });
    const report = store.ingestText(JSON.stringify([ok('a'), { ...ok('b'), at }]), 'json');
    expect(report.accepted).toBe(1);
    expect(report.rejected).toEqual([{ line: 2, reason: expect.stringMatching(reason) }]);
    db.close();
  });

  it('accepts an event stamped a little ahead of the clock (host clock skew)', () => {
    const db = openDatabase({ path: ':memory:' });
    const now = Date.UTC(2025, 2, 1);
    const store = new EventStore(db, { now: () => now });
    const report = store.ingestText(JSON.stringify([{ ...ok('a'), at: now + 3_600_000 }]), 'json');
    expect(report).toMatchObject({ accepted: 1, rejected: [] });
    db.close();
  });
});
