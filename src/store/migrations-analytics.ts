import type { Migration } from './migrations.js';

// The analytics store: events, share credits and referral credits. Listed, in order,
// in MIGRATIONS; each is applied once and never edited after release.

export const analyticsEvents: Migration = {
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
};

export const analyticsShareCredits: Migration = {
  id: '0510-analytics-share-credits',
  sql: `
    -- The latest share of each user on each channel, so a sign-up naming its sharer finds
    -- the share it came from with one lookup at ingest.
    CREATE TABLE analytics_last_share (
      user_id TEXT NOT NULL,
      channel TEXT NOT NULL,
      share_id TEXT NOT NULL,
      at INTEGER NOT NULL,
      region TEXT,
      PRIMARY KEY (user_id, channel)
    ) WITHOUT ROWID;

    -- Shares a sign-up was credited to, once each: conversion reads this, not raw events.
    CREATE TABLE analytics_share_credit (
      share_id TEXT PRIMARY KEY,
      channel TEXT NOT NULL,
      at INTEGER NOT NULL,
      region TEXT
    ) WITHOUT ROWID;
    CREATE INDEX analytics_share_credit_at ON analytics_share_credit (at);
  `,
};

export const analyticsEventsRowid: Migration = {
  id: '0520-analytics-events-rowid',
  sql: `
    -- Events arrive in time order with random ids: keyed by rowid the table only appends,
    -- and the id check is a small unique index, instead of inserting whole rows (JSON
    -- included) at random places of a WITHOUT ROWID tree.
    CREATE TABLE analytics_events_by_rowid (
      id TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL,
      at INTEGER NOT NULL,
      user_id TEXT NOT NULL,
      region TEXT,
      data TEXT NOT NULL
    );
    INSERT INTO analytics_events_by_rowid (id, type, at, user_id, region, data)
      SELECT id, type, at, user_id, region, data FROM analytics_events ORDER BY at;
    DROP TABLE analytics_events;
    ALTER TABLE analytics_events_by_rowid RENAME TO analytics_events;
  `,
};

export const analyticsReferralCredits: Migration = {
  id: '0530-analytics-referral-credits',
  sql: `
    -- Invitations are credited like shares (channel 'referral'): a referred sign-up to its
    -- referrer's latest earlier invitation, once each. Events stored before this version are
    -- credited here, in time order, the way ingestion credits new ones.
    CREATE INDEX analytics_events_type_user ON analytics_events (type, user_id, at);
    INSERT OR IGNORE INTO analytics_share_credit (share_id, channel, at, region)
      SELECT r.id, 'referral', r.at, r.region
      FROM analytics_events s
      JOIN analytics_events r ON r.rowid = (
        SELECT i.rowid FROM analytics_events i
        WHERE i.type = 'referral' AND i.user_id = json_extract(s.data, '$.referrerId')
          AND i.at <= s.at
        ORDER BY i.at DESC LIMIT 1)
      WHERE s.type = 'signup' AND json_extract(s.data, '$.referrerId') IS NOT NULL
        AND json_extract(s.data, '$.source') IN ('referral', 'organic')
      ORDER BY s.at;
    INSERT INTO analytics_last_share (user_id, channel, share_id, at, region)
      SELECT user_id, 'referral', id, at, region FROM analytics_events i
      WHERE type = 'referral' AND NOT EXISTS (
        SELECT 1 FROM analytics_events j WHERE j.type = 'referral' AND j.user_id = i.user_id
          AND (j.at > i.at OR (j.at = i.at AND j.rowid > i.rowid)))
      ON CONFLICT (user_id, channel) DO NOTHING;
    -- Only this back-fill needs it; ingestion would pay for it on every insert.
    DROP INDEX analytics_events_type_user;
  `,
};
