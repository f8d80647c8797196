import type { CheckResult } from '../monitors/types.js';
import { type Db, type Statement, statementCache } from '../store/db.js';

export interface AlertRecord {
  id: number;
  targetId: string;
  kind: string;
  severity: 'critical' | 'warning';
  status: 'open' | 'resolved';
  reason: string;
  openedAt: number;
  resolvedAt: number | undefined;
  lastNotifiedAt: number;
  reminders: number;
  /** The failed check that opened the alert, so messages can describe it in any language. */
  cause: CheckResult | undefined;
}

interface AlertRow {
  id: number;
  target_id: string;
  kind: string;
  severity: 'critical' | 'warning';
  status: 'open' | 'resolved';
  reason: string;
  opened_at: number;
  resolved_at: number | null;
  last_notified_at: number;
  reminders: number;
  detail: string | null;
}

function toRecord(row: AlertRow): AlertRecord {
  return {
    id: row.id,
    targetId: row.target_id,
    kind: row.kind,
    severity: row.severity,
    status: row.status,
    reason: row.reason,
    openedAt: row.opened_at,
    resolvedAt: row.resolved_at ?? undefined,
    lastNotifiedAt: row.last_notified_at,
    reminders: row.reminders,
    cause: row.detail ? (JSON.parse(row.detail) as CheckResult) : undefined,
  };
}

export interface Counters {
  failures: number;
  successes: number;
}

/** SQL for alerts and per-target counters; no policy lives here. */
export class AlertStore {
  readonly #db: Db;
  readonly #sql: (sql: string) => Statement;

  constructor(db: Db) {
    this.#db = db;
    this.#sql = statementCache(db);
  }

  transaction<T>(fn: () => T): T {
    return this.#db.transaction(fn)();
  }

  counters(targetId: string): Counters {
    const row = this.#sql(
      'SELECT consecutive_failures AS failures, consecutive_successes AS successes FROM ' +
        'target_state WHERE target_id = ?',
    ).get(targetId) as Counters | undefined;
    return row ?? { failures: 0, successes: 0 };
  }

  saveCounters(
    targetId: string,
    counters: Counters,
    reason: string | undefined,
    now: number,
  ): void {
    this.#sql(`INSERT INTO target_state
          (target_id, consecutive_failures, consecutive_successes, last_reason, updated_at)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (target_id) DO UPDATE SET consecutive_failures = excluded.consecutive_failures,
          consecutive_successes = excluded.consecutive_successes,
          last_reason = excluded.last_reason, updated_at = excluded.updated_at`).run(
      targetId,
      counters.failures,
      counters.successes,
      reason ?? null,
      now,
    );
  }

  openAlertFor(targetId: string): AlertRecord | undefined {
    const row = this.#sql(`SELECT * FROM alerts WHERE target_id = ? AND status = 'open'`).get(
      targetId,
    ) as AlertRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  open(): AlertRecord[] {
    return (
      this.#sql(`SELECT * FROM alerts WHERE status = 'open' ORDER BY opened_at`).all() as AlertRow[]
    ).map(toRecord);
  }

  get(id: number): AlertRecord | undefined {
    const row = this.#sql('SELECT * FROM alerts WHERE id = ?').get(id) as AlertRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** Alerts opened or resolved since `since`, newest first. */
  recent(since: number, limit = 50): AlertRecord[] {
    return (
      this.#sql(
        'SELECT * FROM alerts WHERE opened_at >= ? OR resolved_at >= ? ORDER BY opened_at DESC LIMIT ?',
      ).all(since, since, limit) as AlertRow[]
    ).map(toRecord);
  }

  insert(a: Omit<AlertRecord, 'id' | 'status' | 'resolvedAt' | 'reminders'>): AlertRecord {
    const info = this.#sql(`INSERT INTO alerts
          (target_id, kind, severity, status, reason, opened_at, last_notified_at, detail)
        VALUES (?, ?, ?, 'open', ?, ?, ?, ?)`).run(
      a.targetId,
      a.kind,
      a.severity,
      a.reason,
      a.openedAt,
      a.lastNotifiedAt,
      a.cause ? JSON.stringify(a.cause) : null,
    );
    return {
      ...a,
      id: Number(info.lastInsertRowid),
      status: 'open',
      resolvedAt: undefined,
      reminders: 0,
    };
  }

  markReminded(id: number, at: number): void {
    this.#sql('UPDATE alerts SET last_notified_at = ?, reminders = reminders + 1 WHERE id = ?').run(
      at,
      id,
    );
  }

  markResolved(id: number, at: number): void {
    this.#sql(`UPDATE alerts SET status = 'resolved', resolved_at = ? WHERE id = ?`).run(at, id);
  }
}
