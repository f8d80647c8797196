import { SHARE_CHANNELS } from '../analytics/events.js';
import { HOUR_MS, REFERRAL_CREDIT } from '../analytics/ingest.js';
import type { Db } from '../store/db.js';
import type { MarketFilter } from './market.js';

/**
 * Shares of each channel, in the window and filter, that a sign-up was credited to. At ingest
 * a sign-up that names a share channel as `source` and the sharer as `referrerId` is credited
 * to that sharer's latest earlier share on the channel, once per share (see `EventStore`); so
 * every converted share is one of the shares counted and conversion never exceeds 100 %.
 * Sign-ups that do not name their sharer cannot be tied to a share and are left out.
 * Invitations converted by a referred sign-up are under `REFERRAL_CREDIT` the same way.
 */
export function convertedShares(db: Db, filter: MarketFilter): Map<string, number> {
  // The same bounds as the hourly rollups the share counts come from.
  const from = Math.floor(filter.window.from / HOUR_MS) * HOUR_MS;
  const to = Math.floor(filter.window.to / HOUR_MS) * HOUR_MS + HOUR_MS;
  const region = filter.province ? 'AND region = @province' : '';
  const rows = db
    .prepare(`SELECT channel, COUNT(*) AS n FROM analytics_share_credit
      WHERE at >= @from AND at < @to ${region} GROUP BY channel`)
    .all({ from, to, ...(filter.province ? { province: filter.province } : {}) }) as Array<{
    channel: string;
    n: number;
  }>;
  const counts = new Map<string, number>([...SHARE_CHANNELS, REFERRAL_CREDIT].map((c) => [c, 0]));
  for (const r of rows) counts.set(r.channel, r.n);
  return counts;
}
