import { z } from 'zod';
import type { Clock } from '../core/clock.js';
import type { Db } from '../store/db.js';

export const AUDIT_ACTIONS = [
  'ack',
  'resolve',
  'silence',
  'unsilence',
  'note',
  'run',
  'confirm',
  'cancel',
  'refuse',
  'escalate',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** User id (`U…`, `console`) or `guardia` for what the bot did on its own. */
  actor: string;
  /** Adapter or component the action came through (`slack`, `console`, `scheduler`). */
  via: string;
  action: AuditAction;
  /** What it was done to: `incident:12`, `runbook:clear-api-cache`, `target:api-health`. */
  subject: string;
  params?: Record<string, unknown>;
  /** `ok`, `refused: not allowed`, `dry-run`, `failed: ...` */
  result: string;
}

export interface AuditRecord extends Required<AuditEntry> {
  id: number;
  at: number;
}

const rowSchema = z.object({
  id: z.number(),
  at: z.number(),
  actor: z.string(),
  via: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  subject: z.string(),
  params: z.string(),
  result: z.string(),
});

function toRecord(raw: unknown): AuditRecord {
  const row = rowSchema.parse(raw);
  const params = z.record(z.string(), z.unknown()).catch({}).parse(JSON.parse(row.params));
  return { ...row, params };
}

/**
 * The append-only record of who did what. Triggers in the schema refuse updates and deletes,
 * so an entry, once written, is what happened. `record` joins the caller's transaction.
 */
export class AuditLog {
  readonly #db: Db;
  readonly #clock: Clock;

  constructor(db: Db, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  record(entry: AuditEntry): number {
    const info = this.#db
      .prepare(`INSERT INTO audit_log (at, actor, via, action, subject, params, result)
        VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(
        this.#clock.now(),
        entry.actor,
        entry.via,
        entry.action,
        entry.subject,
        JSON.stringify(entry.params ?? {}),
        entry.result,
      );
    return Number(info.lastInsertRowid);
  }

  /** The newest `limit` entries, newest first. */
  latest(limit = 20): AuditRecord[] {
    return this.#db
      .prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?')
      .all(limit)
      .map(toRecord);
  }

  /** Every entry, oldest first (exports). */
  all(): AuditRecord[] {
    return this.#db.prepare('SELECT * FROM audit_log ORDER BY id').all().map(toRecord);
  }
}
