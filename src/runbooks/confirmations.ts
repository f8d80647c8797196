import { randomBytes } from 'node:crypto';
import type { Db } from '../store/db.js';
import type { ParamValue } from './template.js';

export interface PendingConfirmation {
  token: string;
  runbookId: string;
  params: Record<string, ParamValue>;
  incidentId: number | undefined;
  requestedBy: string;
  expiresAt: number;
}

export type ClaimResult =
  | { ok: true; confirmation: PendingConfirmation }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'not-yours' };

interface Row {
  token: string;
  runbook_id: string;
  params: string;
  incident_id: number | null;
  requested_by: string;
  status: string;
  expires_at: number;
}

function toPending(r: Row): PendingConfirmation {
  return {
    token: r.token,
    runbookId: r.runbook_id,
    params: JSON.parse(r.params) as Record<string, ParamValue>,
    incidentId: r.incident_id ?? undefined,
    requestedBy: r.requested_by,
    expiresAt: r.expires_at,
  };
}

/** Pending confirmations of side-effect runbooks; claiming one is atomic, so it runs once. */
export class ConfirmationStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** A retried delivery gets the confirmation it already created. */
  create(c: Omit<PendingConfirmation, 'token'> & { deliveryId: string | undefined; now: number }) {
    if (c.deliveryId) {
      const existing = this.#db
        .prepare(`SELECT * FROM runbook_confirmations WHERE delivery_id = ?`)
        .get(c.deliveryId) as Row | undefined;
      if (existing) return toPending(existing);
    }
    const token = randomBytes(4).toString('hex');
    this.#db
      .prepare(`INSERT INTO runbook_confirmations (token, runbook_id, params, incident_id,
          requested_by, delivery_id, status, created_at, expires_at)
        VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)`)
      .run(
        token,
        c.runbookId,
        JSON.stringify(c.params),
        c.incidentId ?? null,
        c.requestedBy,
        c.deliveryId ?? null,
        c.now,
        c.expiresAt,
      );
    return { ...c, token };
  }

  /** Marks the confirmation `status` if it is pending, unexpired and the caller's own. */
  claim(token: string, by: string, now: number, status: 'confirmed' | 'cancelled'): ClaimResult {
    const row = this.#db
      .prepare('SELECT * FROM runbook_confirmations WHERE token = ?')
      .get(token) as Row | undefined;
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.requested_by !== by) return { ok: false, reason: 'not-yours' };
    if (row.status !== 'pending') return { ok: false, reason: 'used' };
    if (row.expires_at <= now) {
      this.#db
        .prepare(`UPDATE runbook_confirmations SET status = 'expired' WHERE token = ?`)
        .run(token);
      return { ok: false, reason: 'expired' };
    }
    const changed = this.#db
      .prepare(`UPDATE runbook_confirmations SET status = ? WHERE token = ? AND status = 'pending'`)
      .run(status, token).changes;
    return changed === 1
      ? { ok: true, confirmation: toPending(row) }
      : { ok: false, reason: 'used' };
  }
}
