import type { Db } from '../store/db.js';
import { type AnalyticsEvent, analyticsEvent, describeIssues, SHARE_CHANNELS } from './events.js';
import { type BatchFormat, type RawRecord, readBatch } from './parse.js';

export const HOUR_MS = 3_600_000;
/** Day buckets are UTC days; reports only use whole ones inside a window. */
export const DAY_MS = 86_400_000;

/** How far ahead of guardia's clock an event may be stamped (clock skew between hosts). */
export const MAX_FUTURE_MS = DAY_MS;

export interface EventStoreOptions {
  /** The clock that bounds event times; defaults to the system clock. */
  now?: () => number;
}

export interface Rejection {
  line: number;
  reason: string;
}

/** What happened to a batch; the HTTP endpoint and `guardia import` both answer with it. */
export interface IngestReport {
  received: number;
  accepted: number;
  /** Valid events whose id was already stored (a retried batch). */
  duplicates: number;
  rejected: Rejection[];
}

/**
 * Invitations are credited like shares, on this channel of their own: a referred sign-up is
 * credited to its referrer's latest earlier invitation, once per invitation.
 */
export const REFERRAL_CREDIT = 'referral';

/**
 * A sign-up from a share names its sharer too; it counts for the share channel, not as a
 * referral, so one sign-up is not credited twice.
 */
function isReferred(e: Extract<AnalyticsEvent, { type: 'signup' }>): boolean {
  const fromShare = e.source !== 'referral' && e.source !== 'organic';
  return e.source === 'referral' || (e.referrerId !== undefined && !fromShare);
}

/** The rollup dimensions of an event; see the analytics_rollup migration. */
function dimensions(e: AnalyticsEvent): [string, string, string] {
  switch (e.type) {
    case 'signup':
      return [e.source, isReferred(e) ? 'referred' : '', ''];
    case 'session':
      // The browser stays in the stored event; no report needs it counted.
      return [e.device, e.os, ''];
    case 'language':
      return [e.language.split('-')[0]!.toLowerCase(), '', ''];
    case 'region':
      return [e.region, '', ''];
    case 'booking':
      return [e.status, '', ''];
    case 'payment':
      return [e.method, e.status, e.installments > 1 ? 'installments' : 'single'];
    case 'share':
    case 'referral':
      return [e.channel, '', ''];
    case 'feature':
      return [e.feature, '', ''];
  }
}

/**
 * Stores validated events. Each batch is one transaction over prepared statements: an event
 * is inserted once (by id) and, only when it was new, counted in the hourly rollup.
 */
/** Users whose province is kept in memory between batches; cleared whole when full. */
const REGION_CACHE = 200_000;

export class EventStore {
  readonly #storeBatch: (events: AnalyticsEvent[]) => number;
  readonly #now: () => number;
  readonly #regions = new Map<string, string | null>();

