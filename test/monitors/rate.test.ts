import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RateConfig, rateSchema } from '../../src/config/monitors.js';
import { RateMonitor } from '../../src/monitors/rate.js';
import { SharedFetch } from '../../src/monitors/shared-fetch.js';
import type { CheckDetail, TargetInfo } from '../../src/monitors/types.js';
import type { Simulator } from '../../src/sim/index.js';
import { type BodyServer, startBodyServer } from '../helpers/body-server.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { startTestSim } from '../sim/helpers.js';

const target: TargetInfo = {
  id: 'rate-payments',
  name: 'Payment success',
  kind: 'rate',
  intervalMs: 45_000,
  severity: 'critical',
  channelKey: 'alerts',
  unit: 'ratio',
  window: 50,
};

describe('RateMonitor', () => {
  let server: BodyServer;
  const http = new Agent();
  beforeAll(async () => {
    server = await startBodyServer();
  });
  afterAll(async () => {
    await server.close();
    await http.close();
  });

  function monitor(raw: Record<string, unknown>, minAttempts = 20, confidence = 0.95) {
    const clock = new FakeClock();
    const rate: RateConfig = rateSchema.parse({ id: 'x', url: server.url, below: '98%', ...raw });
    const m = new RateMonitor(
      target,
      { rate, windowMs: 300_000, minAttempts, confidence, timeoutMs: 2_000 },
      new SharedFetch(http, clock, 0),
      clock,
    );
    return { m, clock };
  }

  const json = (attempts: number, succeeded: number) => {
    server.reply.status = 200;
    server.reply.body = JSON.stringify({ payments: { attempts, succeeded } });
  };

  it('alerts with rate, window and attempts in the reason', async () => {
    const { m, clock } = monitor({
      from: 'json',
      attempts: 'payments.attempts',
      successes: 'payments.succeeded',
    });
    json(1000, 995);
    expect((await m.check()).detail?.insufficient).toBe(true);
    clock.advance(300_000);
    json(1412, 1329.6);
    const result = await m.check();
    expect(result).toMatchObject({ ok: false, code: 'RATE_LOW' });
    expect(result.value).toBeCloseTo(0.812, 3);
    expect(result.reason).toBe('success rate 81.2 % < 98 % (412 attempts in 5 min)');
    expect(result.detail).toMatchObject({ attempts: 412, windowMs: 300_000, threshold: 0.98 });
  });

  it('is ok and says "not enough data" below the minimum of attempts', async () => {
    const { m, clock } = monitor(
      { from: 'json', attempts: 'payments.attempts', successes: 'payments.succeeded' },
      20,
    );
    json(10, 10);
    await m.check();
    clock.advance(600_000);
    json(12, 11);
    const result = await m.check();
    expect(result).toMatchObject({
      ok: true,
      detail: { insufficient: true, because: 'fewAttempts', attempts: 2, windowMs: 600_000 },
    });
    expect(result.reason).toBe('not enough data (2 attempts in 10 min)');
  });

  it('takes a dip that this few attempts could show by chance as within noise, not a failure', async () => {
    const read = async (attempts: number, succeeded: number, confidence?: number) => {
      const { m, clock } = monitor(
        { from: 'json', attempts: 'payments.attempts', successes: 'payments.succeeded' },
        20,
        confidence,
      );
      json(0, 0);
      await m.check();
      clock.advance(300_000);
      json(attempts, succeeded);
      return m.check();
    };
    // 96.7 % of 120 against 98 %: a healthy 98 % stream shows this often enough.
    const small = await read(120, 116);
    expect(small).toMatchObject({
      ok: true,
      inconclusive: true,
      detail: { because: 'withinNoise', insufficient: true, attempts: 120, confidence: 0.95 },
    });
    expect(small.value).toBeCloseTo(0.9667, 4);
    expect(small.reason).toBe('success rate 96.7 % < 98 %, within noise (120 attempts in 5 min)');
    // The same ratio over ten times the attempts is a real drop.
    expect(await read(1200, 1160)).toMatchObject({ ok: false, code: 'RATE_LOW' });
    // Confidence 0 takes the ratio as read.
    expect(await read(120, 116, 0)).toMatchObject({ ok: false, code: 'RATE_LOW' });
  });

  it('judges the attempts since a given time apart from its window, unless the read failed', async () => {
    const { m, clock } = monitor({
      from: 'json',
      attempts: 'payments.attempts',
      successes: 'payments.succeeded',
    });
    json(0, 0);
    await m.check();
    clock.advance(120_000);
    json(1000, 800);
    await m.check();
    const fixedAt = clock.now();
    clock.advance(60_000);
    json(1500, 1300);
    expect(await m.check()).toMatchObject({ ok: false, code: 'RATE_LOW' });
    expect(m.judgeSince(fixedAt)).toMatchObject({
      ok: true,
      value: 1,
      detail: { attempts: 500, successes: 500, windowMs: 60_000 },
    });
    server.reply.status = 503;
    const failed = await m.check();
    expect(m.judgeSince(fixedAt)).toBe(failed);
    server.reply.status = 200;
  });

  it('reads Prometheus counters by label and survives a counter reset', async () => {
    const { m, clock } = monitor({
      from: 'prometheus',
      metric: 'shop_payments_total',
      labels: { method: 'cash' },
    });
    const prom = (ok: number, ko: number, other = 5) => {
      server.reply.body = [
        '# TYPE shop_payments_total counter',
        `shop_payments_total{method="cash",outcome="success"} ${ok}`,
        `shop_payments_total{method="cash",outcome="failure"} ${ko}`,
        `shop_payments_total{method="card",outcome="failure"} ${other}`,
        '',
      ].join('\n');
    };
    prom(500, 2);
    await m.check();
    clock.advance(30_000);
    prom(540, 2);
    await m.check();
    clock.advance(30_000);
    prom(30, 0, 900); // restart: cash counts from zero
    const result = await m.check();
    expect(result.ok).toBe(true);
    expect(result.detail).toMatchObject({ attempts: 70, successes: 70, resets: 2 });
  });

  const broken: Array<[string, Record<string, unknown>, string, CheckDetail, number?]> = [
    [
      'a missing JSON path',
      { from: 'json', attempts: 'nope.attempts', failures: 'x' },
      'nope.attempts is missing, not a number',
      { because: 'notNumber', path: 'nope.attempts', actual: undefined },
    ],
    [
      'an unknown metric',
      { from: 'prometheus', metric: 'absent_total' },
      'no metric absent_total in the exposition',
      { because: 'noMetric', metric: 'absent_total' },
    ],
    [
      'an error status',
      { from: 'json', attempts: 'a', successes: 'b' },
      'counters answered 503',
      { because: 'countersStatus', status: 503 },
      503,
    ],
  ];
  it.each(broken)('fails with a clear reason on %s', async (_name, raw, reason, facts, status) => {
    const { m } = monitor(raw);
    server.reply.status = status ?? 200;
    server.reply.body = '{"a":1}';
    const result = await m.check();
    expect(result.ok).toBe(false);
    expect(result.reason).toBe(reason);
    expect(result.detail).toEqual(facts);
    server.reply.status = 200;
  });
});

describe('RateMonitor against the simulator', () => {
  let sim: Simulator;
  const http = new Agent();
  beforeAll(async () => {
    sim = await startTestSim();
  });
  afterAll(async () => {
    await sim.close();
    await http.close();
  });

  it('sees the payment-failures fault in barberpro_payments_total', async () => {
    const clock = new FakeClock();
    const rate = rateSchema.parse({
      id: 'p',
      from: 'prometheus',
      url: `${sim.url}/metrics`,
      metric: 'barberpro_payments_total',
      below: 0.98,
    });
    const m = new RateMonitor(
      target,
      { rate, windowMs: 120_000, minAttempts: 50, confidence: 0.95, timeoutMs: 2_000 },
      new SharedFetch(http, clock, 0),
      clock,
    );
    sim.faults.inject('payment-failures');
    await m.check();
    await new Promise((resolve) => setTimeout(resolve, 400));
    clock.advance(60_000);
    const result = await m.check();
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/^success rate \d+\.\d % < 98 % \(\d+ attempts in 60 s\)$/);
  });
});
