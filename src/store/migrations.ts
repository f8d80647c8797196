/**
 * Schema history. A migration is never edited once released: add a new one. Ids are unique
 * strings applied in array order, so migrations written on parallel branches do not collide.
 */
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
    id: '0500-analytics-events',
    sql: `
      -- Every accepted analytics event, once: the platform's id makes retried batches harmless.
      CREATE TABLE analytics_events (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        at INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        region TEXT,
        data TEXT NOT NULL
      ) WITHOUT ROWID;

      -- Hourly counts kept in step with analytics_events at ingest, so reports over millions
      -- of events read a few thousand rows. k1..k3 are the dimensions of each event type.
      CREATE TABLE analytics_rollup (
        hour INTEGER NOT NULL,
        type TEXT NOT NULL,
        region TEXT NOT NULL,
        k1 TEXT NOT NULL,
        k2 TEXT NOT NULL,
        k3 TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (hour, type, region, k1, k2, k3)
      ) WITHOUT ROWID;

      -- The same counts by day: long windows read days in the middle and hours at the edges.
      CREATE TABLE analytics_rollup_day (
        day INTEGER NOT NULL,
        type TEXT NOT NULL,
        region TEXT NOT NULL,
        k1 TEXT NOT NULL,
        k2 TEXT NOT NULL,
        k3 TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (day, type, region, k1, k2, k3)
      ) WITHOUT ROWID;

      -- The last province each user was seen in, for events that do not carry one.
      CREATE TABLE analytics_user_region (
        user_id TEXT PRIMARY KEY,
        region TEXT NOT NULL
      ) WITHOUT ROWID;

      -- What a scheduled report last posted, so an unchanged report is edited, not reposted.
      CREATE TABLE report_posts (
        report_key TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        posted_at INTEGER NOT NULL
      );
    `,
  },
];
