import type { MessageDoc } from '../bot/messages/doc.js';
import type { Clock } from '../core/clock.js';
import { type Db, type Statement, statementCache } from '../store/db.js';

export interface EnqueueRequest {
  /** Logical channel from the config (`alerts`, `team`, `manager:ana`). */
  channelKey: string;
  doc: MessageDoc;
  /** `update` edits the message last posted under `refKey`, or posts it if there is none. */
  op?: 'post' | 'update';
  /** Names the logical message (`alert:12`) so later updates and thread replies find it. */
  refKey?: string;
  /** Posts as a reply in the thread of the message posted under this key. */
  threadKey?: string;
  /** A second enqueue with the same key is ignored: announcements happen once. */
  dedupeKey?: string;
}

export interface OutboxRow {
  id: number;
  channel_key: string;
  op: 'post' | 'update';
  ref_key: string | null;
  thread_key: string | null;
  doc: string;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
}

/**
 * The durable queue every outgoing message passes through. Enqueueing is synchronous and
 * joins the caller's transaction, so a state change and its announcement commit together:
 * after a crash either both happened or neither did.
 */
export class Outbox {
  readonly #sql: (sql: string) => Statement;
  readonly #clock: Clock;
  readonly #insert;
  readonly #listeners = new Set<() => void>();

  constructor(db: Db, clock: Clock) {
    this.#sql = statementCache(db);
    this.#clock = clock;
    this.#insert = db.prepare(`INSERT INTO outbox
      (channel_key, op, ref_key, thread_key, dedupe_key, doc, status, next_attempt_at, created_at)
      VALUES (@channelKey, @op, @refKey, @threadKey, @dedupeKey, @doc, 'pending', @now, @now)
      ON CONFLICT (dedupe_key) DO NOTHING`);
  }

  /** Returns the new row id, or undefined when `dedupeKey` was already used. */
  enqueue(request: EnqueueRequest): number | undefined {
    const info = this.#insert.run({
      channelKey: request.channelKey,
      op: request.op ?? 'post',
      refKey: request.refKey ?? null,
      threadKey: request.threadKey ?? null,
      dedupeKey: request.dedupeKey ?? null,
      doc: JSON.stringify(request.doc),
      now: this.#clock.now(),
    });
    if (info.changes === 0) return undefined;
    for (const listener of this.#listeners) listener();
    return Number(info.lastInsertRowid);
  }

  /** Called after each enqueue so a dispatcher can deliver without waiting for its poll. */
  onEnqueue(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The oldest pending rows, in the order they were enqueued. */
  pending(limit: number): OutboxRow[] {
    return this.#sql(`SELECT id, channel_key, op, ref_key, thread_key, doc, attempts, next_attempt_at, created_at
        FROM outbox WHERE status = 'pending' ORDER BY id LIMIT ?`).all(limit) as OutboxRow[];
  }

  markSent(id: number): void {
    this.#sql(`UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1,
        last_error = NULL WHERE id = ?`).run(this.#clock.now(), id);
  }

  /** An edit that a later edit of the same message carries: counted as sent, never sent. */
  markSuperseded(id: number, by: number): void {
    this.#sql(`UPDATE outbox SET status = 'sent', sent_at = ?, superseded_by = ?
        WHERE id = ? AND status = 'pending'`).run(this.#clock.now(), by, id);
  }

  markFailed(id: number, reason: string): void {
    this.#sql(`UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?
        WHERE id = ?`).run(reason, id);
  }

  scheduleRetry(id: number, reason: string, at: number): void {
    this.#sql(`UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?
        WHERE id = ?`).run(reason, at, id);
  }

  counts(): { pending: number; failed: number; sent: number } {
    const rows = this.#sql(
      'SELECT status, COUNT(*) AS n FROM outbox GROUP BY status',
    ).all() as Array<{ status: string; n: number }>;
    const out = { pending: 0, failed: 0, sent: 0 };
    for (const row of rows) out[row.status as keyof typeof out] = row.n;
    return out;
  }

  /** Deletes delivered rows older than `before`; failed rows are kept for inspection. */
  prune(before: number): number {
    return this.#sql(`DELETE FROM outbox WHERE status = 'sent' AND sent_at < ?`).run(before)
      .changes;
  }
}
