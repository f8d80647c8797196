import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BusinessCounters, Simulator } from '../../src/sim/index.js';
import { renderPrometheus } from '../../src/sim/prometheus.js';
import { admin, getJson, startTestSim, waitFor } from './helpers.js';

const METRIC_NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\["\\\\n])*"';
const VALUE = '(?:[+-]?(?:\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|Inf)|NaN)';
const LINE_SHAPES = [
  new RegExp(`^# HELP ${METRIC_NAME} .*$`),
  new RegExp(`^# TYPE ${METRIC_NAME} (?:counter|gauge|histogram|summary|untyped)$`),
  new RegExp(`^${METRIC_NAME}(?:\\{${LABEL}(?:,${LABEL})*\\})? ${VALUE}$`),
];

/** Checks each line's shape and that every sample follows a TYPE line for its family. */
function expectExposition(text: string): void {
  expect(text.endsWith('\n')).toBe(true);
  const typed = new Set<string>();
  for (const line of text.slice(0, -1).split('\n')) {
    expect(
      LINE_SHAPES.some((shape) => shape.test(line)),
      line,
    ).toBe(true);
    const type = /^# TYPE (\S+)/.exec(line);
    if (type?.[1]) typed.add(type[1]);
    if (!line.startsWith('#')) expect(typed.has(line.split(/[{ ]/)[0] ?? ''), line).toBe(true);
  }
}

const allCounts = (c: BusinessCounters): number[] => [
  c.bookings.attempts,
  c.bookings.succeeded,
  c.bookings.failed,
  c.payments.attempts,
  ...Object.values(c.payments.byMethod).flatMap((m) => [m.attempts, m.succeeded, m.failed]),
  c.registrations.attempts,
  ...Object.values(c.signup).flatMap((s) => [s.attempts, s.succeeded, s.failed]),
];

describe('business metrics', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startTestSim();
  });
  afterEach(() => sim.close());

  const counters = async () => (await getJson<BusinessCounters>(sim, '/metrics/business')).body;

  it('only grows its counters', async () => {
    let previous = allCounts(await counters());
    for (let i = 0; i < 5; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 30));
      const next = allCounts(await counters());
      expect(next.every((value, index) => value >= (previous[index] ?? 0))).toBe(true);
      previous = next;
    }
    expect(previous[0]).toBeGreaterThan(0);
  });

  it('starts every counter again from zero on a process restart', async () => {
    await waitFor(async () => ((await counters()).bookings.attempts > 20 ? true : undefined));
    const before = await counters();
    const { status, body } = await admin(sim, 'POST', '/admin/restart-process');
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, action: 'restart-process' });
    const after = await counters();
    expect(after.bookings.attempts).toBeLessThan(before.bookings.attempts);
    expect(Date.parse(after.startedAt)).toBeGreaterThanOrEqual(Date.parse(before.startedAt));
  });

  it('serves the counters in Prometheus exposition format', async () => {
    await waitFor(async () => ((await counters()).payments.attempts > 10 ? true : undefined));
    const res = await fetch(`${sim.url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expectExposition(text);
    expect(text).toContain('# TYPE barberpro_bookings_total counter');
    expect(text).toMatch(/^barberpro_bookings_total\{outcome="success"\} \d+$/m);
    expect(text).toMatch(
      /^barberpro_payments_total\{method="mercadopago",outcome="failure"\} \d+$/m,
    );
    expect(text).toMatch(/^barberpro_registrations_total\{outcome="success"\} \d+$/m);
    expect(text).toMatch(
      /^barberpro_signup_step_total\{step="dni_validation",outcome="success"\} \d+$/m,
    );
    expect(text).toMatch(/^# TYPE barberpro_db_query_seconds gauge$/m);
  });

  it('agrees between the JSON and Prometheus views', async () => {
    await waitFor(async () => ((await counters()).bookings.attempts > 10 ? true : undefined));
    const earlier = await counters();
    const text = await (await fetch(`${sim.url}/metrics`)).text();
    const later = await counters();
    const sample = /^barberpro_bookings_total\{outcome="success"\} (\d+)$/m.exec(text)?.[1];
    expect(Number(sample)).toBeGreaterThanOrEqual(earlier.bookings.succeeded);
    expect(Number(sample)).toBeLessThanOrEqual(later.bookings.succeeded);
  });
});

describe('renderPrometheus', () => {
  it('escapes label values and help text', () => {
    const text = renderPrometheus([
      {
        name: 'x_total',
        help: 'a \\ b\nc',
        type: 'counter',
        samples: [{ labels: { path: 'say "hi"\\\n' }, value: 3 }],
      },
    ]);
    expect(text).toBe(
      '# HELP x_total a \\\\ b\\nc\n# TYPE x_total counter\nx_total{path="say \\"hi\\"\\\\\\n"} 3\n',
    );
    expectExposition(text);
  });
});
