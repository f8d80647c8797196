import type { Db } from '../store/db.js';

export type IncidentStatus = 'open' | 'acknowledged' | 'remediating' | 'resolved';

export interface IncidentRecord {
  id: number;
  kind: string;
  targetId: string;
  title: string;
  severity: 'critical' | 'warning';
  status: IncidentStatus;
  channelKey: string;
  openedAt: number;
  acknowledgedAt: number | undefined;
  acknowledgedBy: string | undefined;
  resolvedAt: number | undefined;
  resolvedBy: string | undefined;
  escalationLevel: number;
  autoAttempts: number;
}

export interface IncidentEvent {
  id: number;
  incidentId: number;
  at: number;
  /** `opened`, `folded`, `ack`, `note`, `escalated`, `run`, `verdict`, `resolved`, ... */
  type: string;
  actor: string;
  detail: Record<string, unknown>;
}

interface IncidentRow {
  id: number;
  kind: string;
  target_id: string;
  title: string;
  severity: 'critical' | 'warning';
  status: IncidentStatus;
  channel_key: string;
  opened_at: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  resolved_at: number | null;
  resolved_by: string | null;
  escalation_level: number;
  auto_attempts: number;
}

function toRecord(r: IncidentRow): IncidentRecord {
  return {
    id: r.id,
    kind: r.kind,
    targetId: r.target_id,
    title: r.title,
    severity: r.severity,
    status: r.status,
    channelKey: r.channel_key,
    openedAt: r.opened_at,
    acknowledgedAt: r.acknowledged_at ?? undefined,
    acknowledgedBy: r.acknowledged_by ?? undefined,
    resolvedAt: r.resolved_at ?? undefined,
    resolvedBy: r.resolved_by ?? undefined,
    escalationLevel: r.escalation_level,
    autoAttempts: r.auto_attempts,
  };
}

export interface PendingEscalation {
  id: number;
  incidentId: number;
  step: number;
  dueAt: number;
}

