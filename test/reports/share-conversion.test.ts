import { describe, expect, it } from 'vitest';
import { EventStore } from '../../src/analytics/ingest.js';
import { marketReport } from '../../src/reports/market.js';
import { createEventStream } from '../../src/sim/events.js';
import { openDatabase } from '../../src/store/db.js';
import { NOW } from './fixture.js';

const HOUR = 3_600_000;
const window = { from: NOW - 7 * 24 * HOUR, to: NOW };

/** Córdoba sharers and sign-ups that name instagram in every way that used to count. */
function events() {
  let n = 0;
  const ev = (type: string, at: number, userId: string, fields: Record<string, unknown>) => ({
    id: `c${++n}`,
    type,
    at,
    userId,
    ...fields,
  });
  return [
    ev('region', NOW - 30 * 24 * HOUR, 'a', { region: 'AR-X' }),
    ev('region', NOW - 30 * 24 * HOUR, 'b', { region: 'AR-X' }),
    ev('region', NOW - 30 * 24 * HOUR, 'c', { region: 'AR-B' }),
    // Two shares in the window by Córdoba users.
    ev('share', NOW - 5 * HOUR, 'a', { channel: 'instagram' }),
    ev('share', NOW - 4 * HOUR, 'b', { channel: 'instagram' }),
    // A share before the window, and one by a Buenos Aires user.
    ev('share', NOW - 10 * 24 * HOUR, 'a', { channel: 'instagram' }),
    ev('share', NOW - 3 * HOUR, 'c', { channel: 'instagram' }),
    // Credited: two sign-ups from a's share (one share converted), one from b's.
    ...['n1', 'n2'].map((u) =>
      ev('signup', NOW - 2 * HOUR, u, { region: 'AR-X', source: 'instagram', referrerId: 'a' }),
    ),
    ev('signup', NOW - 2 * HOUR, 'n3', { region: 'AR-X', source: 'instagram', referrerId: 'b' }),
    // Not credited: naming nobody, a sharer outside the filter, a share after the sign-up.
    ...['n4', 'n5', 'n6'].map((u) =>
      ev('signup', NOW - HOUR, u, { region: 'AR-X', source: 'instagram' }),
    ),
    ev('signup', NOW - HOUR, 'n7', { region: 'AR-X', source: 'instagram', referrerId: 'c' }),
    ev('signup', NOW - 6 * HOUR, 'n8', { region: 'AR-X', source: 'instagram', referrerId: 'b' }),
  ];
}

describe('sharing conversion', () => {
  it('counts shares of the window and filter that a sign-up was credited to', () => {
    const db = openDatabase({ path: ':memory:' });
    const store = new EventStore(db, { now: () => NOW });
    expect(
      store.ingestRecords(events().map((value, i) => ({ line: i + 1, value }))).rejected,
    ).toEqual([]);
    const cordoba = marketReport(db, { window, province: 'AR-X' }, 1);
    const instagram = cordoba.sharing.find((c) => c.channel === 'instagram');
    // 8 sign-ups name instagram against 2 shares: the old figure was 8/2 (400 %).
    expect(instagram).toEqual({
      channel: 'instagram',
      shares: 2,
      signups: 8,
      converted: 2,
      conversion: 1,
    });
    const all = marketReport(db, { window }, 1).sharing.find((c) => c.channel === 'instagram');
    expect(all).toMatchObject({ shares: 3, converted: 3, conversion: 1 });
    db.close();
  });

  it('never credits more shares than were counted on the simulated stream', () => {
    const db = openDatabase({ path: ':memory:' });
    const stream = createEventStream({ seed: 3, runId: 's' });
    const store = new EventStore(db, { now: () => NOW });
    for (let day = 7; day >= 1; day--)
      store.ingestRecords(
        stream.next(800, NOW - (day - 1) * 24 * HOUR, 24 * HOUR).map((value, i) => ({
          line: i + 1,
          value,
        })),
      );
    for (const province of [undefined, 'AR-X', 'AR-C']) {
      const r = marketReport(db, { window, ...(province ? { province } : {}) }, 1);
      for (const c of r.sharing) expect(c.converted).toBeLessThanOrEqual(c.shares);
      const { conversion } = r.referrals;
      if (conversion !== null) expect(conversion).toBeLessThanOrEqual(1);
    }
    const all = marketReport(db, { window }, 1);
    expect(all.sharing.some((c) => c.converted > 0)).toBe(true);
    expect(all.referrals.conversion).toBeGreaterThan(0);
    db.close();
  });

  it('credits each referral invitation once, so referral conversion stays within 100 %', () => {
    const db = openDatabase({ path: ':memory:' });
    const store = new EventStore(db, { now: () => NOW });
    let n = 0;
    const ev = (type: string, at: number, userId: string, fields: Record<string, unknown>) => ({
      line: ++n,
      value: { id: `r${n}`, type, at, userId, ...fields },
    });
    store.ingestRecords([
      ev('referral', NOW - 10 * HOUR, 'a', { channel: 'whatsapp' }),
      // Three people say `a` invited them; one invitation was counted.
      ev('signup', NOW - 9 * HOUR, 'n1', { source: 'referral', referrerId: 'a' }),
      ev('signup', NOW - 8 * HOUR, 'n2', { source: 'referral', referrerId: 'a' }),
      ev('signup', NOW - 7 * HOUR, 'n3', { referrerId: 'a' }),
    ]);
    expect(marketReport(db, { window }, 1).referrals).toEqual({
      invitations: 1,
      referredSignups: 3,
      conversion: 1,
    });
    db.close();
  });
});
