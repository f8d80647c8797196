import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { z } from 'zod';
import type { RateConfig } from '../config/monitors.js';
import type { CounterRole } from './counter-window.js';
import { readPath } from './json-path.js';

type Values = Map<string, { role: CounterRole; value: number }>;
type JsonRate = Extract<RateConfig, { from: 'json' }>;
type PromRate = Extract<RateConfig, { from: 'prometheus' }>;

/** A counter source that cannot be read; the message says what and where. */
export class CounterReadError extends Error {
  override readonly name = 'CounterReadError';
}

/** Reads the configured dot paths of a JSON body as cumulative counters. */
export function jsonCounters(body: unknown, rate: JsonRate): Values {
  const values: Values = new Map();
  const read = (path: string, role: CounterRole) => {
    const value = readPath(body, path);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new CounterReadError(`${path} is ${JSON.stringify(value) ?? 'missing'}, not a number`);
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
    throw new CounterReadError(`not Prometheus text format: ${(err as Error).message}`);
  }
  const family = parsed.find((f) => f.name === rate.metric);
  if (!family) throw new CounterReadError(`no metric ${rate.metric} in the exposition`);
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
    throw new CounterReadError(
      `no series of ${rate.metric} matches ${JSON.stringify(rate.labels)}`,
    );
  }
  return values;
}
