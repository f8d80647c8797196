import { type TwilioSending, WhatsAppAdapter } from '../adapters/whatsapp/adapter.js';
import { RECIPIENT_ERRORS } from '../adapters/whatsapp/errors.js';
import { INBOUND_PATH, STATUS_PATH, twilioWebhooks } from '../adapters/whatsapp/webhook.js';
import type { ManagerConfig } from '../config/managers.js';
import type { AppContext, Feature } from '../features.js';
import { DigestScheduler } from './digests.js';
import { InboundHandler } from './inbound.js';
import { ManagerStore } from './manager-store.js';
import { pausedDoc } from './messages.js';

/**
 * Managers on WhatsApp: digests on their schedules, pages routed to `manager:<id>`, and the
 * Twilio webhooks for their replies and delivery statuses. Without Twilio credentials the
 * same messages are printed on the console, so the loop runs locally.
 */
export function whatsappFeature(): Feature {
  let digests: DigestScheduler | undefined;
  let managers: readonly ManagerConfig[] = [];
  const work = new Set<Promise<void>>();

  return {
    name: 'whatsapp',
    async install(ctx) {
      managers = ctx.config.managers;
      if (managers.length === 0) return;
      const log = ctx.log.child({ component: 'whatsapp' });
      const store = new ManagerStore(ctx.db, ctx.clock);
      const publicUrl = ctx.config.server.publicUrl ?? localUrl(ctx);
      const twilio = await twilioSending(ctx, publicUrl);
      const alert = (manager: ManagerConfig, reason: string) => {
        const channelKey = ctx.config.alerting.channel;
        ctx.outbox.enqueue({
          channelKey,
          doc: pausedDoc(ctx.localeFor(channelKey), manager.name, reason),
          dedupeKey: `whatsapp-unreachable:${manager.id}:${ctx.clock.now()}`,
        });
      };
      const adapter = new WhatsAppAdapter({
        managers,
        store,
        clock: ctx.clock,
        log,
        timeZone: ctx.config.timezone,
        ...(twilio ? { twilio } : { preview: ctx.chat }),
        onUnreachable: alert,
      });
      ctx.addAdapter(adapter);
      const byId = new Map(managers.map((m) => [m.id, m]));
      ctx.addRoute((channelKey) => {
        const manager = byId.get(channelKey.replace(/^manager:/, ''));
        if (!channelKey.startsWith('manager:') || !manager) return undefined;
        const destination = twilio ? manager.phone : `whatsapp:${manager.name}`;
        return { adapter, destination, locale: manager.locale };
      });

      const inbound = new InboundHandler({
        store,
        outbox: ctx.outbox,
        router: ctx.router,
        clock: ctx.clock,
        log,
        replyWindowMs: ctx.config.twilio.replyWindow,
      });
      const hooks = twilioWebhooks({
        authToken: ctx.secrets.twilioAuthToken,
        publicUrl,
        managers,
        log,
        onMessage: ({ manager, messageSid, text }) => {
          const slow = inbound.accept(manager, messageSid, text);
          if (!slow) return;
          // Twilio waits at most 15 s for the webhook: answer now, run the command after.
          const job = slow()
            .catch((err: unknown) => log.error({ err, manager: manager.id }, 'reply failed'))
            .finally(() => work.delete(job));
          work.add(job);
        },
        onStatus: ({ messageSid, status, errorCode, manager }) => {
          const managerId = manager?.id ?? store.managerForMessage(messageSid);
          store.recordStatus(messageSid, status, errorCode, managerId);
          log.debug({ status, errorCode, manager: managerId }, 'whatsapp status recorded');
          const hint = errorCode ? RECIPIENT_ERRORS[Number(errorCode)] : undefined;
          const target = managerId ? byId.get(managerId) : undefined;
          if (hint && target && store.pause(target.id, `twilio: ${errorCode} (${hint})`)) {
            log.error({ manager: target.id, errorCode }, 'whatsapp manager unreachable; paused');
            alert(target, `twilio: ${errorCode} (${hint})`);
          }
        },
      });
      ctx.server.route('POST', INBOUND_PATH, hooks.inbound);
      ctx.server.route('POST', STATUS_PATH, hooks.status);
      if (!ctx.secrets.twilioAuthToken) {
        log.warn('TWILIO_AUTH_TOKEN is not set: WhatsApp webhooks will refuse every request');
      }
      log.info(
        { managers: managers.length, via: twilio ? 'twilio' : 'console' },
        'whatsapp managers ready',
      );
      digests = new DigestScheduler(ctx, log);
    },
    start() {
      digests?.start(managers);
    },
    async stop() {
      await digests?.stop();
      await Promise.allSettled([...work]);
    },
  };
}

function localUrl(ctx: AppContext): string {
  return `http://${ctx.config.server.host}:${ctx.config.server.port}`;
}

async function twilioSending(
  ctx: AppContext,
  publicUrl: string,
): Promise<TwilioSending | undefined> {
  const { twilioAccountSid: accountSid, twilioAuthToken: authToken } = ctx.secrets;
  const from = ctx.config.twilio.from;
  if (!accountSid || !authToken) return undefined;
  if (!from) {
    ctx.log.warn('Twilio credentials are set but twilio.from is not: managers use the console');
    return undefined;
  }
  // The SDK is large; like Slack's, it loads only when it will be used.
  const { createTwilioClient } = await import('../adapters/whatsapp/client.js');
  const client = createTwilioClient({
    accountSid,
    authToken,
    ...(ctx.config.twilio.apiUrl ? { apiUrl: ctx.config.twilio.apiUrl } : {}),
  });
  return {
    client,
    from,
    templates: ctx.config.twilio.templates,
    ...(ctx.config.server.publicUrl ? { statusCallback: `${publicUrl}${STATUS_PATH}` } : {}),
  };
}
