import type { MessageDoc } from '../bot/messages/doc.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../store/db.js';

export interface ManagerState {
  lastInboundAt: number | undefined;
  stopped: boolean;
  /** Set after a permanent delivery failure; cleared when the manager writes in again. */
  pausedReason: string | undefined;
}

export interface HeldMessage {
  id: number;
  outboxId: number;
  reason: string;
  doc: MessageDoc;
  heldAt: number;
}

interface StateRow {
  last_inbound_at: number | null;
  stopped: number;
  paused_reason: string | null;
}

interface HeldRow {
  id: number;
  outbox_id: number;
  reason: string;
  doc: string;
  held_at: number;
}

/** SQL for everything guardia remembers about each manager's WhatsApp conversation. */
export class ManagerStore {
  readonly #db: Db;
  readonly #clock: Clock;

  constructor(db: Db, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  state(managerId: string): ManagerState {
    const row = this.#db
      .prepare(
        'SELECT last_inbound_at, stopped, paused_reason FROM whatsapp_managers WHERE manager_id = ?',
      )
      .get(managerId) as StateRow | undefined;
    return {
      lastInboundAt: row?.last_inbound_at ?? undefined,
      stopped: row?.stopped === 1,
      pausedReason: row?.paused_reason ?? undefined,
    };
  }

  /** Records an inbound message: opens the window and lifts a pause (the number works). */
  recordInbound(managerId: string, at: number): void {
    this.#upsert(managerId, 'last_inbound_at = excluded.last_inbound_at, paused_reason = NULL', {
      last_inbound_at: at,
    });
  }

  /** Returns false when this MessageSid was handled before (a redelivery). */
  claimInbound(messageSid: string, managerId: string): boolean {
    const info = this.#db
      .prepare(`INSERT INTO whatsapp_inbound (message_sid, manager_id, received_at)
        VALUES (?, ?, ?) ON CONFLICT (message_sid) DO NOTHING`)
      .run(messageSid, managerId, this.#clock.now());
    return info.changes === 1;
  }

  /** Twilio said the window is closed (63016): forget the inbound time so sends are replanned. */
  closeWindow(managerId: string): void {
    this.#upsert(managerId, 'last_inbound_at = NULL', {});
  }

  setStopped(managerId: string, stopped: boolean): void {
    this.#upsert(managerId, 'stopped = excluded.stopped', { stopped: stopped ? 1 : 0 });
  }

  /** Returns true when the manager was not paused before (so the pause is announced once). */
  pause(managerId: string, reason: string): boolean {
    const before = this.state(managerId).pausedReason;
    this.#upsert(managerId, 'paused_reason = excluded.paused_reason', { paused_reason: reason });
    return before === undefined;
  }

  hold(managerId: string, outboxId: number, reason: string, doc: MessageDoc): void {
    this.#db
      .prepare(`INSERT INTO whatsapp_held (manager_id, outbox_id, reason, doc, held_at)
        VALUES (?, ?, ?, ?, ?)`)
      .run(managerId, outboxId, reason, JSON.stringify(doc), this.#clock.now());
  }

  held(managerId: string): HeldMessage[] {
    const rows = this.#db
      .prepare(`SELECT id, outbox_id, reason, doc, held_at FROM whatsapp_held
        WHERE manager_id = ? AND released_at IS NULL ORDER BY id`)
      .all(managerId) as HeldRow[];
    return rows.map((r) => ({
      id: r.id,
      outboxId: r.outbox_id,
      reason: r.reason,
      doc: JSON.parse(r.doc) as MessageDoc,
      heldAt: r.held_at,
    }));
  }

  release(ids: readonly number[]): void {
    const update = this.#db.prepare('UPDATE whatsapp_held SET released_at = ? WHERE id = ?');
    const now = this.#clock.now();
    this.#db.transaction(() => {
      for (const id of ids) update.run(now, id);
    })();
  }

  /** Indexes of the parts of an outbox message Twilio already accepted. */
  sentParts(outboxId: number): Set<number> {
    const rows = this.#db
      .prepare('SELECT part FROM whatsapp_sent WHERE outbox_id = ?')
      .all(outboxId) as Array<{ part: number }>;
    return new Set(rows.map((r) => r.part));
  }

  recordSent(outboxId: number, part: number, messageSid: string, managerId: string): void {
    this.#db
      .prepare(`INSERT OR IGNORE INTO whatsapp_sent (outbox_id, part, message_sid, manager_id, sent_at)
        VALUES (?, ?, ?, ?, ?)`)
      .run(outboxId, part, messageSid, managerId, this.#clock.now());
  }

  /** The manager a message SID was sent to, for status callbacks. */
  managerForMessage(messageSid: string): string | undefined {
    const row = this.#db
      .prepare('SELECT manager_id FROM whatsapp_sent WHERE message_sid = ?')
      .get(messageSid) as { manager_id: string } | undefined;
    return row?.manager_id;
  }

  recordStatus(
    messageSid: string,
    status: string,
    errorCode: string | undefined,
    managerId?: string,
  ): void {
    this.#db
      .prepare(`INSERT INTO whatsapp_status (message_sid, status, error_code, manager_id, at)
        VALUES (?, ?, ?, ?, ?)`)
      .run(messageSid, status, errorCode ?? null, managerId ?? null, this.#clock.now());
  }

  statuses(messageSid: string): Array<{ status: string; errorCode: string | undefined }> {
    const rows = this.#db
      .prepare(
        'SELECT status, error_code FROM whatsapp_status WHERE message_sid = ? ORDER BY rowid',
      )
      .all(messageSid) as Array<{ status: string; error_code: string | null }>;
    return rows.map((r) => ({ status: r.status, errorCode: r.error_code ?? undefined }));
  }

  recordPage(managerId: string, incidentId: number): void {
    this.#db
      .prepare('INSERT INTO whatsapp_pages (manager_id, incident_id, paged_at) VALUES (?, ?, ?)')
      .run(managerId, incidentId, this.#clock.now());
  }

  /** The incident this manager was most recently paged about since `since`. */
  lastPagedIncident(managerId: string, since: number): number | undefined {
    const row = this.#db
      .prepare(`SELECT incident_id FROM whatsapp_pages WHERE manager_id = ? AND paged_at >= ?
        ORDER BY paged_at DESC, rowid DESC LIMIT 1`)
      .get(managerId, since) as { incident_id: number } | undefined;
    return row?.incident_id;
  }

  #upsert(managerId: string, set: string, values: Record<string, number | string | null>): void {
    const row = { last_inbound_at: null, stopped: 0, paused_reason: null, ...values };
    this.#db
      .prepare(`INSERT INTO whatsapp_managers
        (manager_id, last_inbound_at, stopped, paused_reason, updated_at)
        VALUES (@id, @last_inbound_at, @stopped, @paused_reason, @now)
        ON CONFLICT (manager_id) DO UPDATE SET ${set}, updated_at = excluded.updated_at`)
      .run({ id: managerId, now: this.#clock.now(), ...row });
  }
}
