import type { MessageDoc } from '../../bot/messages/doc.js';
import type { CommandRouter } from '../../bot/router.js';
import type { ManagerConfig, TwilioConfig } from '../../config/managers.js';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import type { Locale } from '../../i18n/locale.js';
import type { ManagerStore } from '../../managers/manager-store.js';
import { type HeldReason, heldBlock } from '../../managers/messages.js';
import { incidentIdOf, messageKind, planSend, templateVariables } from '../../managers/window.js';
import type { ChatAdapter, DeliveryOutcome, ExternalRef, OutgoingMessage } from '../types.js';
import { classifyTwilioError } from './classify.js';
import type { TwilioClient } from './client.js';
import { renderWhatsApp } from './render.js';

export interface TwilioSending {
  client: TwilioClient;
  /** `whatsapp:+E.164` sender. */
  from: string;
  templates: TwilioConfig['templates'];
  /** Where Twilio posts delivery statuses; omitted when no public URL is configured. */
  statusCallback?: string;
}

export interface WhatsAppAdapterOptions {
  managers: readonly ManagerConfig[];
  store: ManagerStore;
  clock: Clock;
  log: Logger;
  /** Default time zone for managers that do not set their own. */
  timeZone: string;
  /** Real sending through Twilio; when absent, messages go to `preview` instead. */
  twilio?: TwilioSending;
  /** The console, when there are no Twilio credentials: the same text, printed locally. */
  preview?: ChatAdapter;
  /** Called once when a manager becomes unreachable (opted out, blocked, not on WhatsApp). */
  onUnreachable?: (manager: ManagerConfig, reason: string) => void;
}

/**
 * Delivers `manager:<id>` messages on WhatsApp. Honours STOP and pauses, Twilio's 24-hour
 * rule (free-form, template, or held back), splits long text, and folds held-back messages
 * into the next one that goes out, so nothing is dropped without a trace.
 */
export class WhatsAppAdapter implements ChatAdapter {
  readonly name = 'whatsapp';
  readonly #o: WhatsAppAdapterOptions;
  readonly #managers: Map<string, ManagerConfig>;

  constructor(options: WhatsAppAdapterOptions) {
    this.#o = options;
    this.#managers = new Map(options.managers.map((m) => [m.id, m]));
  }

  /** Inbound messages arrive through guardia's HTTP server (see webhook.ts), not here. */
  async start(_router: CommandRouter): Promise<void> {}

  async stop(): Promise<void> {}

  async deliver(message: OutgoingMessage): Promise<DeliveryOutcome> {
    const manager = this.#managers.get(message.channelKey.replace(/^manager:/, ''));
    if (!manager) {
      return { status: 'failed', reason: `no manager for channel "${message.channelKey}"` };
    }
    const { store, clock } = this.#o;
    const state = store.state(manager.id);
    const log = this.#o.log.child({ manager: manager.id, outboxId: message.outboxId });
    const hold = (reason: HeldReason): DeliveryOutcome => {
      store.hold(manager.id, message.outboxId, reason, message.doc);
      log.info({ reason }, 'whatsapp message held back');
      return { status: 'sent' };
    };
    const kind = messageKind(message.doc);
    if (kind === 'page' && !manager.pages) {
      log.info('page not sent: this manager does not receive pages');
      return { status: 'failed', reason: `managers.${manager.id}.pages is false` };
    }
    if (state.stopped) return hold('stopped');
    if (state.pausedReason) return hold('paused');
    const twilio = this.#o.twilio;
    const plan = twilio
      ? planSend({
          now: clock.now(),
          lastInboundAt: state.lastInboundAt,
          kind,
          templates: twilio.templates,
        })
      : ({ mode: 'freeform' } as const);
    if (plan.mode === 'hold') return hold('window');
    log.debug({ mode: plan.mode, kind }, 'whatsapp send planned');
    const outcome =
      plan.mode === 'template' && twilio
        ? await this.#sendTemplate(twilio, manager, message, plan.template)
        : await this.#sendFreeform(manager, message);
    if (outcome.status === 'sent' && kind === 'page') this.#recordPage(manager, message.doc);
    return outcome;
  }

