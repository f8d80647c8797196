import type { Locale } from '../i18n/locale.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Db } from '../store/db.js';
import { readinessFingerprint } from './readiness-doc.js';
import type { ReportService } from './service.js';

export const READINESS_REF = 'readiness';

export interface PostReadinessDeps {
  db: Db;
  outbox: Outbox;
  service: ReportService;
  channelKey: string;
  locale: Locale;
  now: number;
}

/**
 * Queues the readiness report: a new post when its scores or decisions changed since the last
 * post, otherwise an edit of that post (fresh figures and time, no new notification).
 */
export function postReadiness(deps: PostReadinessDeps): 'posted' | 'updated' {
  const report = deps.service.readiness();
  const doc = deps.service.readinessDoc(deps.locale, {}, report);
  const fingerprint = readinessFingerprint(report);
  return deps.db.transaction(() => {
    const last = deps.db
      .prepare('SELECT fingerprint FROM report_posts WHERE report_key = ?')
      .pluck()
      .get(READINESS_REF);
    const changed = last !== fingerprint;
    deps.outbox.enqueue({
      channelKey: deps.channelKey,
      doc,
      op: changed ? 'post' : 'update',
      refKey: READINESS_REF,
    });
    if (changed) {
      deps.db
        .prepare(`INSERT INTO report_posts (report_key, fingerprint, posted_at) VALUES (?, ?, ?)
          ON CONFLICT (report_key) DO UPDATE SET fingerprint = excluded.fingerprint,
            posted_at = excluded.posted_at`)
        .run(READINESS_REF, fingerprint, deps.now);
    }
    return changed ? 'posted' : 'updated';
  })();
}
