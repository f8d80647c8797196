import { describe, expect, it } from 'vitest';
import { CENSUS_SHARE_OUTSIDE_BA } from '../../src/reports/adoption.js';
import { docToMarkdown } from '../../src/reports/markdown.js';
import { marketReport } from '../../src/reports/market.js';
import { readinessReport } from '../../src/reports/readiness.js';
import { createReportService, infraTargets } from '../../src/reports/service.js';
import { addMonitorHistory, fixtureConfig, fixtureDb, NOW } from './fixture.js';

const window = { from: NOW - 86_400_000, to: NOW };
const fixedClock = { now: () => NOW, monotonic: () => 0 };

describe('cultural adoption score on the fixture', () => {
  it('matches the hand calculation factor by factor', () => {
    const { db } = fixtureDb();
    const { adoption } = marketReport(db, { window }, 2);
    const byId = Object.fromEntries(adoption.factors.map((f) => [f.id, f]));
    // whatsapp 3/4, mobile 3/4, MercadoPago 2/5, Spanish 3/4, outside BA 2/4, referred 1/4
    expect(byId.whatsapp).toMatchObject({ score: 75, contribution: 18.8 });
    expect(byId.mobile).toMatchObject({ score: 75, contribution: 15 });
    expect(byId.mercadopago).toMatchObject({ score: 40, contribution: 8 });
    expect(byId.spanish).toMatchObject({ score: 75, contribution: 11.3 });
    expect(byId.regional?.ratio).toMatchObject({ part: 2, total: 4 });
    expect(CENSUS_SHARE_OUTSIDE_BA).toBeCloseTo(25_355_038 / 46_044_703, 12);
    expect(byId.regional).toMatchObject({ score: 90.8, contribution: 9.1 });
    expect(byId.referral).toMatchObject({ score: 25, contribution: 2.5 });
    // 18.75 + 15 + 8 + 11.25 + 9.08 + 2.5 = 64.58
    expect(adoption.score).toBe(64.6);
    db.close();
  });

  it('says not enough data below the minimum sample', () => {
    const { db } = fixtureDb();
    const { adoption } = marketReport(db, { window }, 5);
    expect(adoption.score).toBeNull();
    expect(adoption.factors.find((f) => f.id === 'mercadopago')?.score).toBe(40);
    expect(adoption.factors.find((f) => f.id === 'whatsapp')?.score).toBeNull();
    db.close();
  });
});

describe('market report on the fixture', () => {
  it('computes payment, device, regional and conversion figures', () => {
    const { db } = fixtureDb();
    const r = marketReport(db, { window }, 2);
    expect(r.payments.total).toBe(5);
    expect(r.payments.installments.value).toBe(2 / 5);
    expect(r.payments.debitVsCredit.value).toBe(1 / 2);
    expect(r.payments.cash.value).toBe(1 / 5);
    expect(r.payments.success.value).toBe(4 / 5);
    expect(r.devices.mobile.value).toBe(3 / 4);
    expect(r.devices.android.value).toBe(2 / 3);
    expect(r.devices.ios.value).toBe(1 / 3);
    expect(r.buenosAires.value).toBe(2 / 4);
    const cordoba = r.provinces.find((p) => p.code === 'AR-X');
    expect(cordoba?.per100k).toBeCloseTo((1 / 3_978_984) * 100_000, 10);
    expect(r.sharing.find((c) => c.channel === 'whatsapp')).toMatchObject({
      shares: 3,
      signups: 1,
      conversion: 1 / 3,
    });
    expect(r.referrals).toEqual({ invitations: 2, referredSignups: 1, conversion: 1 / 2 });
    db.close();
  });

  it('filters by province and by window', () => {
    const { db } = fixtureDb();
    const cordoba = marketReport(db, { window, province: 'AR-X' }, 1);
    expect(cordoba.signups).toBe(1);
    // u3's later events carry no region: they count through the user's known province.
    expect(cordoba.payments.total).toBe(1);
    expect(cordoba.provinces.map((p) => p.code)).toEqual(['AR-X']);
    const before = marketReport(db, { window: { from: 0, to: NOW - 2 * 3_600_000 } }, 1);
    expect(before.events).toBe(0);
    db.close();
  });
});

