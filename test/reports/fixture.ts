import { EventStore } from '../../src/analytics/ingest.js';
import { parseConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { openDatabase } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations.js';

/** 2025-03-01 12:00 UTC: every fixture event happens in the hour before. */
export const NOW = Date.UTC(2025, 2, 1, 12, 0, 0);
const AT = NOW - 30 * 60_000;

let seq = 0;
const ev = (type: string, userId: string, fields: Record<string, unknown> = {}) => ({
  id: `f${++seq}`,
  type,
  at: AT,
  userId,
  ...fields,
});

/**
 * A small data set worked out by hand in docs/market.md ("worked example"):
 * 4 sign-ups (CABA, Buenos Aires, Córdoba by referral, Santa Fe), 4 sessions (3 phones),
 * 4 language events (3 Spanish), 5 payments (2 MercadoPago, 1 rejected), 4 shares
 * (3 WhatsApp), 2 referral invitations, 4 feature uses (3 generic).
 */
export function fixtureEvents() {
  seq = 0;
  return [
    ev('signup', 'u1', { region: 'AR-C' }),
    ev('signup', 'u2', { region: 'AR-B', source: 'whatsapp', referrerId: 'u1' }),
    ev('signup', 'u3', { region: 'AR-X', source: 'referral', referrerId: 'u1' }),
    ev('signup', 'u4', { region: 'AR-S', source: 'instagram' }),
    ev('session', 'u1', { device: 'mobile', os: 'android', browser: 'chrome' }),
    ev('session', 'u2', { device: 'mobile', os: 'ios', browser: 'safari' }),
    ev('session', 'u3', { device: 'desktop', os: 'windows', browser: 'firefox' }),
    ev('session', 'u4', { device: 'mobile', os: 'android', browser: 'chrome' }),
    ev('language', 'u1', { language: 'es-AR' }),
    ev('language', 'u2', { language: 'es' }),
    ev('language', 'u3', { language: 'en' }),
    ev('language', 'u4', { language: 'es-AR' }),
    ev('payment', 'u1', { method: 'mercadopago' }),
    ev('payment', 'u2', { method: 'mercadopago', installments: 3 }),
    ev('payment', 'u3', { method: 'credit', installments: 6 }),
    ev('payment', 'u4', { method: 'debit', status: 'rejected' }),
    ev('payment', 'u1', { method: 'cash' }),
    ev('share', 'u1', { channel: 'whatsapp' }),
    ev('share', 'u1', { channel: 'whatsapp' }),
    ev('share', 'u2', { channel: 'whatsapp' }),
    ev('share', 'u4', { channel: 'instagram' }),
    ev('referral', 'u1', { channel: 'whatsapp' }),
    ev('referral', 'u1', { channel: 'whatsapp' }),
    ev('feature', 'u1', { feature: 'calendar' }),
    ev('feature', 'u2', { feature: 'calendar' }),
    ev('feature', 'u3', { feature: 'payments' }),
    ev('feature', 'u4', { feature: 'haircut-gallery' }),
  ];
}

export function fixtureConfig(extra: Record<string, unknown> = {}): Config {
  const result = parseConfig({
    store: { path: ':memory:' },
    channels: { alerts: {}, exec: {} },
    targets: [{ id: 'api', url: 'http://127.0.0.1:1/api', latencyThreshold: 200, baseline: 0.31 }],
    reports: { minSample: 2 },
    ...extra,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

/**
 * The fixture events in a fresh store. `incidents: false` leaves out the incidents feature's
 * migration, as in an install without that feature, so graceful degradation stays tested.
 */
export function fixtureDb(options: { incidents?: boolean } = {}) {
  const migrations = MIGRATIONS.filter(
    (m) => options.incidents !== false || !m.id.startsWith('0400-'),
  );
  const db = openDatabase({ path: ':memory:', migrations });
  const store = new EventStore(db);
  store.ingestRecords(fixtureEvents().map((value, i) => ({ line: i + 1, value })));
  return { db, store };
}

/** 40 checks of `api` in the last 40 minutes: 39 at 50 ms, one failure; one 10-minute alert. */
export function addMonitorHistory(db: ReturnType<typeof openDatabase>): void {
  const insert = db.prepare('INSERT INTO samples (target_id, at, ok, value) VALUES (?, ?, ?, ?)');
  for (let i = 0; i < 40; i++) {
    const at = NOW - (40 - i) * 60_000;
    if (i === 5) insert.run('api', at, 0, null);
    else insert.run('api', at, 1, 50);
  }
  db.prepare(`INSERT INTO alerts (target_id, kind, severity, status, reason, opened_at,
      resolved_at, last_notified_at) VALUES ('api', 'down', 'critical', 'resolved', 'x', ?, ?, ?)`).run(
    NOW - 30 * 60_000,
    NOW - 20 * 60_000,
    NOW - 30 * 60_000,
  );
}
