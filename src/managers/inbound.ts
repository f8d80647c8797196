import type { MessageDoc } from '../bot/messages/doc.js';
import type { CommandRouter } from '../bot/router.js';
import type { ManagerConfig } from '../config/managers.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { Outbox } from '../outbox/outbox.js';
import type { ManagerStore } from './manager-store.js';
import { helpDoc, noteFailedDoc, startedDoc } from './messages.js';

/** Words managers type (Spanish and English) → the router command they run. */
const COMMAND_WORDS: Readonly<Record<string, string>> = {
  estado: 'status',
  status: 'status',
  readiness: 'readiness',
  preparacion: 'readiness',
  mercado: 'market',
  market: 'market',
  reconocer: 'ack',
  ack: 'ack',
};
const HELP_WORDS = new Set(['ayuda', 'help', 'menu', 'comandos', 'commands', '?']);

export interface InboundDeps {
  store: ManagerStore;
  outbox: Outbox;
  router: CommandRouter;
  clock: Clock;
  log: Logger;
  /** Free text this soon after a page becomes a note on the paged incident. */
  replyWindowMs: number;
}

/** What a manager's message means, decided without side effects. */
export type InboundIntent =
  | { kind: 'stop' }
  | { kind: 'start' }
  | { kind: 'help' }
  | { kind: 'command'; text: string }
  | { kind: 'free'; text: string };

export function parseInbound(text: string): InboundIntent {
  const trimmed = text.trim();
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const word = first
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
  if (word === 'stop' && rest.length === 0) return { kind: 'stop' };
  if (word === 'start' && rest.length === 0) return { kind: 'start' };
  if (HELP_WORDS.has(word) && rest.length === 0) return { kind: 'help' };
  const command = COMMAND_WORDS[word];
  if (command) return { kind: 'command', text: [command, ...rest].join(' ') };
  return { kind: 'free', text: trimmed };
}

/**
 * Handles one message from a known manager. STOP and START take effect at once (before the
 * webhook answers); commands run afterwards and their answer goes out through the outbox.
 */
export class InboundHandler {
  readonly #d: InboundDeps;

  constructor(deps: InboundDeps) {
    this.#d = deps;
  }

  /** The fast part, inside the webhook request; returns the slow part, or undefined. */
  accept(
    manager: ManagerConfig,
    messageSid: string,
    text: string,
  ): (() => Promise<void>) | undefined {
    const { store, clock, log } = this.#d;
    if (!store.claimInbound(messageSid, manager.id)) {
      log.debug({ manager: manager.id }, 'whatsapp redelivery ignored');
      return undefined;
    }
    store.recordInbound(manager.id, clock.now());
    const intent = parseInbound(text);
    if (intent.kind === 'stop') {
      store.setStopped(manager.id, true);
      log.info({ manager: manager.id }, 'manager sent STOP; sending paused');
      return undefined;
    }
    if (intent.kind === 'start') {
      store.setStopped(manager.id, false);
      log.info({ manager: manager.id }, 'manager sent START; sending resumed');
      this.#reply(manager, messageSid, startedDoc(manager.locale, manager.name));
      return undefined;
    }
    if (store.state(manager.id).stopped) {
      log.info({ manager: manager.id }, 'message from a stopped manager; not answered');
      return undefined;
    }
    return () => this.#answer(manager, messageSid, intent);
  }

  async #answer(manager: ManagerConfig, messageSid: string, intent: InboundIntent): Promise<void> {
    const { router, store, clock, replyWindowMs } = this.#d;
    const dispatch = async (text: string) =>
      (
        await router.dispatch({
          text,
          caller: { id: manager.id, name: manager.name, groups: [], adapter: 'whatsapp' },
          locale: manager.locale,
          channel: `manager:${manager.id}`,
          deliveryId: messageSid,
        })
      ).doc;
    let doc: MessageDoc;
    if (intent.kind === 'command') {
      doc = await dispatch(intent.text);
    } else if (intent.kind === 'free') {
      const incident = store.lastPagedIncident(manager.id, clock.now() - replyWindowMs);
      if (incident === undefined) doc = helpDoc(manager.locale, replyWindowMs);
      else if (!hasCommand(router, 'note')) doc = noteFailedDoc(manager.locale, incident);
      else doc = await dispatch(`note ${incident} ${intent.text}`);
    } else {
      doc = helpDoc(manager.locale, replyWindowMs);
    }
    this.#reply(manager, messageSid, doc);
  }

  #reply(manager: ManagerConfig, messageSid: string, doc: MessageDoc): void {
    this.#d.outbox.enqueue({
      channelKey: `manager:${manager.id}`,
      doc,
      dedupeKey: `whatsapp-reply:${messageSid}`,
    });
  }
}

function hasCommand(router: CommandRouter, word: string): boolean {
  return router.commands().some((c) => c.name === word || (c.aliases ?? []).includes(word));
}
