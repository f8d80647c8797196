import { z } from 'zod';
import { LOCALES } from '../i18n/locale.js';
import { duration } from './duration.js';
import { incidentsConfigSchema, runbooksConfigSchema } from './incidents.js';
import { managerSchema, twilioSchema } from './managers.js';
import { type AddIssue, checkMonitorRefs } from './monitor-refs.js';
import { monitorsSchema } from './monitors.js';
import { analyticsSchema, reportsSchema } from './reports.js';
import { retentionSchema, summariesSchema } from './summaries.js';
import { timeZone } from './time-zone.js';

const locale = z.enum(LOCALES);

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lowercase letters, digits, dots, dashes or underscores');

export const channelSchema = z.strictObject({
  /** Slack channel name (`#ops-alerts`) or id (`C0123`). */
  slack: z.string().min(1).optional(),
  locale: locale.optional(),
});

/** A condition on the JSON body: the value at `path` (dot separated) must equal / match. */
const jsonCondition = z.strictObject({
  path: z.string().min(1),
  equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
  in: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

const targetDefaults = {
  interval: duration.default(30_000),
  timeout: duration.default(5_000),
  /** A probe slower than this counts as a failed check. */
  latencyThreshold: duration.default(200),
  /** The response time on record that reports compare against. */
  baseline: duration.default(0.31),
  /** Rolling window size for average, p95 and error rate. */
  window: z.number().int().min(1).max(10_000).default(50),
};

export const targetSchema = z.strictObject({
  id,
  name: z.string().min(1).optional(),
  url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
  method: z.enum(['GET', 'HEAD', 'POST']).default('GET'),
  headers: z.record(z.string(), z.string()).default({}),
  expectStatus: z.array(z.number().int().min(100).max(599)).min(1).default([200]),
  json: jsonCondition.optional(),
  interval: duration.optional(),
  timeout: duration.optional(),
  latencyThreshold: duration.optional(),
  baseline: duration.optional(),
  window: z.number().int().min(1).max(10_000).optional(),
  /** Logical channel its alerts go to; defaults to `alerting.channel`. */
  channel: z.string().optional(),
  severity: z.enum(['critical', 'warning']).default('critical'),
});

export const configSchema = z
  .strictObject({
    timezone: timeZone.default('America/Argentina/Buenos_Aires'),
    locale: locale.default('es-AR'),
    log: z
      .strictObject({
        level: z
          .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
          .default('info'),
        /** `auto`: readable lines on a terminal, JSON otherwise. */
        format: z.enum(['auto', 'json', 'pretty']).default('auto'),
      })
      .default({ level: 'info', format: 'auto' }),
    store: z
      .strictObject({ path: z.string().min(1).default('./data/guardia.db') })
      .default({ path: './data/guardia.db' }),
    simulator: z
      .strictObject({
        enabled: z.boolean().default(false),
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65_535).default(4610),
        /** `demo` injects and lifts faults on a script so a newcomer sees an alert cycle. */
        /** `incident` injects a fault that stays until a runbook (or a person) lifts it. */
        scenario: z.enum(['demo', 'incident', 'none']).default('none'),
      })
      .default({ enabled: false, host: '127.0.0.1', port: 4610, scenario: 'none' }),
    /** guardia's own HTTP server: webhooks (Twilio), analytics ingestion, /healthz. */
    server: z
      .strictObject({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65_535).default(8787),
        /** The URL the outside world reaches this server at (behind a proxy or tunnel). */
        publicUrl: z.url().optional(),
      })
      .default({ host: '127.0.0.1', port: 8787 }),
    /** Without a `channels:` section, alerts go to one `alerts` channel (the console's). */
    channels: z
      .record(z.string().regex(/^[a-z0-9_-]+$/, 'channel keys are lowercase words'), channelSchema)
      // Without any channels, alerts still have somewhere to go.
      .default({ alerts: {} }),
    slack: z
      .strictObject({
        /** `auto`: Socket Mode when SLACK_APP_TOKEN is set, otherwise the HTTP receiver. */
        mode: z.enum(['auto', 'socket', 'http']).default('auto'),
        /** HTTP receiver port (`/slack/events`); 0 picks a free one. */
        port: z.number().int().min(0).max(65_535).default(3000),
        /** Overrides https://slack.com/api/ (tests and proxies). */
        apiUrl: z.url().optional(),
      })
      .default({ mode: 'auto', port: 3000 }),
    alerting: z
      .strictObject({
        failuresToOpen: z.number().int().min(1).max(100).default(3),
        successesToResolve: z.number().int().min(1).max(100).default(2),
        remindEvery: duration.default(30 * 60_000),
        channel: z.string().default('alerts'),
      })
      .default({
        failuresToOpen: 3,
        successesToResolve: 2,
        remindEvery: 30 * 60_000,
        channel: 'alerts',
      }),
    defaults: z.strictObject(targetDefaults).default({
      interval: 30_000,
      timeout: 5_000,
      latencyThreshold: 200,
      baseline: 0.31,
      window: 50,
    }),
    targets: z.array(targetSchema).default([]),
    monitors: monitorsSchema,
    summaries: summariesSchema,
    retention: retentionSchema,
    incidents: incidentsConfigSchema.default(incidentsConfigSchema.parse({})),
    runbooks: runbooksConfigSchema.default(runbooksConfigSchema.parse({})),
    analytics: analyticsSchema,
    reports: reportsSchema,
    /** People who get digests and pages on WhatsApp (docs/whatsapp.md). */
    managers: z.array(managerSchema).default([]),
    twilio: twilioSchema,
  })
  // Runs even when other parts of the file are invalid, so every problem is reported at once;
  // hence it reads the partly parsed value defensively.
  .superRefine((config, ctx) => checkReferences(config, ctx.addIssue), { when: () => true });

