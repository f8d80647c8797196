import type { Db } from '../store/db.js';
import type { ParamValue } from './template.js';

export interface RunRecord {
  id: number;
  runbookId: string;
  incidentId: number | undefined;
  params: Record<string, ParamValue>;
  startedBy: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: number;
  finishedAt: number | undefined;
  error: string | undefined;
  before: string | undefined;
}

interface RunRow {
  id: number;
  runbook_id: string;
  incident_id: number | null;
  params: string;
  started_by: string;
  status: RunRecord['status'];
  started_at: number;
  finished_at: number | null;
  error: string | null;
  before: string | null;
}

function toRecord(r: RunRow): RunRecord {
  return {
    id: r.id,
    runbookId: r.runbook_id,
    incidentId: r.incident_id ?? undefined,
    params: JSON.parse(r.params) as Record<string, ParamValue>,
    startedBy: r.started_by,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at ?? undefined,
    error: r.error ?? undefined,
    before: r.before ?? undefined,
  };
}

export type StartResult =
  | { ok: true; run: RunRecord }
  | { ok: false; reason: 'busy' | 'duplicate'; run: RunRecord | undefined };

function isUnique(err: unknown): boolean {
  return (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Runbook runs. Uniqueness lives in the schema: one running run per runbook and incident. */
export class RunStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  get(id: number): RunRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM runbook_runs WHERE id = ?').get(id) as
      | RunRow
      | undefined;
    return row ? toRecord(row) : undefined;
  }

  start(r: {
    runbookId: string;
    incidentId: number | undefined;
    params: Record<string, ParamValue>;
    startedBy: string;
    deliveryId: string | undefined;
    before: string | undefined;
    now: number;
  }): StartResult {
    try {
      const info = this.#db
        .prepare(`INSERT INTO runbook_runs
          (runbook_id, incident_id, scope, params, started_by, delivery_id, status, started_at, before)
          VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?)`)
        .run(
          r.runbookId,
          r.incidentId ?? null,
          r.incidentId ?? 0,
          JSON.stringify(r.params),
          r.startedBy,
          r.deliveryId ?? null,
          r.now,
          r.before ?? null,
        );
      return { ok: true, run: this.get(Number(info.lastInsertRowid))! };
    } catch (err) {
      if (!isUnique(err)) throw err;
      const byDelivery = r.deliveryId
        ? (this.#db.prepare('SELECT * FROM runbook_runs WHERE delivery_id = ?').get(r.deliveryId) as
            | RunRow
            | undefined)
        : undefined;
      if (byDelivery) return { ok: false, reason: 'duplicate', run: toRecord(byDelivery) };
      const running = this.#db
        .prepare(
          `SELECT * FROM runbook_runs WHERE runbook_id = ? AND scope = ? AND status = 'running'`,
        )
        .get(r.runbookId, r.incidentId ?? 0) as RunRow | undefined;
      return { ok: false, reason: 'busy', run: running ? toRecord(running) : undefined };
    }
  }

  finish(id: number, status: 'succeeded' | 'failed', error: string | undefined, now: number): void {
    this.#db
      .prepare(`UPDATE runbook_runs SET status = ?, error = ?, finished_at = ? WHERE id = ?`)
      .run(status, error ?? null, now, id);
  }

  /** When the runbook last started or finished, for its cooldown. */
  lastActivity(runbookId: string): number | undefined {
    const row = this.#db
      .prepare(
        `SELECT MAX(COALESCE(finished_at, started_at)) AS at FROM runbook_runs WHERE runbook_id = ?`,
      )
      .get(runbookId) as { at: number | null };
    return row.at ?? undefined;
  }

  /** Finished runs tied to an incident whose closed-loop verdict is still owed. */
  awaitingVerdict(): RunRecord[] {
    const rows = this.#db
      .prepare(`SELECT * FROM runbook_runs WHERE status <> 'running' AND incident_id IS NOT NULL
        AND verdict IS NULL ORDER BY id`)
      .all() as RunRow[];
    return rows.map(toRecord);
  }

  /** Returns false when another pass already gave the verdict. */
  setVerdict(id: number, verdict: Record<string, unknown>, now: number): boolean {
    return (
      this.#db
        .prepare(
          'UPDATE runbook_runs SET verdict = ?, verdict_at = ? WHERE id = ? AND verdict IS NULL',
        )
        .run(JSON.stringify(verdict), now, id).changes === 1
    );
  }

  /** Runs for an incident that are running or still waiting for their verdict. */
  inFlightFor(incidentId: number): number {
    const row = this.#db
      .prepare(`SELECT COUNT(*) AS n FROM runbook_runs WHERE incident_id = ?
        AND (status = 'running' OR verdict IS NULL)`)
      .get(incidentId) as { n: number };
    return row.n;
  }

  /** Runs left `running` by a crash: they are marked failed at start. */
  failInterrupted(now: number): number {
    return this.#db
      .prepare(`UPDATE runbook_runs SET status = 'failed', error = 'interrupted by a restart',
        finished_at = ? WHERE status = 'running'`)
      .run(now).changes;
  }
}
