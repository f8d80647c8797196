/**
 * Schema history. A migration is never edited once released: add a new one. Ids are unique
 * strings applied in array order, so migrations written on parallel branches do not collide.
 */
import {
  analyticsEvents,
  analyticsEventsRowid,
  analyticsReferralCredits,
  analyticsShareCredits,
} from './migrations-analytics.js';

export interface Migration {
  id: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: '0001-samples-alerts-outbox',
    sql: `
      CREATE TABLE samples (
        target_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        ok INTEGER NOT NULL,
        value REAL,
        reason TEXT
      );
      CREATE INDEX samples_target_at ON samples (target_id, at);
      CREATE INDEX samples_at ON samples (at);

      -- Consecutive counters and the open alert of each target.
      CREATE TABLE target_state (
        target_id TEXT PRIMARY KEY,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        consecutive_successes INTEGER NOT NULL DEFAULT 0,
        last_reason TEXT,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE alerts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        target_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
        reason TEXT NOT NULL,
        opened_at INTEGER NOT NULL,
        resolved_at INTEGER,
        last_notified_at INTEGER NOT NULL,
        reminders INTEGER NOT NULL DEFAULT 0,
        detail TEXT
      );
      -- At most one open alert per target.
      CREATE UNIQUE INDEX alerts_one_open ON alerts (target_id) WHERE status = 'open';

      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        channel_key TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('post', 'update')),
        ref_key TEXT,
        thread_key TEXT,
        dedupe_key TEXT UNIQUE,
        doc TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        sent_at INTEGER
      );
      CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

      -- Where a logical message (an alert, an incident, a summary) lives on each platform.
      CREATE TABLE message_refs (
        ref_key TEXT NOT NULL,
        adapter TEXT NOT NULL,
        channel TEXT NOT NULL,
        message_id TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (ref_key, adapter)
      );
    `,
  },
  {
    id: '0400-incidents-runbooks-audit',
    sql: `
      CREATE TABLE incidents (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        target_id TEXT NOT NULL,
        title TEXT NOT NULL,
        severity TEXT NOT NULL,
        status TEXT NOT NULL
          CHECK (status IN ('open', 'acknowledged', 'remediating', 'resolved')),
        channel_key TEXT NOT NULL,
        opened_at INTEGER NOT NULL,
        acknowledged_at INTEGER,
        acknowledged_by TEXT,
        resolved_at INTEGER,
        resolved_by TEXT,
        escalation_level INTEGER NOT NULL DEFAULT 0,
        auto_attempts INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX incidents_active ON incidents (status) WHERE status <> 'resolved';

      -- Which alerts an incident gathered (the first one raised it, the rest were folded in).
      CREATE TABLE incident_alerts (
        incident_id INTEGER NOT NULL REFERENCES incidents (id),
        alert_id INTEGER NOT NULL UNIQUE,
        target_id TEXT NOT NULL,
        open INTEGER NOT NULL DEFAULT 1
      );
      CREATE INDEX incident_alerts_incident ON incident_alerts (incident_id);

      CREATE TABLE incident_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        incident_id INTEGER NOT NULL REFERENCES incidents (id),
        at INTEGER NOT NULL,
        type TEXT NOT NULL,
        actor TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX incident_events_incident ON incident_events (incident_id, id);

      CREATE TABLE silences (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        target TEXT NOT NULL,
        until INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );

      -- Escalation steps waiting for their time; done or cancelled rows stay as history.
      CREATE TABLE escalations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        incident_id INTEGER NOT NULL REFERENCES incidents (id),
        step INTEGER NOT NULL,
        due_at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'cancelled')),
        outbox_id INTEGER,
        UNIQUE (incident_id, step)
      );
      CREATE INDEX escalations_due ON escalations (status, due_at);

      CREATE TABLE runbook_confirmations (
        token TEXT PRIMARY KEY,
        runbook_id TEXT NOT NULL,
        params TEXT NOT NULL,
        incident_id INTEGER,
        requested_by TEXT NOT NULL,
        delivery_id TEXT UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'cancelled', 'expired')),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );

      CREATE TABLE runbook_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        runbook_id TEXT NOT NULL,
        incident_id INTEGER,
        -- 0 without an incident, so the uniqueness below also covers runs outside incidents.
        scope INTEGER NOT NULL,
        params TEXT NOT NULL,
        started_by TEXT NOT NULL,
        delivery_id TEXT UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        error TEXT,
        before TEXT,
        verdict TEXT,
        verdict_at INTEGER
      );
      -- A dozen clicks on one button start one run: one running run per runbook and incident.
      CREATE UNIQUE INDEX runbook_runs_one_running ON runbook_runs (runbook_id, scope)
        WHERE status = 'running';
      CREATE INDEX runbook_runs_finished ON runbook_runs (runbook_id, finished_at);

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        via TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        params TEXT NOT NULL DEFAULT '{}',
        result TEXT NOT NULL
      );
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `,
  },
  {
    id: '0600-whatsapp-managers',
    sql: `
      -- Per manager: the 24-hour window, STOP, and a pause after a permanent delivery failure.
      CREATE TABLE whatsapp_managers (
        manager_id TEXT PRIMARY KEY,
        last_inbound_at INTEGER,
        stopped INTEGER NOT NULL DEFAULT 0,
        paused_reason TEXT,
        updated_at INTEGER NOT NULL
      );
      -- Inbound MessageSids already handled: Twilio redelivers on timeouts.
      CREATE TABLE whatsapp_inbound (
        message_sid TEXT PRIMARY KEY,
        manager_id TEXT NOT NULL,
        received_at INTEGER NOT NULL
      );
      -- Messages kept back (outside the window, stopped, paused), folded into the next send.
      CREATE TABLE whatsapp_held (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        manager_id TEXT NOT NULL,
        outbox_id INTEGER NOT NULL,
        reason TEXT NOT NULL,
        doc TEXT NOT NULL,
        held_at INTEGER NOT NULL,
        released_at INTEGER
      );
      CREATE INDEX whatsapp_held_pending ON whatsapp_held (manager_id, released_at);
      -- Parts of a split message already accepted by Twilio, so a retry does not resend them.
      CREATE TABLE whatsapp_sent (
        outbox_id INTEGER NOT NULL,
        part INTEGER NOT NULL,
        message_sid TEXT NOT NULL,
        manager_id TEXT NOT NULL,
        sent_at INTEGER NOT NULL,
        PRIMARY KEY (outbox_id, part)
      );
      -- Delivery status callbacks (queued, sent, delivered, read, failed, undelivered).
      CREATE TABLE whatsapp_status (
        message_sid TEXT NOT NULL,
        status TEXT NOT NULL,
        error_code TEXT,
        manager_id TEXT,
        at INTEGER NOT NULL
      );
      CREATE INDEX whatsapp_status_sid ON whatsapp_status (message_sid);
      -- Which incident each manager was last paged about, for replies that become notes.
      CREATE TABLE whatsapp_pages (
        manager_id TEXT NOT NULL,
        incident_id INTEGER NOT NULL,
        paged_at INTEGER NOT NULL
      );
      CREATE INDEX whatsapp_pages_manager ON whatsapp_pages (manager_id, paged_at);
    `,
  },
  analyticsEvents,
  {
    id: '0300-summaries-rollups',
    sql: `
      -- Per target and minute (bucket = start in epoch ms): what summaries and charts read
      -- instead of raw samples. value_* cover only samples that carried a value.
      CREATE TABLE rollup_minute (
        target_id TEXT NOT NULL,
        bucket INTEGER NOT NULL,
        count INTEGER NOT NULL,
        failures INTEGER NOT NULL,
        value_count INTEGER NOT NULL,
        value_sum REAL NOT NULL,
        value_min REAL,
        value_max REAL,
        PRIMARY KEY (target_id, bucket)
      ) WITHOUT ROWID;
      CREATE INDEX rollup_minute_bucket ON rollup_minute (bucket);

      -- The same per hour: 24 h and 7 d uptime and trends read a few rows per target.
      CREATE TABLE rollup_hour (
        target_id TEXT NOT NULL,
        bucket INTEGER NOT NULL,
        count INTEGER NOT NULL,
        failures INTEGER NOT NULL,
        value_count INTEGER NOT NULL,
        value_sum REAL NOT NULL,
        value_min REAL,
        value_max REAL,
        PRIMARY KEY (target_id, bucket)
      ) WITHOUT ROWID;
      CREATE INDEX rollup_hour_bucket ON rollup_hour (bucket);

      -- What the last summary of each kind saw, so the next one can say what changed.
      CREATE TABLE summary_runs (
        kind TEXT PRIMARY KEY,
        at INTEGER NOT NULL,
        state TEXT NOT NULL
      );
    `,
  },
  analyticsShareCredits,
  analyticsEventsRowid,
  analyticsReferralCredits,
  {
    id: '0540-outbox-superseded',
    sql: `
      -- An edit of a message replaced by a later edit of the same message before it went out:
      -- it is kept, marked sent, with the id of the row that carried its content.
      ALTER TABLE outbox ADD COLUMN superseded_by INTEGER;
    `,
  },
  {
    id: '0550-instance-lock',
    sql: `
      -- The one guardia process that runs monitors on this database (see instance-lock.ts).
      CREATE TABLE instance_lock (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        pid INTEGER NOT NULL,
        host TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        beat_at INTEGER NOT NULL
      );
    `,
  },
];