/** SQL for incidents, their alerts, timelines, silences and pending escalations. */
export class IncidentStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  transaction<T>(fn: () => T): T {
    return this.#db.transaction(fn)();
  }

  insert(
    i: Pick<IncidentRecord, 'kind' | 'targetId' | 'title' | 'severity' | 'channelKey' | 'openedAt'>,
  ) {
    const info = this.#db
      .prepare(`INSERT INTO incidents (kind, target_id, title, severity, status, channel_key, opened_at)
        VALUES (?, ?, ?, ?, 'open', ?, ?)`)
      .run(i.kind, i.targetId, i.title, i.severity, i.channelKey, i.openedAt);
    return this.get(Number(info.lastInsertRowid))!;
  }

  get(id: number): IncidentRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM incidents WHERE id = ?').get(id) as
      | IncidentRow
      | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** Incidents not yet resolved, oldest first. */
  /**
   * Active incidents whose latest quiet-period entry is `suppressed` (opened while quiet) or
   * `silenced` (silenced after it was announced), not yet followed by `released`.
   */
  heldQuiet(): Array<{ incident: IncidentRecord; held: 'suppressed' | 'silenced' }> {
    const rows = this.#db
      .prepare(`SELECT i.*, e.type AS held FROM incidents i
        JOIN incident_events e ON e.id = (SELECT MAX(q.id) FROM incident_events q
          WHERE q.incident_id = i.id AND q.type IN ('suppressed', 'silenced', 'released'))
        WHERE i.status <> 'resolved' AND e.type <> 'released' ORDER BY i.id`)
      .all() as Array<IncidentRow & { held: 'suppressed' | 'silenced' }>;
    return rows.map((r) => ({ incident: toRecord(r), held: r.held }));
  }

  active(): IncidentRecord[] {
    const rows = this.#db
      .prepare(`SELECT * FROM incidents WHERE status <> 'resolved' ORDER BY id`)
      .all() as IncidentRow[];
    return rows.map(toRecord);
  }

  /** Incidents opened since `since`, and those still active: the figures summaries show. */
  counts(since: number): { opened: number; open: number } {
    return this.#db
      .prepare(`SELECT COUNT(*) FILTER (WHERE opened_at >= ?) AS opened,
          COUNT(*) FILTER (WHERE status <> 'resolved') AS open FROM incidents`)
      .get(since) as { opened: number; open: number };
  }

  recent(limit: number): IncidentRecord[] {
    const rows = this.#db
      .prepare('SELECT * FROM incidents ORDER BY id DESC LIMIT ?')
      .all(limit) as IncidentRow[];
    return rows.map(toRecord);
  }

  /** Makes another of its targets the incident's main one: its title, kind and runbooks. */
  retarget(id: number, to: Pick<IncidentRecord, 'kind' | 'targetId' | 'title'>): void {
    this.#db
      .prepare('UPDATE incidents SET kind = ?, target_id = ?, title = ? WHERE id = ?')
      .run(to.kind, to.targetId, to.title, id);
  }

  setStatus(id: number, status: IncidentStatus): void {
    this.#db.prepare('UPDATE incidents SET status = ? WHERE id = ?').run(status, id);
  }

  /** Returns false when it was already acknowledged or resolved (the first ack wins). */
  acknowledge(id: number, by: string, at: number): boolean {
    return (
      this.#db
        .prepare(`UPDATE incidents SET status = CASE status WHEN 'open' THEN 'acknowledged'
            ELSE status END, acknowledged_at = ?, acknowledged_by = ?
          WHERE id = ? AND acknowledged_at IS NULL AND status <> 'resolved'`)
        .run(at, by, id).changes === 1
    );
  }

  /** Returns false when it was already resolved. */
  resolve(id: number, by: string, at: number): boolean {
    return (
      this.#db
        .prepare(`UPDATE incidents SET status = 'resolved', resolved_at = ?, resolved_by = ?
          WHERE id = ? AND status <> 'resolved'`)
        .run(at, by, id).changes === 1
    );
  }

  bumpEscalation(id: number, level: number): void {
    this.#db
      .prepare('UPDATE incidents SET escalation_level = MAX(escalation_level, ?) WHERE id = ?')
      .run(level, id);
  }

  bumpAutoAttempts(id: number): void {
    this.#db.prepare('UPDATE incidents SET auto_attempts = auto_attempts + 1 WHERE id = ?').run(id);
  }

  linkAlert(incidentId: number, alertId: number, targetId: string): void {
    this.#db
      .prepare(`INSERT INTO incident_alerts (incident_id, alert_id, target_id) VALUES (?, ?, ?)
        ON CONFLICT (alert_id) DO NOTHING`)
      .run(incidentId, alertId, targetId);
  }

  incidentForAlert(alertId: number): number | undefined {
    const row = this.#db
      .prepare('SELECT incident_id FROM incident_alerts WHERE alert_id = ?')
      .get(alertId) as { incident_id: number } | undefined;
    return row?.incident_id;
  }

  /** Marks the alert closed; returns how many of the incident's alerts are still open. */
  closeAlert(alertId: number): number {
    this.#db.prepare('UPDATE incident_alerts SET open = 0 WHERE alert_id = ?').run(alertId);
    const row = this.#db
      .prepare(`SELECT COUNT(*) AS n FROM incident_alerts WHERE open = 1 AND incident_id =
          (SELECT incident_id FROM incident_alerts WHERE alert_id = ?)`)
      .get(alertId) as { n: number };
    return row.n;
  }

  /** Marks every alert of an incident closed (the incident was resolved by hand). */
  closeAlerts(incidentId: number): void {
    this.#db.prepare('UPDATE incident_alerts SET open = 0 WHERE incident_id = ?').run(incidentId);
  }

  /** Targets of the incident's alerts, with whether each is still failing. */
  alertTargets(incidentId: number): Array<{ targetId: string; open: boolean }> {
    const rows = this.#db
      .prepare('SELECT target_id, open FROM incident_alerts WHERE incident_id = ? ORDER BY rowid')
      .all(incidentId) as Array<{ target_id: string; open: number }>;
    return rows.map((r) => ({ targetId: r.target_id, open: r.open === 1 }));
  }

  /** The oldest active incident with a failing alert on one of `targetIds`. */
  activeForTargets(targetIds: readonly string[]): IncidentRecord | undefined {
    if (targetIds.length === 0) return undefined;
    const marks = targetIds.map(() => '?').join(', ');
    const row = this.#db
      .prepare(`SELECT i.* FROM incidents i JOIN incident_alerts a ON a.incident_id = i.id
        WHERE i.status <> 'resolved' AND a.open = 1 AND a.target_id IN (${marks})
        ORDER BY i.id LIMIT 1`)
      .get(...targetIds) as IncidentRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  addEvent(incidentId: number, at: number, type: string, actor: string, detail = {}): void {
    this.#db
      .prepare(
        'INSERT INTO incident_events (incident_id, at, type, actor, detail) VALUES (?, ?, ?, ?, ?)',
      )
      .run(incidentId, at, type, actor, JSON.stringify(detail));
  }

  events(incidentId: number): IncidentEvent[] {
    const rows = this.#db
      .prepare('SELECT * FROM incident_events WHERE incident_id = ? ORDER BY id')
      .all(incidentId) as Array<{
      id: number;
      incident_id: number;
      at: number;
      type: string;
      actor: string;
      detail: string;
    }>;
    return rows.map((r) => ({
      id: r.id,
      incidentId: r.incident_id,
      at: r.at,
      type: r.type,
      actor: r.actor,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
  }

  addSilence(target: string, until: number, by: string, at: number): number {
    const info = this.#db
      .prepare('INSERT INTO silences (target, until, created_by, created_at) VALUES (?, ?, ?, ?)')
      .run(target, until, by, at);
    return Number(info.lastInsertRowid);
  }

  /** Ends the running silences written exactly as `target`; returns how many. */
  endSilences(target: string, now: number): number {
    return this.#db
      .prepare('UPDATE silences SET until = ? WHERE target = ? AND until > ?')
      .run(now, target, now).changes;
  }

  /** Silences still running at `now`, as `{target, until}` (target may be a glob). */
  activeSilences(now: number): Array<{ id: number; target: string; until: number }> {
    return this.#db
      .prepare('SELECT id, target, until FROM silences WHERE until > ? ORDER BY until DESC')
      .all(now) as Array<{ id: number; target: string; until: number }>;
  }

  scheduleEscalation(incidentId: number, step: number, dueAt: number): void {
    this.#db
      .prepare(`INSERT INTO escalations (incident_id, step, due_at, status)
        VALUES (?, ?, ?, 'pending') ON CONFLICT (incident_id, step) DO NOTHING`)
      .run(incidentId, step, dueAt);
  }

  dueEscalations(now: number): PendingEscalation[] {
    const rows = this.#db
      .prepare(`SELECT id, incident_id, step, due_at FROM escalations
        WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id`)
      .all(now) as Array<{ id: number; incident_id: number; step: number; due_at: number }>;
    return rows.map((r) => ({
      id: r.id,
      incidentId: r.incident_id,
      step: r.step,
      dueAt: r.due_at,
    }));
  }

  pendingEscalations(incidentId: number): PendingEscalation[] {
    const rows = this.#db
      .prepare(`SELECT id, incident_id, step, due_at FROM escalations
        WHERE status = 'pending' AND incident_id = ? ORDER BY due_at`)
      .all(incidentId) as Array<{ id: number; incident_id: number; step: number; due_at: number }>;
    return rows.map((r) => ({
      id: r.id,
      incidentId: r.incident_id,
      step: r.step,
      dueAt: r.due_at,
    }));
  }

  /** Returns false when another pass already handled it. */
  markEscalationDone(id: number, outboxId: number | undefined): boolean {
    return (
      this.#db
        .prepare(`UPDATE escalations SET status = 'done', outbox_id = ?
          WHERE id = ? AND status = 'pending'`)
        .run(outboxId ?? null, id).changes === 1
    );
  }

  cancelEscalations(incidentId: number): number {
    return this.#db
      .prepare(`UPDATE escalations SET status = 'cancelled'
        WHERE incident_id = ? AND status = 'pending'`)
      .run(incidentId).changes;
  }

  /** Schedules a step again unless it already happened; returns whether it is now pending. */
  rearmEscalation(incidentId: number, step: number, dueAt: number): boolean {
    return (
      this.#db
        .prepare(`INSERT INTO escalations (incident_id, step, due_at, status)
          VALUES (?, ?, ?, 'pending') ON CONFLICT (incident_id, step) DO UPDATE
          SET due_at = excluded.due_at, status = 'pending' WHERE status = 'cancelled'`)
        .run(incidentId, step, dueAt).changes === 1
    );
  }

  /** Moves every pending step of an incident earlier (automatic remediation gave up). */
  expediteEscalations(incidentId: number, now: number): void {
    this.#db
      .prepare(`UPDATE escalations SET due_at = ? + (due_at - (SELECT MIN(due_at)
          FROM escalations WHERE incident_id = ? AND status = 'pending'))
        WHERE incident_id = ? AND status = 'pending'`)
      .run(now, incidentId, incidentId);
  }

  /** Pages whose delivery was refused, so the timeline can say so once. */
  failedEscalationDeliveries(): Array<{ escalationId: number; incidentId: number; error: string }> {
    const rows = this.#db
      .prepare(`SELECT e.id, e.incident_id, o.last_error FROM escalations e
        JOIN outbox o ON o.id = e.outbox_id
        WHERE e.status = 'done' AND o.status = 'failed'
          AND NOT EXISTS (SELECT 1 FROM incident_events v WHERE v.incident_id = e.incident_id
            AND v.type = 'undelivered' AND json_extract(v.detail, '$.escalation') = e.id)`)
      .all() as Array<{ id: number; incident_id: number; last_error: string | null }>;
    return rows.map((r) => ({
      escalationId: r.id,
      incidentId: r.incident_id,
      error: r.last_error ?? 'failed',
    }));
  }
}
