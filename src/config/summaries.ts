import { validate } from 'node-cron';
import { z } from 'zod';
import { duration } from './duration.js';

const cron = z
  .string()
  .refine((expr) => validate(expr), 'not a cron expression; write it like "*/5 * * * *"');

const summarySchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** node-cron expression (5 or 6 fields) evaluated in the configured time zone. */
  schedule: cron,
  channel: z.string(),
});

/**
 * `summaries:` in the config. `edit` keeps one message per summary and edits it each cycle,
 * replying in its thread only when something changed; `post` posts a fresh message each time.
 */
export const summariesSchema = z
  .strictObject({
    mode: z.enum(['edit', 'post']).default('edit'),
    team: summarySchema.default({ enabled: true, schedule: '*/5 * * * *', channel: 'team' }),
    exec: summarySchema.default({ enabled: true, schedule: '*/15 * * * *', channel: 'exec' }),
    /** Attach the last-hour chart (latency and success rates) as a PNG. */
    chart: z.boolean().default(true),
    /** Home tab: re-published every 60 s for people who opened it within this long. */
    homeActiveFor: duration.default(10 * 60_000),
  })
  .default({
    mode: 'edit',
    team: { enabled: true, schedule: '*/5 * * * *', channel: 'team' },
    exec: { enabled: true, schedule: '*/15 * * * *', channel: 'exec' },
    chart: true,
    homeActiveFor: 600_000,
  });

/**
 * `retention:` in the config. Raw samples serve the rolling windows and recent detail;
 * per-minute rollups serve charts and the last hours; hourly rollups serve 24 h and 7 d uptime.
 */
export const retentionSchema = z
  .strictObject({
    samples: duration.default(3 * 86_400_000),
    minuteRollups: duration.default(7 * 86_400_000),
    hourRollups: duration.default(400 * 86_400_000),
    /** How often old rows are deleted. */
    every: duration.default(3_600_000),
  })
  .default({
    samples: 3 * 86_400_000,
    minuteRollups: 7 * 86_400_000,
    hourRollups: 400 * 86_400_000,
    every: 3_600_000,
  });

export type SummariesConfig = z.output<typeof summariesSchema>;
export type RetentionConfig = z.output<typeof retentionSchema>;
