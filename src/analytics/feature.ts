import type { AppContext, Feature } from '../features.js';
import { createEventStream, type EventStream } from '../sim/events.js';
import { ingestHandler } from './http.js';
import { EventStore } from './ingest.js';

const DAY_MS = 86_400_000;
/** Days of history generated into an empty store, growing day by day. */
const BACKFILL_DAYS = 14;

/**
 * Analytics in: POST /v1/events on guardia's server and, while the bundled simulator runs, a
 * generated event stream fed through the same validation and store every few seconds.
 */
export function analyticsFeature(): Feature {
  let ctx: AppContext | undefined;
  let timer: NodeJS.Timeout | undefined;

  return {
    name: 'analytics',
    install(app) {
      ctx = app;
      const store = new EventStore(app.db, { now: () => app.clock.now() });
      app.services.analytics = store;
      const tokenEnv = app.config.analytics.tokenEnv;
      const token = app.secrets.env[tokenEnv]?.trim() || undefined;
      const log = app.log.child({ component: 'analytics' });
      if (!token) log.warn({ tokenEnv }, 'ingest token not set; POST /v1/events refuses all');
      app.server.route('POST', '/v1/events', ingestHandler({ store, token, log }));
    },
    start() {
      const app = ctx;
      const sim = app?.config.analytics.simulate;
      if (!app || !sim || !app.config.simulator.enabled || !sim.enabled) return;
      const store = app.services.analytics;
      if (!store) return;
      const now = app.clock.now();
      const stream = createEventStream({
        seed: sim.seed ?? now,
        mix: sim.mix,
        runId: `sim${now.toString(36)}`,
        genericFeatures: app.config.reports.genericFeatures,
      });
      const feed = (events: unknown[]) =>
        store.ingestRecords(events.map((value, i) => ({ line: i + 1, value })));
      const log = app.log.child({ component: 'analytics-sim' });
      const empty = app.db.prepare('SELECT 1 FROM analytics_events LIMIT 1').get() === undefined;
      if (empty) {
        const report = feed(backfill(stream, now, sim.batch));
        log.info({ accepted: report.accepted, days: BACKFILL_DAYS }, 'simulated history stored');
      }
      timer = setInterval(() => {
        const report = feed(stream.next(sim.batch, app.clock.now(), sim.every));
        log.debug({ accepted: report.accepted }, 'simulated batch stored');
      }, sim.every);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}

/** A fortnight of history, a little busier each day, so growth and windows have data. */
function backfill(stream: EventStream, now: number, batch: number): unknown[] {
  const events: unknown[] = [];
  for (let day = BACKFILL_DAYS; day >= 1; day--) {
    const count = batch * (BACKFILL_DAYS + 1 - day);
    events.push(...stream.next(count, now - (day - 1) * DAY_MS, DAY_MS));
  }
  return events;
}
