import type { MetricFamily } from './prometheus.js';
import {
  type BusinessCounters,
  type DbHealth,
  type OutcomeCounts,
  PAYMENT_METHODS,
  SIGNUP_STEPS,
} from './types.js';

const outcomes = (counts: OutcomeCounts, labels: Record<string, string> = {}) => [
  { labels: { ...labels, outcome: 'success' }, value: counts.succeeded },
  { labels: { ...labels, outcome: 'failure' }, value: counts.failed },
];

/** The families `GET /metrics` serves: the business counters plus database gauges. */
export function businessMetricFamilies(counters: BusinessCounters, db: DbHealth): MetricFamily[] {
  return [
    {
      name: 'barberpro_bookings_total',
      help: 'Booking attempts by outcome.',
      type: 'counter',
      samples: outcomes(counters.bookings),
    },
    {
      name: 'barberpro_payments_total',
      help: 'Payment attempts by method and outcome.',
      type: 'counter',
      samples: PAYMENT_METHODS.flatMap((method) =>
        outcomes(counters.payments.byMethod[method], { method }),
      ),
    },
    {
      name: 'barberpro_registrations_total',
      help: 'Account registrations by outcome.',
      type: 'counter',
      samples: outcomes(counters.registrations),
    },
    {
      name: 'barberpro_signup_step_total',
      help: 'Sign-up steps (DNI validation, MercadoPago linking) by outcome.',
      type: 'counter',
      samples: SIGNUP_STEPS.flatMap((step) => outcomes(counters.signup[step], { step })),
    },
    ...dbFamilies(db),
    {
      name: 'barberpro_process_start_time_seconds',
      help: 'Start of the platform process; it moves when counters were reset by a restart.',
      type: 'gauge',
      samples: [{ value: Date.parse(counters.startedAt) / 1000 }],
    },
  ];
}

function dbFamilies(db: DbHealth): MetricFamily[] {
  const gauge = (name: string, help: string, value: number): MetricFamily => ({
    name,
    help,
    type: 'gauge',
    samples: [{ value }],
  });
  return [
    gauge(
      'barberpro_db_up',
      'Whether the database accepts connections (1) or not (0).',
      db.connected ? 1 : 0,
    ),
    gauge('barberpro_db_query_seconds', 'Recent database query time.', db.queryTimeMs / 1000),
    gauge('barberpro_db_pool_size', 'Database connection pool size.', db.poolSize),
    gauge('barberpro_db_pool_in_use', 'Database connections in use.', db.poolInUse),
    gauge('barberpro_db_slow_queries', 'Slow database queries running now.', db.slowQueries),
  ];
}
