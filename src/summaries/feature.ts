import { dirname, join } from 'node:path';
import { type ScheduledTask, schedule } from 'node-cron';
import { summaryCommand } from '../bot/commands/summary.js';
import type { Feature } from '../features.js';
import { pruneOldRows } from '../store/retention.js';
import { pruneCharts } from './chart.js';
import { Summaries, type SummaryKind } from './service.js';

const KINDS: readonly SummaryKind[] = ['team', 'exec'];
const CHART_MAX_AGE_MS = 24 * 3_600_000;

/**
 * Team and executive summaries on their cron schedules, `/ops summary`, the Home tab
 * dashboard, and the retention job that keeps raw samples and rollups within their policy.
 */
export function summariesFeature(): Feature {
  const tasks: ScheduledTask[] = [];
  let retentionTimer: NodeJS.Timeout | undefined;
  let startJobs: (() => void) | undefined;
  return {
    name: 'summaries',
    install(ctx) {
      const { config, log: baseLog, clock } = ctx;
      const log = baseLog.child({ component: 'summaries' });
      const periods = new Map<SummaryKind, number>();
      const summaries = new Summaries({
        config,
        db: ctx.db,
        clock,
        log,
        runner: ctx.runner,
        alerts: ctx.engine.store,
        outbox: ctx.outbox,
        localeFor: ctx.localeFor,
        incidentCounts: (since) => ctx.services.incidents?.counts(since),
        periodOf: (kind) => periods.get(kind) ?? (kind === 'team' ? 300_000 : 900_000),
      });
      ctx.services.summaries = summaries;
      ctx.services.home = async (_userId, locale) => summaries.dashboardDoc(locale);
      ctx.router.register(summaryCommand((kind, locale) => summaries.onDemand(kind, locale)));
      const chartDir = join(dirname(config.store.path), 'charts');
      const prune = () => {
        const now = clock.now();
        const counts = pruneOldRows(ctx.db, config.retention, now);
        const charts = pruneCharts(chartDir, now, CHART_MAX_AGE_MS);
        log.debug({ ...counts, charts }, 'retention applied');
      };
      startJobs = () => {
        for (const kind of KINDS) {
          const s = config.summaries[kind];
          if (!s.enabled) continue;
          const task = schedule(
            s.schedule,
            () => {
              try {
                summaries.publish(kind);
              } catch (err) {
                log.error({ err, kind }, 'summary failed');
              }
            },
            { timezone: config.timezone, name: `summary-${kind}`, noOverlap: true },
          );
          const [a, b] = task.getNextRuns(2);
          if (a && b) periods.set(kind, b.getTime() - a.getTime());
          tasks.push(task);
          log.info({ kind, schedule: s.schedule, channel: s.channel }, 'summary scheduled');
        }
        prune();
        retentionTimer = setInterval(prune, config.retention.every);
        retentionTimer.unref();
      };
    },
    start() {
      startJobs?.();
    },
    async stop() {
      if (retentionTimer) clearInterval(retentionTimer);
      for (const task of tasks.splice(0)) await task.destroy();
    },
  };
}