  async #sendFreeform(manager: ManagerConfig, message: OutgoingMessage): Promise<DeliveryOutcome> {
    const held = this.#o.store.held(manager.id);
    const doc = held.length ? this.#fold(manager, message.locale, message.doc, held) : message.doc;
    const parts = renderWhatsApp(doc, { locale: message.locale });
    const outcome = this.#o.twilio
      ? await this.#sendParts(this.#o.twilio, manager, message, parts)
      : await this.#preview(manager, message, parts);
    if (outcome.status === 'sent' && held.length) this.#o.store.release(held.map((h) => h.id));
    return outcome;
  }

  #fold(
    manager: ManagerConfig,
    locale: Locale,
    doc: MessageDoc,
    held: ReturnType<ManagerStore['held']>,
  ): MessageDoc {
    const timeZone = manager.timeZone ?? this.#o.timeZone;
    const summary = held.map((h) => ({
      heldAt: h.heldAt,
      title: h.doc.text,
      reason: h.reason as HeldReason,
    }));
    // The latest few held messages are repeated in full; older ones only by their title.
    const full = held
      .slice(-3)
      .flatMap((h) => [
        { type: 'divider' as const },
        ...h.doc.blocks.filter((b) => b.type !== 'image'),
      ]);
    return {
      ...doc,
      blocks: [...doc.blocks, { type: 'divider' }, heldBlock(locale, timeZone, summary), ...full],
    };
  }

  async #sendParts(
    twilio: TwilioSending,
    manager: ManagerConfig,
    message: OutgoingMessage,
    parts: string[],
  ): Promise<DeliveryOutcome> {
    const already = this.#o.store.sentParts(message.outboxId);
    let first: ExternalRef | undefined;
    for (const [index, body] of parts.entries()) {
      if (already.has(index)) continue;
      const sent = await this.#create(twilio, manager, message, { body }, index);
      if (sent.status !== 'sent') return sent;
      first ??= sent.ref;
    }
    return first ? { status: 'sent', ref: first } : { status: 'sent' };
  }

  async #sendTemplate(
    twilio: TwilioSending,
    manager: ManagerConfig,
    message: OutgoingMessage,
    template: NonNullable<TwilioConfig['templates']['page']>,
  ): Promise<DeliveryOutcome> {
    const timeZone = manager.timeZone ?? this.#o.timeZone;
    const held = this.#o.store.held(manager.id).length;
    const variables = templateVariables(template, {
      title: message.doc.text,
      summary: renderWhatsApp(message.doc, { locale: message.locale })
        .join(' ')
        .replace(/[*_`]/g, ''),
      manager: manager.name,
      held: String(held),
      time: new Intl.DateTimeFormat(message.locale, {
        timeZone,
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(this.#o.clock.now())),
    });
    const params = { contentSid: template.sid, contentVariables: JSON.stringify(variables) };
    return this.#create(twilio, manager, message, params, 0);
  }

  async #create(
    twilio: TwilioSending,
    manager: ManagerConfig,
    message: OutgoingMessage,
    content: { body: string } | { contentSid: string; contentVariables: string },
    part: number,
  ): Promise<DeliveryOutcome> {
    const to = `whatsapp:${manager.phone}`;
    try {
      const sent = await twilio.client.messages.create({
        from: twilio.from,
        to,
        ...content,
        ...(twilio.statusCallback ? { statusCallback: twilio.statusCallback } : {}),
      });
      this.#o.store.recordSent(message.outboxId, part, sent.sid, manager.id);
      return { status: 'sent', ref: { channel: to, id: sent.sid } };
    } catch (err) {
      return this.#failed(manager, message, err);
    }
  }

  #failed(manager: ManagerConfig, message: OutgoingMessage, err: unknown): DeliveryOutcome {
    const classified = classifyTwilioError(err);
    const log = this.#o.log.child({ manager: manager.id, outboxId: message.outboxId });
    if (classified.recipient) {
      const reason = classified.outcome.reason;
      if (this.#o.store.pause(manager.id, reason)) {
        log.error({ code: classified.code }, 'whatsapp manager unreachable; paused');
        this.#o.onUnreachable?.(manager, reason);
      }
    } else if (classified.outsideWindow) {
      // Our record of the window was wrong; the retry is planned again (template or hold).
      this.#o.store.closeWindow(manager.id);
      log.warn({ code: classified.code }, 'twilio says the window is closed; replanning');
      return { status: 'retry', reason: classified.outcome.reason, retryAfterMs: 0 };
    } else {
      log.warn({ code: classified.code }, 'whatsapp send failed');
    }
    return classified.outcome;
  }

  async #preview(
    manager: ManagerConfig,
    message: OutgoingMessage,
    parts: string[],
  ): Promise<DeliveryOutcome> {
    const preview = this.#o.preview;
    if (!preview) return { status: 'failed', reason: 'no Twilio credentials and no console' };
    let first: ExternalRef | undefined;
    for (const [index, text] of parts.entries()) {
      const outcome = await preview.deliver({
        ...message,
        op: 'post',
        destination: `whatsapp:${manager.name}${parts.length > 1 ? ` (${index + 1}/${parts.length})` : ''}`,
        doc: { text, blocks: [{ type: 'section', text }] },
      });
      if (outcome.status !== 'sent') return outcome;
      first ??= outcome.ref;
    }
    return first ? { status: 'sent', ref: first } : { status: 'sent' };
  }

  #recordPage(manager: ManagerConfig, doc: MessageDoc): void {
    const id = incidentIdOf(doc.actions ?? []);
    if (id !== undefined) this.#o.store.recordPage(manager.id, id);
  }
}
