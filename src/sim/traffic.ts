import type { Clock } from '../core/clock.js';
import type { FaultController } from './fault-controller.js';
import { FAULTS, type RateKey } from './faults.js';
import { createRandom, pickWeighted, type Random } from './random.js';
import {
  type ActiveFault,
  type BusinessCounters,
  type OutcomeCounts,
  PAYMENT_METHODS,
  type PaymentMethod,
  SIGNUP_STEPS,
} from './types.js';

/** Platform time one tick stands for; a shorter `tickMs` just runs the platform faster. */
export const TICK_SIMULATED_MS = 250;

/** Events per simulated second. */
const VOLUME = { bookings: 2, payments: 1.8, registrations: 0.4 } as const;

const HEALTHY: Record<RateKey, number> = {
  bookings: 0.99,
  registrations: 0.95,
  dni_validation: 0.97,
  mp_linking: 0.96,
  mercadopago: 0.995,
  credit: 0.995,
  debit: 0.995,
  cash: 0.995,
};

const METHOD_SHARE: ReadonlyArray<readonly [PaymentMethod, number]> = [
  ['mercadopago', 0.6],
  ['credit', 0.17],
  ['debit', 0.15],
  ['cash', 0.08],
];

const PRICES_ARS = [8_000, 9_500, 12_000, 15_500];
const RECENT_LIMIT = 20;

export interface PaymentRecord {
  id: string;
  method: PaymentMethod;
  amountArs: number;
  status: 'approved' | 'rejected';
  at: string;
}

export interface Traffic {
  /** Simulates TICK_SIMULATED_MS of platform traffic. */
  tick(): void;
  snapshot(): BusinessCounters;
  /** A platform restart: every counter back to zero. */
  reset(): void;
  recentPayments(): PaymentRecord[];
  /** Retries payments that failed since the last retry; retries count as new attempts. */
  retryFailedPayments(): { retried: number; succeeded: number };
}

export interface TrafficOptions {
  faults: FaultController;
  clock: Clock;
  random?: Random;
}

const zero = (): OutcomeCounts => ({ attempts: 0, succeeded: 0, failed: 0 });

function emptyCounters(startedAt: string): BusinessCounters {
  return {
    at: startedAt,
    startedAt,
    bookings: zero(),
    payments: { ...zero(), byMethod: byKey(PAYMENT_METHODS, zero) },
    registrations: zero(),
    signup: byKey(SIGNUP_STEPS, zero),
  };
}

function byKey<K extends string, V>(keys: readonly K[], make: () => V): Record<K, V> {
  // fromEntries cannot know every key of K is present; the keys list guarantees it.
  return Object.fromEntries(keys.map((key) => [key, make()])) as Record<K, V>;
}

function record(counts: OutcomeCounts, ok: boolean): void {
  counts.attempts += 1;
  if (ok) counts.succeeded += 1;
  else counts.failed += 1;
}

/** The success rate of a stream: its healthy rate, capped by every active fault's table entry. */
export function successRate(key: RateKey, active: readonly ActiveFault[]): number {
  return active.reduce((rate, f) => Math.min(rate, FAULTS[f.kind].rates?.[key] ?? 1), HEALTHY[key]);
}

/** Whole events due per tick; the remainder carries over, in thousandths to stay exact. */
function createCadence(): (stream: keyof typeof VOLUME) => number {
  const carry = { bookings: 0, payments: 0, registrations: 0 };
  return (stream) => {
    carry[stream] += Math.round(VOLUME[stream] * TICK_SIMULATED_MS);
    const count = Math.floor(carry[stream] / 1000);
    carry[stream] -= count * 1000;
    return count;
  };
}

export function createTraffic(options: TrafficOptions): Traffic {
  const { faults, clock } = options;
  const random = options.random ?? createRandom(1);
  const iso = () => new Date(clock.now()).toISOString();
  const due = createCadence();
  const succeeds = (key: RateKey): boolean => random() < successRate(key, faults.active());
  let counters = emptyCounters(iso());
  let recent: PaymentRecord[] = [];
  let pendingRetry = byKey(PAYMENT_METHODS, () => 0);
  let paymentSeq = 0;

  const pay = (method: PaymentMethod): boolean => {
    const ok = succeeds(method);
    record(counters.payments, ok);
    record(counters.payments.byMethod[method], ok);
    paymentSeq += 1;
    recent.unshift({
      id: `pay_${String(paymentSeq).padStart(6, '0')}`,
      method,
      amountArs: PRICES_ARS[Math.floor(random() * PRICES_ARS.length)] ?? PRICES_ARS[0]!,
      status: ok ? 'approved' : 'rejected',
      at: iso(),
    });
    recent.length = Math.min(recent.length, RECENT_LIMIT);
    return ok;
  };

  return {
    tick() {
      for (let i = due('bookings'); i > 0; i -= 1) record(counters.bookings, succeeds('bookings'));
      for (let i = due('payments'); i > 0; i -= 1) {
        const method = pickWeighted(random, METHOD_SHARE);
        if (!pay(method)) pendingRetry[method] += 1;
      }
      // Streams are drawn independently so each monitor sees exactly its configured rate.
      for (let i = due('registrations'); i > 0; i -= 1) {
        record(counters.registrations, succeeds('registrations'));
        for (const step of SIGNUP_STEPS) record(counters.signup[step], succeeds(step));
      }
    },
    snapshot: () => ({ ...structuredClone(counters), at: iso() }),
    reset() {
      counters = emptyCounters(iso());
      recent = [];
      pendingRetry = byKey(PAYMENT_METHODS, () => 0);
    },
    recentPayments: () => structuredClone(recent),
    retryFailedPayments() {
      let retried = 0;
      let succeeded = 0;
      for (const method of PAYMENT_METHODS) {
        for (; pendingRetry[method] > 0; pendingRetry[method] -= 1) {
          retried += 1;
          if (pay(method)) succeeded += 1;
        }
      }
      return { retried, succeeded };
    },
  };
}