function checkReferences(value: unknown, addIssue: AddIssue): void {
  const config = (value ?? {}) as Record<string, unknown>;
  const channels = isRecord(config.channels) ? config.channels : {};
  const known = Object.keys(channels).join(', ') || 'none';
  const seen = new Map<string, number>();
  const targets = Array.isArray(config.targets) ? config.targets : [];
  targets.forEach((target: unknown, index) => {
    if (!isRecord(target)) return;
    if (typeof target.id === 'string') {
      const first = seen.get(target.id);
      if (first !== undefined) {
        addIssue({
          code: 'custom',
          path: ['targets', index, 'id'],
          message: `"${target.id}" is already the id of targets[${first}]`,
        });
      } else {
        seen.set(target.id, index);
      }
    }
    if (typeof target.channel === 'string' && !(target.channel in channels)) {
      addIssue({
        code: 'custom',
        path: ['targets', index, 'channel'],
        message: `no channel "${target.channel}" under channels: (known: ${known})`,
      });
    }
  });
  const managerIds = new Map<string, number>();
  const managers = Array.isArray(config.managers) ? config.managers : [];
  managers.forEach((manager: unknown, index) => {
    if (!isRecord(manager) || typeof manager.id !== 'string') return;
    const first = managerIds.get(manager.id);
    if (first === undefined) managerIds.set(manager.id, index);
    else
      addIssue({
        code: 'custom',
        path: ['managers', index, 'id'],
        message: `"${manager.id}" is already the id of managers[${first}]`,
      });
  });
  checkMonitorRefs(config, new Set(seen.keys()), channels, addIssue);
  const alerting = isRecord(config.alerting) ? config.alerting : {};
  if (typeof alerting.channel === 'string' && !(alerting.channel in channels)) {
    addIssue({
      code: 'custom',
      path: ['alerting', 'channel'],
      message: `no channel "${alerting.channel}" under channels: (known: ${known})`,
    });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;
export type TargetConfig = Config['targets'][number];
export type ChannelConfig = z.output<typeof channelSchema>;
