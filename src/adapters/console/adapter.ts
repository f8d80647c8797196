import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandRouter } from '../../bot/router.js';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import { dateFormat } from '../../i18n/format.js';
import type { Locale } from '../../i18n/locale.js';
import type { ChatAdapter, DeliveryOutcome, OutgoingMessage } from '../types.js';
import { renderConsoleMessage } from './render.js';

export interface ConsoleAdapterOptions {
  input: Readable;
  output: Writable;
  clock: Clock;
  log: Logger;
  locale: Locale;
  timeZone: string;
  /** ANSI styling; on by default only when output is a terminal. */
  ansi?: boolean;
  /** Who typed commands are attributed to in the audit log. */
  user?: string;
  /**
   * Resolves when every target has been checked once; the console then prints `status`, so
   * whoever started guardia sees where everything stands without typing anything.
   */
  firstRound?: Promise<boolean>;
}

/**
 * Stands in for the chat platforms when no credentials are set: channel messages are printed
 * with their channel name, and lines typed on standard input go to the same command router the
 * Slack adapter uses. With standard input closed (no terminal) it keeps running until a signal.
 */
export class ConsoleAdapter implements ChatAdapter {
  readonly name = 'console';
  readonly #o: ConsoleAdapterOptions;
  #rl: Interface | undefined;
  #pending = new Set<Promise<void>>();

  constructor(options: ConsoleAdapterOptions) {
    this.#o = options;
  }

  async start(router: CommandRouter): Promise<void> {
    this.#rl = createInterface({ input: this.#o.input, terminal: false });
    this.#rl.on('line', (line) => {
      const job = this.#handle(router, line).finally(() => this.#pending.delete(job));
      this.#pending.add(job);
    });
    this.#rl.on('close', () => this.#o.log.debug('console input closed; still running'));
    this.#print(
      'guardia is running in the console: channel messages print here, logs go to standard ' +
        'error.\nType a command (/ops help lists them); Ctrl-C stops.',
    );
    const firstRound = this.#o.firstRound;
    if (firstRound) {
      const job = firstRound
        .then(async (complete) => {
          if (complete) await this.#command(router, 'status', 'status at start');
        })
        .finally(() => this.#pending.delete(job));
      this.#pending.add(job);
    }
  }

  async stop(): Promise<void> {
    this.#rl?.close();
    await Promise.allSettled([...this.#pending]);
  }

  async deliver(message: OutgoingMessage): Promise<DeliveryOutcome> {
    // The outbox id is unique across restarts, so "edit of message 4" always means one message.
    const id = String(message.outboxId);
    const relation =
      message.op === 'update' && message.ref
        ? `edit of message ${message.ref.id}`
        : message.thread
          ? `reply in thread of message ${message.thread.id}`
          : `message ${id}`;
    this.#print(
      renderConsoleMessage(message.doc, {
        channel: message.destination,
        time: this.#time(),
        relation,
        ansi: this.#ansi(),
      }),
    );
    const ref =
      message.op === 'update' && message.ref ? message.ref : { channel: message.destination, id };
    return { status: 'sent', ref };
  }

  async #handle(router: CommandRouter, line: string): Promise<void> {
    const trimmed = line.trim();
    if (!trimmed) return;
    const text = trimmed.replace(/^\/ops\b\s*/i, '').replace(/^@guardia\b\s*/i, '');
    // The header names the command; a long note would fill the screen twice.
    const chars = [...trimmed];
    const shown = chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : trimmed;
    await this.#command(router, text, `reply to ${shown}`);
  }

  /** Runs one command as the console user and prints the answer under `label`. */
  async #command(router: CommandRouter, text: string, label: string): Promise<void> {
    const reply = await router.dispatch({
      text,
      caller: {
        id: this.#o.user ?? 'console',
        name: this.#o.user ?? 'console',
        groups: [],
        adapter: 'console',
      },
      locale: this.#o.locale,
      channel: 'console',
    });
    this.#print(
      renderConsoleMessage(reply.doc, {
        channel: reply.visibility === 'ephemeral' ? label : `#console`,
        time: this.#time(),
        ansi: this.#ansi(),
      }),
    );
  }

  #print(text: string): void {
    this.#o.output.write(`${text}\n\n`);
  }

  #ansi(): boolean {
    return this.#o.ansi ?? Boolean((this.#o.output as { isTTY?: boolean }).isTTY);
  }

  #time(): string {
    return dateFormat('en-GB', {
      timeZone: this.#o.timeZone,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    }).format(new Date(this.#o.clock.now()));
  }
}