  constructor(db: Db, options: EventStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    const insert = db.prepare(
      `INSERT OR IGNORE INTO analytics_events (id, type, at, user_id, region, data)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const upsert = (table: string, bucket: string) =>
      db.prepare(`INSERT INTO ${table} (${bucket}, type, region, k1, k2, k3, n)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (${bucket}, type, region, k1, k2, k3) DO UPDATE SET n = n + excluded.n`);
    const countHour = upsert('analytics_rollup', 'hour');
    const countDay = upsert('analytics_rollup_day', 'day');
    const knownRegion = db
      .prepare('SELECT region FROM analytics_user_region WHERE user_id = ?')
      .pluck();
    const rememberRegion = db.prepare(
      `INSERT INTO analytics_user_region (user_id, region) VALUES (?, ?)
       ON CONFLICT (user_id) DO UPDATE SET region = excluded.region`,
    );
    const rememberShare = db.prepare(
      `INSERT INTO analytics_last_share (user_id, channel, share_id, at, region)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (user_id, channel) DO UPDATE SET share_id = excluded.share_id,
         at = excluded.at, region = excluded.region WHERE excluded.at >= analytics_last_share.at`,
    );
    const lastShare = db.prepare(
      'SELECT share_id AS id, at, region FROM analytics_last_share WHERE user_id = ? AND channel = ?',
    );
    const credit = db.prepare(
      `INSERT OR IGNORE INTO analytics_share_credit (share_id, channel, at, region)
       VALUES (?, ?, ?, ?)`,
    );
    type Share = {
      id: string;
      at: number;
      region: string | null;
      fresh: boolean;
      credited?: boolean;
    };
    /**
     * A sign-up naming a share channel and its sharer is credited to that sharer's latest
     * share on the channel, when that share came before it; a referred sign-up likewise to its
     * referrer's latest invitation (channel `REFERRAL_CREDIT`). Each share or invitation is
     * credited once, so conversions never outnumber them. Within a batch the latest shares
     * live in `latest` and are written once per sharer and channel at the end.
     */
    const creditShare = (e: AnalyticsEvent, region: string | null, latest: Map<string, Share>) => {
      if (e.type === 'share' || e.type === 'referral') {
        const channel = e.type === 'share' ? e.channel : REFERRAL_CREDIT;
        const key = `${e.userId}\u0000${channel}`;
        const known = latest.get(key);
        if (!known || known.at <= e.at)
          latest.set(key, { id: e.id, at: e.at, region, fresh: true });
        return;
      }
      if (e.type !== 'signup' || !e.referrerId) return;
      const channel = isShareChannel(e.source)
        ? e.source
        : isReferred(e)
          ? REFERRAL_CREDIT
          : undefined;
      if (!channel) return;
      const key = `${e.referrerId}\u0000${channel}`;
      let share = latest.get(key);
      if (!share) {
        const row = lastShare.get(e.referrerId, channel) as Omit<Share, 'fresh'> | undefined;
        if (!row) return;
        share = { ...row, fresh: false };
        latest.set(key, share);
      }
      if (share.at <= e.at && !share.credited) {
        credit.run(share.id, channel, share.at, share.region);
        share.credited = true;
      }
    };
    this.#storeBatch = db.transaction((events: AnalyticsEvent[]) => {
      // Counts are summed per key in memory and written once per key: a batch of thousands
      // of events touches a few hundred rollup rows.
      const hours = new Map<string, number>();
      const days = new Map<string, number>();
      const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
      let stored = 0;
      // Provinces come from a bounded cache kept across batches (the table stays the source
      // of truth); each user's province is written once per batch, at its end.
      const regions = this.#regions;
      const regionOf = (userId: string): string | null => {
        if (!regions.has(userId)) {
          if (regions.size >= REGION_CACHE) regions.clear();
          regions.set(userId, (knownRegion.get(userId) as string | undefined) ?? null);
        }
        return regions.get(userId) ?? null;
      };
      const seen = new Map<string, string>();
      const latestShares = new Map<string, Share>();
      for (const e of events) {
        const region = e.region ?? regionOf(e.userId);
        const inserted = insert.run(e.id, e.type, e.at, e.userId, region, JSON.stringify(e));
        if (inserted.changes === 0) continue;
        stored++;
        if (e.region) {
          regions.set(e.userId, e.region);
          seen.set(e.userId, e.region);
        }
        creditShare(e, region, latestShares);
        const key = [e.type, region ?? '', ...dimensions(e)].join('\u0000');
        bump(hours, `${Math.floor(e.at / HOUR_MS) * HOUR_MS}\u0000${key}`);
        bump(days, `${Math.floor(e.at / DAY_MS) * DAY_MS}\u0000${key}`);
      }
      for (const [userId, region] of seen) rememberRegion.run(userId, region);
      for (const [key, share] of latestShares) {
        if (!share.fresh) continue;
        const [userId, channel] = key.split('\u0000');
        rememberShare.run(userId, channel, share.id, share.at, share.region);
      }
      for (const [key, n] of hours) countHour.run(...key.split('\u0000'), n);
      for (const [key, n] of days) countDay.run(...key.split('\u0000'), n);
      return stored;
    });
  }

  /** Stores already validated events; returns how many were new. */
  store(events: AnalyticsEvent[]): number {
    // In time order, so a sign-up finds the share it came from even when a batch lists it first.
    // At the same instant a share (or invitation) comes first: it can be what the sign-up came
    // from.
    const rank = (e: AnalyticsEvent) => (e.type === 'share' || e.type === 'referral' ? 0 : 1);
    const before = (a: AnalyticsEvent, b: AnalyticsEvent) => a.at - b.at || rank(a) - rank(b);
    const sorted = events.every(
      (e, i) => i === 0 || before(events[i - 1] as AnalyticsEvent, e) <= 0,
    );
    const ordered = sorted ? events : [...events].sort(before);
    return ordered.length === 0 ? 0 : this.#storeBatch(ordered);
  }

  /** Validates every record and stores the valid ones; invalid ones are reported by line. */
  ingestRecords(records: RawRecord[]): IngestReport {
    const valid: AnalyticsEvent[] = [];
    const rejected: Rejection[] = [];
    const latest = this.#now() + MAX_FUTURE_MS;
    for (const record of records) {
      if (record.error !== undefined) {
        rejected.push({ line: record.line, reason: record.error });
        continue;
      }
      const parsed = analyticsEvent.safeParse(record.value);
      if (parsed.success && parsed.data.at > latest) {
        const ahead = `${new Date(parsed.data.at).toISOString()} is more than a day in the future`;
        rejected.push({ line: record.line, reason: `at: ${ahead}` });
      } else if (parsed.success) valid.push(parsed.data);
      else rejected.push({ line: record.line, reason: describeIssues(parsed.error) });
    }
    const accepted = this.store(valid);
    return {
      received: records.length,
      accepted,
      duplicates: valid.length - accepted,
      rejected,
    };
  }

  ingestText(text: string, format?: BatchFormat): IngestReport {
    return this.ingestRecords(readBatch(text, format));
  }
}

function isShareChannel(source: string): source is (typeof SHARE_CHANNELS)[number] {
  return (SHARE_CHANNELS as readonly string[]).includes(source);
}
