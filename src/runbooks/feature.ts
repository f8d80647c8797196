import { AuditLog } from '../audit/audit-log.js';
import type { AppContext, Feature } from '../features.js';
import { ClosedLoop } from './closed-loop.js';
import { runbookCommands } from './commands.js';
import { ConfirmationStore } from './confirmations.js';
import { RunExecutor } from './executor.js';
import { loadRunbooks, runbookDir } from './load.js';
import { RunStore } from './runs.js';
import { RunbookService } from './service.js';

/** Runbooks from `runbooks/*.yml`: commands, confirmation, runs and the closed loop. */
export function runbooksFeature(): Feature {
  let timer: NodeJS.Timeout | undefined;
  let executor: RunExecutor | undefined;
  let loop: ClosedLoop | undefined;
  let everyMs = 5_000;
  let log: AppContext['log'] | undefined;

  return {
    name: 'runbooks',
    install(ctx: AppContext) {
      log = ctx.log.child({ component: 'runbooks' });
      const dir = runbookDir(ctx.config.runbooks.dir);
      const loaded = loadRunbooks(dir);
      for (const p of loaded.problems) {
        log.error(
          { file: p.file, path: p.path, problem: p.message, code: 'RUNBOOK_INVALID' },
          'runbook left out',
        );
      }
      log.info({ dir, runbooks: loaded.runbooks.map((r) => r.id) }, 'runbooks loaded');
      const audit = ctx.services.audit ?? new AuditLog(ctx.db, ctx.clock);
      const runs = new RunStore(ctx.db);
      const interrupted = runs.failInterrupted(ctx.clock.now());
      if (interrupted > 0)
        log.warn({ runs: interrupted }, 'runs interrupted by a restart marked failed');
      executor = new RunExecutor({
        db: ctx.db,
        runs,
        audit,
        outbox: ctx.outbox,
        clock: ctx.clock,
        log,
        http: ctx.http,
        env: ctx.secrets.env,
        runner: ctx.runner,
        localeFor: ctx.localeFor,
        defaultChannel: ctx.config.alerting.channel,
        incidents: () => ctx.services.incidents,
      });
      const service = new RunbookService({
        runbooks: loaded.runbooks,
        config: ctx.config.runbooks,
        runs,
        confirmations: new ConfirmationStore(ctx.db),
        executor,
        audit,
        clock: ctx.clock,
        log,
        timeZone: ctx.config.timezone,
        incidents: () => ctx.services.incidents,
        knownTargets: () => ctx.runner.snapshot().map((s) => s.target.id),
      });
      ctx.services.runbooks = service;
      for (const spec of runbookCommands(service)) ctx.router.register(spec);
      loop = new ClosedLoop({
        db: ctx.db,
        runs,
        outbox: ctx.outbox,
        clock: ctx.clock,
        log,
        config: ctx.config.incidents,
        localeFor: ctx.localeFor,
        target: (id) => ctx.runner.snapshot().find((s) => s.target.id === id)?.target,
        judgeSince: (id, since) => ctx.runner.judgeSince(id, since),
        incidents: () => ctx.services.incidents,
        runbooks: () => ctx.services.runbooks,
      });
      everyMs = ctx.config.incidents.checkEvery;
    },
    start() {
      const tick = () => {
        try {
          loop?.tick();
        } catch (err) {
          log?.error({ err }, 'closed-loop pass failed');
        }
      };
      timer = setInterval(tick, everyMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await executor?.stop();
    },
  };
}
