import { AuditLog } from '../audit/audit-log.js';
import { auditCommand } from '../audit/command.js';
import type { AppContext, Feature } from '../features.js';
import { incidentCommands } from './commands.js';
import { Escalator } from './escalator.js';
import { IncidentService } from './service.js';
import { IncidentStore } from './store.js';

/**
 * Alerts become incidents a person owns: one message each, a response clock, escalation along
 * the configured chain, silences and maintenance windows. Also owns the audit log and its
 * command, which every acting feature writes to.
 */
export function incidentsFeature(): Feature {
  let timer: NodeJS.Timeout | undefined;
  let escalator: Escalator | undefined;
  let tick = () => {};
  let everyMs = 5_000;

  return {
    name: 'incidents',
    install(ctx: AppContext) {
      const audit = new AuditLog(ctx.db, ctx.clock);
      ctx.services.audit = audit;
      ctx.router.register(auditCommand(audit, ctx.config.timezone));
      const config = ctx.config.incidents;
      if (!config.enabled) return;
      const log = ctx.log.child({ component: 'incidents' });
      const incidents = new IncidentService({
        store: new IncidentStore(ctx.db),
        audit,
        outbox: ctx.outbox,
        clock: ctx.clock,
        log,
        config,
        timeZone: ctx.config.timezone,
        localeFor: ctx.localeFor,
        targetName: (id) =>
          ctx.runner.snapshot().find((s) => s.target.id === id)?.target.name ?? id,
        suggest: (incident, locale) => ctx.services.runbooks?.suggestFor(incident, locale),
        dismissAlert: (targetId) => ctx.engine.dismiss(targetId),
      });
      ctx.services.incidents = incidents;
      ctx.engine.onTransition((transition) => incidents.onTransition(transition));
      for (const spec of incidentCommands({
        incidents,
        clock: ctx.clock,
        timeZone: ctx.config.timezone,
        knownTargets: () => ctx.runner.snapshot().map((s) => s.target.id),
      })) {
        ctx.router.register(spec);
      }
      // On Slack a user id is a valid chat.postMessage channel: it opens the bot's DM.
      const dmNames = new Map(
        config.escalation.flatMap((s) => (s.action === 'dm' && s.name ? [[s.user, s.name]] : [])),
      );
      ctx.addRoute((channelKey) => {
        if (!channelKey.startsWith('slack-user:')) return undefined;
        const user = channelKey.slice('slack-user:'.length);
        const destination =
          ctx.chat.name === 'console' ? `@${dmNames.get(user) ?? user} (DM)` : user;
        return { adapter: ctx.chat, destination, locale: ctx.localeFor(channelKey) };
      });
      escalator = new Escalator({
        incidents,
        audit,
        outbox: ctx.outbox,
        clock: ctx.clock,
        log,
        chain: config.escalation,
        localeFor: ctx.localeFor,
      });
      everyMs = config.checkEvery;
      tick = () => {
        try {
          incidents.releaseQuiet();
          escalator?.tick();
        } catch (err) {
          log.error({ err }, 'escalation pass failed');
        }
      };
    },
    start() {
      if (!escalator) return;
      tick();
      timer = setInterval(tick, everyMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
