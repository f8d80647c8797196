import type { ChatAdapter, DeliveryOutcome, OutgoingMessage } from '../adapters/types.js';
import type { MessageDoc } from '../bot/messages/doc.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { Locale } from '../i18n/locale.js';
import type { Outbox, OutboxRow } from './outbox.js';
import type { MessageRefs } from './refs.js';

/** Where a logical channel is delivered: which adapter, which destination, in which language. */
export interface Route {
  adapter: ChatAdapter;
  destination: string;
  locale: Locale;
}

export type RouteResolver = (channelKey: string) => Route | undefined;

export interface DispatcherOptions {
  outbox: Outbox;
  refs: MessageRefs;
  route: RouteResolver;
  clock: Clock;
  log: Logger;
  /** How often due retries are looked for when nothing new is enqueued. */
  pollMs?: number;
  /** Backoff for the first retry; doubles each attempt up to `maxBackoffMs`. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** A message still failing transiently after this long is given up as failed. */
  maxAgeMs?: number;
  /** Randomness for backoff jitter; tests pass a constant. */
  random?: () => number;
}

/**
 * Delivers outbox rows in enqueue order, one at a time. A channel whose oldest message is
 * waiting for a retry holds its later messages back, so a resolution never overtakes the alert
 * it resolves; other channels keep flowing.
 */
export class Dispatcher {
  readonly #o: Required<DispatcherOptions>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  /** Only a started dispatcher kicks itself; `drain` works either way (tests call it). */
  #started = false;
  /** Set by `stop`: a pass in flight ends after the delivery it is making. */
  #stopping = false;
  #unsubscribe: (() => void) | undefined;

  constructor(options: DispatcherOptions) {
    this.#o = {
      pollMs: 1000,
      baseBackoffMs: 2000,
      maxBackoffMs: 5 * 60_000,
      maxAgeMs: 24 * 3_600_000,
      random: Math.random,
      ...options,
    };
  }

  start(): void {
    this.#started = true;
    this.#stopping = false;
    this.#unsubscribe = this.#o.outbox.onEnqueue(() => this.kick());
    this.kick();
  }

  /** Stops polling and waits for the delivery in flight; pending rows stay for next start. */
  async stop(): Promise<void> {
    this.#started = false;
    this.#stopping = true;
    this.#unsubscribe?.();
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }

  /** Runs a pass now (or right after the current one). */
  kick(): void {
    if (!this.#started) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#running = this.drain()
      .catch((err: unknown) => this.#o.log.error({ err }, 'outbox pass failed'))
      .finally(() => {
        this.#running = undefined;
        if (!this.#started) return;
        if (this.#again) {
          this.#again = false;
          this.kick();
        } else {
          this.#timer = setTimeout(() => this.kick(), this.#o.pollMs);
          this.#timer.unref();
        }
      });
  }

  /** Delivers every row that is due; exposed for tests. */
  async drain(): Promise<void> {
    const held = new Set<string>();
    const rows = this.#o.outbox.pending(200);
    const lastEdit = lastEdits(rows);
    for (const row of rows) {
      if (this.#stopping) return;
      if (held.has(row.channel_key)) continue;
      if (row.next_attempt_at > this.#o.clock.now()) {
        held.add(row.channel_key);
        continue;
      }
      // A burst of edits of one message (an incident folding seven alerts) goes out as its
      // last edit: Slack's rate limits are per channel, and the earlier states are history.
      const later = row.op === 'update' && row.ref_key ? lastEdit.get(editKey(row)) : undefined;
      if (later !== undefined && later !== row.id && this.#posted(row)) {
        this.#o.outbox.markSuperseded(row.id, later);
        continue;
      }
      const delivered = await this.#deliver(row);
      if (!delivered) held.add(row.channel_key);
    }
  }

  /** Whether the message a row edits exists already, so a later edit can stand in for it. */
  #posted(row: OutboxRow): boolean {
    const route = this.#o.route(row.channel_key);
    return Boolean(route && row.ref_key && this.#o.refs.get(row.ref_key, route.adapter.name));
  }

  /** Returns false when the row stays pending (its channel must wait). */
  async #deliver(row: OutboxRow): Promise<boolean> {
    const { outbox, refs, log, clock } = this.#o;
    const route = this.#o.route(row.channel_key);
    if (!route) {
      log.error({ outboxId: row.id, channel: row.channel_key }, 'no route for channel');
      outbox.markFailed(row.id, `no route for channel "${row.channel_key}"`);
      return true;
    }
    const message = this.#message(row, route);
    const outcome: DeliveryOutcome = await route.adapter
      .deliver(message)
      .catch((err: unknown) => ({ status: 'retry', reason: String(err) }));
    const fields = { outboxId: row.id, channel: row.channel_key, adapter: route.adapter.name };
    if (outcome.status === 'sent') {
      outbox.markSent(row.id);
      if (row.ref_key && outcome.ref) refs.set(row.ref_key, route.adapter.name, outcome.ref);
      log.debug(fields, 'message delivered');
      return true;
    }
    if (outcome.status === 'failed') {
      outbox.markFailed(row.id, outcome.reason);
      log.error({ ...fields, reason: outcome.reason }, 'message refused permanently');
      return true;
    }
    if (clock.now() - row.created_at > this.#o.maxAgeMs) {
      outbox.markFailed(row.id, `gave up after ${row.attempts + 1} attempts: ${outcome.reason}`);
      log.error({ ...fields, reason: outcome.reason }, 'message expired undelivered');
      return true;
    }
    const delay = outcome.retryAfterMs ?? this.#backoff(row.attempts);
    outbox.scheduleRetry(row.id, outcome.reason, clock.now() + delay);
    log.warn({ ...fields, reason: outcome.reason, retryInMs: delay }, 'delivery will be retried');
    return false;
  }

  #message(row: OutboxRow, route: Route): OutgoingMessage {
    const adapter = route.adapter.name;
    const ref = row.ref_key ? this.#o.refs.get(row.ref_key, adapter) : undefined;
    const thread = row.thread_key ? this.#o.refs.get(row.thread_key, adapter) : undefined;
    const op = row.op === 'update' && ref ? 'update' : 'post';
    return {
      outboxId: row.id,
      channelKey: row.channel_key,
      destination: route.destination,
      locale: route.locale,
      doc: JSON.parse(row.doc) as MessageDoc,
      op,
      ...(op === 'update' && ref ? { ref } : {}),
      ...(thread ? { thread } : {}),
    };
  }

  #backoff(attempts: number): number {
    const base = Math.min(this.#o.maxBackoffMs, this.#o.baseBackoffMs * 2 ** attempts);
    return Math.round(base * (0.75 + this.#o.random() * 0.5));
  }
}

const editKey = (row: OutboxRow) => `${row.channel_key}\u0000${row.ref_key}`;

/** The newest pending edit of each message, by channel and `refKey`. */
function lastEdits(rows: readonly OutboxRow[]): Map<string, number> {
  const last = new Map<string, number>();
  for (const row of rows) if (row.op === 'update' && row.ref_key) last.set(editKey(row), row.id);
  return last;
}
