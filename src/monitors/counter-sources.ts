import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { z } from 'zod';
import type { RateConfig } from '../config/monitors.js';
import type { CounterRole } from './counter-window.js';
import { jsonFact, readPath } from './json-path.js';
import type { CheckDetail } from './types.js';

type Values = Map<string, { role: CounterRole; value: number }>;
type JsonRate = Extract<RateConfig, { from: 'json' }>;
type PromRate = Extract<RateConfig, { from: 'prometheus' }>;

/** A counter source that cannot be read; the message says what and where, in English. */
export class CounterReadError extends Error {
  override readonly name = 'CounterReadError';
  /** The same facts as the message, for a reason in the reader's language. */
  readonly detail: CheckDetail;

  constructor(message: string, detail: CheckDetail) {
    super(message);
    this.detail = detail;
  }
}

/** Reads the configured dot paths of a JSON body as cumulative counters. */
export function jsonCounters(body: unknown, rate: JsonRate): Values {
  const values: Values = new Map();
  const read = (path: string, role: CounterRole) => {
    const value = readPath(body, path);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new CounterReadError(`${path} is ${JSON.stringify(value) ?? 'missing'}, not a number`, {
        because: 'notNumber',
        path,
        actual: jsonFact(value),
      });
    }
    values.set(path, { role, value });
  };
  read(rate.attempts, 'total');
  if (rate.successes) read(rate.successes, 'success');
  if (rate.failures) read(rate.failures, 'failure');
  return values;
}

const families = z.array(
  z.object({
    name: z.string(),
    type: z.string(),
    metrics: z.array(
      z.object({
        value: z.string().optional(),
        labels: z.record(z.string(), z.string()).optional(),
      }),
    ),
  }),
);

/**
 * Every series of `rate.metric` whose labels include `rate.labels`, as success or failure by
 * its outcome label. Series are keyed by their whole label set so each has its own delta.
 */
export function prometheusCounters(text: string, rate: PromRate): Values {
  let parsed: z.output<typeof families>;
  try {
    parsed = families.parse(parsePrometheusTextFormat(text));
  } catch (err) {
    const error = (err as Error).message;
    throw new CounterReadError(`not Prometheus text format: ${error}`, {
      because: 'notPrometheus',
      error,
    });
  }
  const family = parsed.find((f) => f.name === rate.metric);
  if (!family) {
    throw new CounterReadError(`no metric ${rate.metric} in the exposition`, {
      because: 'noMetric',
      metric: rate.metric,
    });
  }
  const values: Values = new Map();
  for (const metric of family.metrics) {
    const labels = metric.labels ?? {};
    const matches = Object.entries(rate.labels).every(([k, v]) => labels[k] === v);
    if (!matches) continue;
    const value = Number(metric.value);
    if (!Number.isFinite(value)) continue;
    const key = Object.entries(labels)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const role = labels[rate.outcomeLabel] === rate.successValue ? 'success' : 'failure';
    values.set(key, { role, value });
  }
  if (values.size === 0) {
    const labels = JSON.stringify(rate.labels);
    throw new CounterReadError(`no series of ${rate.metric} matches ${labels}`, {
      because: 'noSeries',
      metric: rate.metric,
      labels,
    });
  }
  return values;
}
