import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { createFaultController } from '../../src/sim/fault-controller.js';
import { createRandom } from '../../src/sim/random.js';
import { createTraffic } from '../../src/sim/traffic.js';
import type { BusinessCounters, FaultKind, OutcomeCounts } from '../../src/sim/types.js';

const clock: Clock = { now: () => Date.parse('2025-06-01T12:00:00Z'), monotonic: () => 0 };

function run(ticks: number, seed = 7, faults: FaultKind[] = []) {
  const controller = createFaultController(silentLogger(), clock);
  for (const kind of faults) controller.inject(kind);
  const traffic = createTraffic({ faults: controller, clock, random: createRandom(seed) });
  for (let i = 0; i < ticks; i += 1) traffic.tick();
  return traffic;
}

const rate = (c: OutcomeCounts) => c.succeeded / c.attempts;

describe('traffic generator', () => {
  it('replays the same traffic for the same seed', () => {
    expect(run(2_000, 3).snapshot()).toEqual(run(2_000, 3).snapshot());
    expect(run(2_000, 3).snapshot()).not.toEqual(run(2_000, 4).snapshot());
  });

  it('generates about two bookings per simulated second', () => {
    // 4,000 ticks of 250 ms are 1,000 simulated seconds.
    const counters = run(4_000).snapshot();
    expect(counters.bookings.attempts).toBe(2_000);
    expect(counters.registrations.attempts).toBe(400);
  });

  it('keeps attempts equal to successes plus failures, overall and per method', () => {
    const { payments } = run(4_000).snapshot();
    const methods = Object.values(payments.byMethod);
    expect(methods.reduce((sum, m) => sum + m.attempts, 0)).toBe(payments.attempts);
    for (const c of [payments, ...methods]) expect(c.succeeded + c.failed).toBe(c.attempts);
    expect(payments.byMethod.mercadopago.attempts).toBeGreaterThan(payments.attempts / 2);
  });

  it('has healthy success rates without faults', () => {
    const c = run(20_000).snapshot();
    expect(rate(c.bookings)).toBeGreaterThan(0.97);
    expect(rate(c.payments)).toBeGreaterThan(0.98);
    expect(rate(c.registrations)).toBeGreaterThan(0.92);
    expect(rate(c.signup.dni_validation)).toBeGreaterThan(0.94);
    expect(rate(c.signup.mp_linking)).toBeGreaterThan(0.93);
  });

  it.each<{ kind: FaultKind; expected: number; pick: (c: BusinessCounters) => OutcomeCounts[] }>([
    {
      kind: 'worker-stall',
      expected: 0.4,
      pick: (c) => [c.registrations, c.signup.dni_validation, c.signup.mp_linking],
    },
    {
      kind: 'gateway-down',
      expected: 0.3,
      pick: (c) => [
        c.payments.byMethod.mercadopago,
        c.payments.byMethod.credit,
        c.payments.byMethod.debit,
      ],
    },
    { kind: 'payment-failures', expected: 0.8, pick: (c) => [c.payments] },
    { kind: 'booking-conflicts', expected: 0.75, pick: (c) => [c.bookings] },
  ])('$kind brings the rates it names near $expected', ({ kind, expected, pick }) => {
    for (const counts of pick(run(20_000, 7, [kind]).snapshot())) {
      expect(Math.abs(rate(counts) - expected)).toBeLessThan(0.06);
    }
  });

  it('leaves cash payments alone when the gateway is down', () => {
    const c = run(20_000, 7, ['gateway-down']).snapshot();
    expect(rate(c.payments.byMethod.cash)).toBeGreaterThan(0.97);
  });

  it('retries failed payments once each, as new attempts', () => {
    const traffic = run(4_000, 7, ['payment-failures']);
    const before = traffic.snapshot();
    const { retried } = traffic.retryFailedPayments();
    expect(retried).toBe(before.payments.failed);
    expect(traffic.snapshot().payments.attempts).toBe(before.payments.attempts + retried);
    expect(traffic.retryFailedPayments().retried).toBe(0);
  });

  it('starts from zero after a reset', () => {
    const traffic = run(400);
    traffic.reset();
    const c = traffic.snapshot();
    expect(c.bookings).toEqual({ attempts: 0, succeeded: 0, failed: 0 });
    expect(c.payments.byMethod.mercadopago.attempts).toBe(0);
    expect(traffic.recentPayments()).toEqual([]);
  });
});
