import type { ExternalRef } from '../adapters/types.js';
import type { Clock } from '../core/clock.js';
import { type Db, type Statement, statementCache } from '../store/db.js';

/** Remembers where each logical message was posted on each adapter, for edits and threads. */
export class MessageRefs {
  readonly #sql: (sql: string) => Statement;
  readonly #clock: Clock;

  constructor(db: Db, clock: Clock) {
    this.#sql = statementCache(db);
    this.#clock = clock;
  }

  get(refKey: string, adapter: string): ExternalRef | undefined {
    const row = this.#sql(
      'SELECT channel, message_id FROM message_refs WHERE ref_key = ? AND adapter = ?',
    ).get(refKey, adapter) as { channel: string; message_id: string } | undefined;
    return row ? { channel: row.channel, id: row.message_id } : undefined;
  }

  set(refKey: string, adapter: string, ref: ExternalRef): void {
    this.#sql(`INSERT INTO message_refs (ref_key, adapter, channel, message_id, updated_at)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (ref_key, adapter) DO UPDATE SET channel = excluded.channel,
          message_id = excluded.message_id, updated_at = excluded.updated_at`).run(
      refKey,
      adapter,
      ref.channel,
      ref.id,
      this.#clock.now(),
    );
  }
}
