import { describe, expect, it } from 'vitest';
import { readinessReport } from '../../src/reports/readiness.js';
import { readinessDoc } from '../../src/reports/readiness-doc.js';
import { infraTargets } from '../../src/reports/service.js';
import { fixtureConfig, fixtureDb, NOW } from './fixture.js';

const config = fixtureConfig();
const MIN = 60_000;

function report(samples: Array<[string, number, number]>, monitors = ['payments-success']) {
  const { db } = fixtureDb();
  const insert = db.prepare('INSERT INTO samples (target_id, at, ok, value) VALUES (?, ?, ?, ?)');
  for (const [id, at, value] of samples) insert.run(id, at, value >= 0.9 ? 1 : 0, value);
  const r = readinessReport({
    db,
    now: NOW,
    reports: config.reports,
    targets: infraTargets(config),
    paymentMonitors: monitors,
  });
  db.close();
  return {
    r,
    payment: r.market.components.find((c) => c.id.startsWith('payment')),
    metric: r.decisions[0]?.conditions.find((c) => c.metric === 'paymentSuccess')?.actual,
  };
}

describe('payment success in readiness', () => {
  it('labels the events figure when no payments monitor has data', () => {
    const { r, payment, metric } = report([]);
    expect(payment).toMatchObject({ id: 'paymentSuccess', value: 0.8, sample: 5 });
    expect(metric).toBe(80);
    const text = readinessDoc('es-AR', r, { timeZone: 'UTC' })
      .blocks.map((b) => ('text' in b ? b.text : ''))
      .join('\n');
    expect(text).toContain('pagos aprobados (eventos) 80');
  });

  it('takes a live payments outage from the rate monitor over the events', () => {
    const { r, payment, metric } = report([
      ['payments-success', NOW - 10 * MIN, 0.99],
      ['payments-success', NOW - MIN, 0.395],
      ['payments-mercadopago', NOW - MIN, 0.6],
      ['api', NOW - MIN, 0.1],
    ]);
    expect(payment).toMatchObject({ id: 'paymentLive', value: 0.395, sample: 2, score: 0 });
    expect(metric).toBe(39.5);
    const text = readinessDoc('en', r, { timeZone: 'UTC' })
      .blocks.map((b) => ('text' in b ? b.text : ''))
      .join('\n');
    expect(text).toContain('payment success (live monitor) 39.5');
  });

  it('keeps the events figure when the monitor reads higher', () => {
    const { payment } = report([['payments-success', NOW - MIN, 0.999]]);
    expect(payment).toMatchObject({ id: 'paymentSuccess', value: 0.8 });
  });
});

describe('recommendation reasons', () => {
  it.each([
    ['es-AR', 'infraestructura', 'pagos aprobados 80 % < 98 %', 'altas en Córdoba 25 % ≥ 5 %'],
    ['en', 'infrastructure', 'payment success 80% < 98%', 'sign-ups in Córdoba 25% ≥ 5%'],
  ] as const)('name every metric in %s', (locale, infra, payment, region) => {
    const { r } = report([]);
    const text = readinessDoc(locale, r, { timeZone: 'UTC' })
      .blocks.map((b) => ('text' in b ? b.text : ''))
      .join('\n');
    expect(text).toContain(infra);
    expect(text).toContain(payment);
    expect(text).toContain(region);
    expect(text).not.toMatch(/paymentSuccess|region:AR/);
  });
});
