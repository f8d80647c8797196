import { z } from 'zod';
import { duration } from './duration.js';
import { ratio } from './ratio.js';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lowercase letters, digits, dots, dashes or underscores');
const url = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
const wsUrl = z.url({ protocol: /^wss?$/, error: 'must be a ws:// or wss:// URL' });

/** What every business-side monitor shares with an endpoint target. */
const common = {
  id,
  name: z.string().min(1).optional(),
  interval: duration.optional(),
  timeout: duration.optional(),
  /** Logical channel its alerts go to; defaults to `alerting.channel`. */
  channel: z.string().optional(),
  severity: z.enum(['critical', 'warning']).default('critical'),
};

/** A confidence level: 0 (the ratio as read) up to 99.9 %. */
const confidence = ratio.refine((v) => v <= 0.999, 'a confidence is at most 99.9%; 0 turns it off');

const rateCommon = {
  ...common,
  /** Alert when the success ratio over `window` is below this. */
  below: ratio,
  /** The sliding window the ratio is computed over. */
  window: duration.optional(),
  /** Fewer attempts than this in the window: the check is ok, marked "not enough data". */
  minAttempts: z.number().int().min(1).optional(),
  /** How sure a drop below `below` must be before it counts as a failure; 0 takes it as read. */
  confidence: confidence.optional(),
};

/** Counters read from a JSON body: dot paths to cumulative numbers. */
export const jsonRateSchema = z
  .strictObject({
    ...rateCommon,
    from: z.literal('json'),
    url,
    attempts: z.string().min(1),
    successes: z.string().min(1).optional(),
    failures: z.string().min(1).optional(),
  })
  .refine((r) => (r.successes === undefined) !== (r.failures === undefined), {
    message: 'give exactly one of successes: or failures: (a dot path to a counter)',
    path: ['successes'],
  });

/** Counters read from a Prometheus text endpoint: every series of `metric` matching `labels`. */
export const prometheusRateSchema = z.strictObject({
  ...rateCommon,
  from: z.literal('prometheus'),
  url,
  metric: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'not a Prometheus metric name'),
  labels: z.record(z.string(), z.string()).default({}),
  /** The label that tells success from failure, and its value for a success. */
  outcomeLabel: z.string().default('outcome'),
  successValue: z.string().default('success'),
});

export const rateSchema = z.discriminatedUnion('from', [jsonRateSchema, prometheusRateSchema]);

export const dbHealthSchema = z.strictObject({
  ...common,
  url,
  /** A query time above this fails the check. */
  maxQueryTime: duration.default(500),
  /** More slow queries running than this fails the check. */
  maxSlowQueries: z.number().int().min(0).default(0),
});

export const dependencySchema = z.strictObject({
  ...common,
  /** Statuspage v2 `summary.json` of the provider. */
  statusUrl: url,
  /** Optional direct probe; any answer but 2xx fails the check. */
  pingUrl: url.optional(),
  /** The page's overall indicator at which the check fails. */
  failAt: z.enum(['minor', 'major', 'critical']).default('major'),
});

export const websocketSchema = z.strictObject({
  ...common,
  url: wsUrl,
  /** An echo slower than this fails the check. */
  latencyThreshold: duration.default(500),
});

export const uptimeSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Each target's share of good checks over 24 h and 7 d must stay at or above this. */
  target: ratio.default(0.999),
  interval: duration.default(5 * 60_000),
  /** Fewer checks than this in 24 h: not enough data to judge. */
  minSamples: z.number().int().min(1).default(100),
  channel: z.string().optional(),
  /**
   * Uptime is an SLO figure shown in summaries and reports. It opens no alert by default: a
   * 24 h figure stays low for a day after an outage is over, so an alert on it could neither
   * be fixed nor clear. `true` opens a warning alert while it is below target.
   */
  alert: z.boolean().default(false),
});

const MONITOR_DEFAULTS = {
  /** The launch plan: bookings every 60 s, payments every 45 s. */
  rateInterval: duration.default(60_000),
  rateWindow: duration.default(5 * 60_000),
  /** Omitted: derived per rate from its threshold (see `minAttemptsFor`). */
  minAttempts: z.number().int().min(1).optional(),
  /** Rates: a drop below the threshold must be this sure (see `wilsonUpper`); 0 turns it off. */
  rateConfidence: confidence.default(0.95),
  interval: duration.default(30_000),
};

/**
 * `monitors:` in the config: everything watched besides the HTTP endpoint targets. Left out,
 * a section is parsed from `{}`, so its defaults are written once, in the schemas above.
 */
export const monitorsSchema = z
  .strictObject({
    defaults: z.strictObject(MONITOR_DEFAULTS).prefault({}),
    rates: z.array(rateSchema).default([]),
    database: z.array(dbHealthSchema).default([]),
    dependencies: z.array(dependencySchema).default([]),
    websockets: z.array(websocketSchema).default([]),
    uptime: uptimeSchema.prefault({}),
  })
  .prefault({});

export type MonitorsConfig = z.output<typeof monitorsSchema>;
export type RateConfig = z.output<typeof rateSchema>;
export type DbHealthConfig = z.output<typeof dbHealthSchema>;
export type DependencyConfig = z.output<typeof dependencySchema>;
export type WebsocketConfig = z.output<typeof websocketSchema>;

/**
 * The fewest attempts a rate must see before it may alert, when the config does not say. Below
 * `2 / (1 - below)` attempts, two failures alone would cross the threshold (98 % needs 100,
 * 95 % needs 40), which is noise, not an incident; never fewer than 20.
 */
export function minAttemptsFor(below: number): number {
  // The epsilon absorbs float error: 2 / (1 - 0.9) is 20.000000000000004, not 21 attempts.
  return Math.max(20, Math.ceil(2 / Math.max(1 - below, 0.001) - 1e-9));
}