describe('readiness report on the fixture', () => {
  const config = fixtureConfig();

  it('matches the hand calculation without an incidents table', () => {
    const { db } = fixtureDb({ incidents: false });
    addMonitorHistory(db);
    const r = readinessReport({
      db,
      now: NOW,
      reports: config.reports,
      targets: infraTargets(config),
    });
    const infra = Object.fromEntries(r.infrastructure.components.map((c) => [c.id, c]));
    expect(infra.uptime).toMatchObject({ value: 0.75, score: 0 });
    expect(infra.latency).toMatchObject({ value: 50, score: 75.1 });
    expect(infra.errors).toMatchObject({ value: 1 / 40, score: 50 });
    expect(infra.response).toMatchObject({ score: null });
    expect(infra.recovery).toMatchObject({ value: 1, score: 100 });
    expect(infra.open).toMatchObject({ value: 0, score: 100 });
    // (0.3·0 + 0.25·75.1 + 0.15·50 + 0.1·100 + 0.05·100) / 0.85 = 48.56
    expect(r.infrastructure.score).toBe(48.6);
    // 0.4·64.6 + 0.3·100 (no earlier sign-ups) + 0.3·0 (80 % approved) = 55.84
    expect(r.market.score).toBe(55.8);
    expect(r.template.score).toBe(75);
    expect(r.decisions.map((d) => [d.id, d.go])).toEqual([
      ['scale-1000', false],
      ['psychology-vertical', false],
      ['cordoba-rosario', true],
    ]);
    const psychology = r.decisions[1]?.conditions;
    expect(psychology).toEqual([
      { metric: 'template', min: 70, actual: 75, met: true },
      { metric: 'infrastructure', min: 70, actual: 48.6, met: false },
    ]);
    db.close();
  });

  it('uses acknowledgement times when the incidents table exists', () => {
    const { db } = fixtureDb();
    addMonitorHistory(db);
    const add = db.prepare(`INSERT INTO incidents
      (kind, target_id, title, severity, status, channel_key, opened_at, acknowledged_at,
        resolved_at)
      VALUES ('http/probe_slow', 'api', 'API', 'critical', 'resolved', 'alerts', ?, ?, ?)`);
    add.run(NOW - 30 * 60_000, NOW - 25 * 60_000, NOW - 20 * 60_000);
    add.run(NOW - 60 * 60_000, NOW - 30 * 60_000, NOW - 50 * 60_000);
    const r = readinessReport({
      db,
      now: NOW,
      reports: config.reports,
      targets: infraTargets(config),
    });
    expect(r.infrastructure.components.find((c) => c.id === 'response')).toMatchObject({
      value: 0.5,
      sample: 2,
      score: 50,
    });
    // 41.275 + 0.15·50 = 48.775
    expect(r.infrastructure.score).toBe(48.8);
    db.close();
  });
});

describe('one computation, several renderers', () => {
  it('puts the same score in the chat doc, the Markdown and the JSON', () => {
    const { db } = fixtureDb({ incidents: false });
    addMonitorHistory(db);
    const service = createReportService({ db, config: fixtureConfig(), clock: fixedClock });
    const doc = service.marketDoc('en', { windowMs: 86_400_000 }, { chart: false });
    expect(doc.text).toContain('64.6/100');
    expect(docToMarkdown(doc)).toContain('**Cultural adoption score: 64.6/100**');
    expect(service.market({ windowMs: 86_400_000 }).adoption.score).toBe(64.6);
    const readiness = service.readinessDoc('es-AR', { chart: false });
    expect(readiness.text).toContain('infraestructura 48,6/100');
    expect(service.readinessHeadline('en')).toContain('infrastructure 48.6/100');
    db.close();
  });

  it('renders a PNG chart and attaches it as an image block', () => {
    const { db } = fixtureDb();
    const service = createReportService({ db, config: fixtureConfig(), clock: fixedClock });
    const doc = service.marketDoc('es-AR', { province: 'AR-X' });
    const image = doc.blocks.find((b) => b.type === 'image');
    expect(image?.type === 'image' && image.path.endsWith('.png')).toBe(true);
    db.close();
  });
});
