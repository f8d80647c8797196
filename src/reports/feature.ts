import { type ScheduledTask, schedule } from 'node-cron';
import type { AppContext, Feature } from '../features.js';
import { marketCommand, readinessCommand } from './commands.js';
import { postReadiness } from './post-readiness.js';
import { createReportService, type ReportService } from './service.js';

/**
 * Market and readiness reports: the `market` and `readiness` commands, the `reports` service
 * other features may use, and the readiness report in the executive channel on a schedule.
 */
export function reportsFeature(): Feature {
  let ctx: AppContext | undefined;
  let service: ReportService | undefined;
  let task: ScheduledTask | undefined;
  let first: NodeJS.Timeout | undefined;

  return {
    name: 'reports',
    install(app) {
      ctx = app;
      const reports = createReportService({ db: app.db, config: app.config, clock: app.clock });
      service = reports;
      app.services.reports = reports;
      app.router.register(marketCommand(() => reports));
      app.router.register(readinessCommand(() => reports));
    },
    start() {
      const app = ctx;
      const reports = service;
      const exec = app?.config.reports.exec;
      if (!app || !reports || !exec?.enabled) return;
      const log = app.log.child({ component: 'reports' });
      if (!(exec.channel in app.config.channels)) {
        log.warn({ channel: exec.channel }, 'readiness schedule off: channel not configured');
        return;
      }
      const run = () => {
        try {
          const outcome = postReadiness({
            db: app.db,
            outbox: app.outbox,
            service: reports,
            channelKey: exec.channel,
            locale: app.localeFor(exec.channel),
            now: app.clock.now(),
          });
          log.info({ outcome, channel: exec.channel }, 'readiness report queued');
        } catch (err) {
          log.error({ err }, 'readiness report failed');
        }
      };
      first = setTimeout(run, exec.firstAfter);
      first.unref();
      task = schedule(exec.schedule, run, {
        timezone: app.config.timezone,
        noOverlap: true,
        name: 'readiness-report',
      });
    },
    async stop() {
      if (first) clearTimeout(first);
      first = undefined;
      await task?.destroy();
      task = undefined;
    },
  };
}
