import type { Locale } from '../i18n/locale.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Db } from '../store/db.js';
import { readinessChanged, readinessState } from './readiness-state.js';
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
 * Queues the readiness report: a new post when its decisions or scores changed since the last
 * post, otherwise an edit of that post (fresh figures and time, no new notification). The last
 * posted state lives in SQLite (`report_posts`) and the message in `message_refs`, so the first
 * report after a restart edits the message already in the channel instead of posting again.
 */
export function postReadiness(deps: PostReadinessDeps): 'posted' | 'updated' {
  const report = deps.service.readiness();
  const doc = deps.service.readinessDoc(deps.locale, {}, report);
  const state = readinessState(report);
  return deps.db.transaction(() => {
    const last = deps.db
      .prepare('SELECT fingerprint FROM report_posts WHERE report_key = ?')
      .pluck()
      .get(READINESS_REF);
    const changed = readinessChanged(typeof last === 'string' ? last : undefined, state);
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
        .run(READINESS_REF, JSON.stringify(state), deps.now);
    }
    return changed ? 'posted' : 'updated';
  })();
}
