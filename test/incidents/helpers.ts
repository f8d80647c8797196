import type { AlertTransition } from '../../src/alerts/engine.js';
import { AuditLog } from '../../src/audit/audit-log.js';
import { type IncidentsConfig, incidentsConfigSchema } from '../../src/config/incidents.js';
import type { Clock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { IncidentService } from '../../src/incidents/service.js';
import { IncidentStore } from '../../src/incidents/store.js';
import type { TargetInfo } from '../../src/monitors/types.js';
import { Outbox } from '../../src/outbox/outbox.js';
import { type Db, openDatabase } from '../../src/store/db.js';

export class FakeClock implements Clock {
  at = Date.UTC(2025, 5, 2, 15, 0);
  now = () => this.at;
  monotonic = () => this.at;
  advance(ms: number): void {
    this.at += ms;
  }
}

export function target(id: string): TargetInfo {
  return {
    id,
    name: `Target ${id}`,
    kind: 'http',
    intervalMs: 5000,
    severity: 'critical',
    channelKey: 'alerts',
    unit: 'ms',
    window: 50,
  };
}

let alertSeq = 0;

export function transition(
  type: AlertTransition['type'],
  targetId: string,
  alertId?: number,
): AlertTransition {
  alertSeq += 1;
  const id = alertId ?? alertSeq;
  return {
    type,
    target: target(targetId),
    result: { ok: type === 'resolved', reason: 'slow', code: 'PROBE_SLOW', value: 450 },
    alert: {
      id,
      targetId,
      kind: 'http',
      severity: 'critical',
      status: type === 'resolved' ? 'resolved' : 'open',
      reason: 'slow',
      openedAt: 0,
      resolvedAt: undefined,
      lastNotifiedAt: 0,
      reminders: 0,
      cause: undefined,
    },
  };
}

export interface Harness {
  db: Db;
  clock: FakeClock;
  outbox: Outbox;
  audit: AuditLog;
  incidents: IncidentService;
  /** Outbox rows as `{channel, op, ref, thread, text}`. */
  sent(): Array<{
    channel: string;
    op: string;
    ref: string | null;
    thread: string | null;
    text: string;
  }>;
}

export function harness(overrides: Partial<IncidentsConfig> = {}): Harness {
  const db = openDatabase({ path: ':memory:' });
  const clock = new FakeClock();
  const outbox = new Outbox(db, clock);
  const audit = new AuditLog(db, clock);
  const config = { ...incidentsConfigSchema.parse({}), ...overrides };
  const incidents = new IncidentService({
    store: new IncidentStore(db),
    audit,
    outbox,
    clock,
    log: silentLogger(),
    config,
    timeZone: 'America/Argentina/Buenos_Aires',
    localeFor: () => 'en',
    targetName: (id) => `Target ${id}`,
    suggest: () => ({ id: 'clear-api-cache', title: 'Clear the API cache' }),
  });
  const sent = () =>
    (
      db
        .prepare('SELECT channel_key, op, ref_key, thread_key, doc FROM outbox ORDER BY id')
        .all() as Array<{
        channel_key: string;
        op: string;
        ref_key: string | null;
        thread_key: string | null;
        doc: string;
      }>
    ).map((r) => ({
      channel: r.channel_key,
      op: r.op,
      ref: r.ref_key,
      thread: r.thread_key,
      text: (JSON.parse(r.doc) as { text: string }).text,
    }));
  return { db, clock, outbox, audit, incidents, sent };
}
