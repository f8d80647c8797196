import { SHARE_CHANNELS } from '../analytics/events.js';
import { HOUR_MS } from '../analytics/ingest.js';
import type { Db } from '../store/db.js';
import type { MarketFilter } from './market.js';

/**
 * Shares of each channel, in the window and filter, that a sign-up was credited to. A sign-up
 * that names a share channel as `source` and the sharer as `referrerId` is credited to that
 * sharer's latest share on the channel before it, in the same window and filter; so every
 * converted share is one of the shares counted, and conversion never exceeds 100 %. Sign-ups
 * that do not name their sharer cannot be tied to a share and are left out of the numerator.
 */
export function convertedShares(db: Db, filter: MarketFilter): Map<string, number> {
  // The same bounds as the hourly rollups the share counts come from.
  const from = Math.floor(filter.window.from / HOUR_MS) * HOUR_MS;
  const to = Math.floor(filter.window.to / HOUR_MS) * HOUR_MS + HOUR_MS;
  const region = filter.province ? 'AND region = @province' : '';
  const params = { from, to, ...(filter.province ? { province: filter.province } : {}) };
  const shares = db
    .prepare(`SELECT id, user_id AS user, json_extract(data, '$.channel') AS channel, at
      FROM analytics_events WHERE type = 'share' AND at >= @from AND at < @to ${region}
      ORDER BY at`)
    .all(params) as Array<{ id: string; user: string; channel: string; at: number }>;
  const signups = db
    .prepare(`SELECT json_extract(data, '$.referrerId') AS sharer,
        json_extract(data, '$.source') AS channel, at
      FROM analytics_events WHERE type = 'signup' AND at >= @from AND at < @to
        AND json_extract(data, '$.referrerId') IS NOT NULL`)
    .all(params) as Array<{ sharer: string; channel: string; at: number }>;
  const bySharer = new Map<string, Array<{ id: string; at: number }>>();
  for (const s of shares) {
    const key = `${s.user}\u0000${s.channel}`;
    const list = bySharer.get(key) ?? [];
    list.push({ id: s.id, at: s.at });
    bySharer.set(key, list);
  }
  const credited = new Map<string, Set<string>>(SHARE_CHANNELS.map((c) => [c, new Set()]));
  for (const u of signups) {
    const set = credited.get(u.channel);
    const list = bySharer.get(`${u.sharer}\u0000${u.channel}`);
    if (!set || !list) continue;
    let latest: string | undefined;
    for (const s of list) if (s.at <= u.at) latest = s.id;
    if (latest) set.add(latest);
  }
  return new Map([...credited].map(([channel, ids]) => [channel, ids.size]));
}
