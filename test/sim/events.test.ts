import { describe, expect, it } from 'vitest';
import { EventStore } from '../../src/analytics/ingest.js';
import type { EventMix } from '../../src/config/reports.js';
import type { FactorId } from '../../src/reports/adoption.js';
import { marketReport } from '../../src/reports/market.js';
import { createEventStream } from '../../src/sim/events.js';
import { openDatabase } from '../../src/store/db.js';

const NOW = Date.UTC(2025, 2, 1);

function factors(mix: Partial<EventMix>) {
  const db = openDatabase({ path: ':memory:' });
  const store = new EventStore(db);
  const events = createEventStream({ seed: 7, mix, runId: 't' }).next(6000, NOW, 3_600_000);
  const report = store.ingestRecords(events.map((value, i) => ({ line: i + 1, value })));
  expect(report.rejected).toEqual([]);
  const market = marketReport(db, { window: { from: NOW - 86_400_000, to: NOW } }, 30);
  db.close();
  return {
    market,
    score: (id: FactorId) => market.adoption.factors.find((f) => f.id === id)?.score ?? NaN,
  };
}

describe('simulated event stream', () => {
  it('is realistic by default: mostly mobile, Android, MercadoPago, Spanish, census-weighted', () => {
    const { market } = factors({});
    expect(market.devices.mobile.value).toBeGreaterThan(0.7);
    expect(market.devices.android.value).toBeGreaterThan(0.6);
    const top = [...market.payments.methods].sort((a, b) => b.ratio.part - a.ratio.part)[0];
    expect(top?.method).toBe('mercadopago');
    expect(market.provinces[0]?.code).toBe('AR-B');
    expect(market.adoption.score).not.toBeNull();
  });

  it('replays the same events for the same seed', () => {
    const a = createEventStream({ seed: 3, runId: 'r' }).next(50, NOW);
    const b = createEventStream({ seed: 3, runId: 'r' }).next(50, NOW);
    expect(a).toEqual(b);
  });

  it.each<[keyof EventMix, number, number, FactorId]>([
    ['whatsappShare', 0.3, 0.9, 'whatsapp'],
    ['mobileShare', 0.4, 0.95, 'mobile'],
    ['mercadopagoShare', 0.3, 0.9, 'mercadopago'],
    ['spanishShare', 0.5, 0.99, 'spanish'],
    ['referralShare', 0.05, 0.5, 'referral'],
  ])('raising %s from %s to %s raises the %s factor', (knob, low, high, factor) => {
    const before = factors({ [knob]: low });
    const after = factors({ [knob]: high });
    expect(after.score(factor)).toBeGreaterThan(before.score(factor) + 10);
  });

  it('boosting Buenos Aires lowers the regional factor', () => {
    const boost = { 'AR-B': 3, 'AR-C': 3 };
    expect(factors({ regionBoost: boost }).score('regional')).toBeLessThan(
      factors({}).score('regional') - 10,
    );
  });
});
