import { AlertStore } from '../../src/alerts/store.js';
import { type Config, configSchema } from '../../src/config/schema.js';
import { silentLogger } from '../../src/core/logger.js';
import type { TargetStatus } from '../../src/monitors/runner.js';
import type { CheckResult, TargetInfo } from '../../src/monitors/types.js';
import { Outbox } from '../../src/outbox/outbox.js';
import { type Db, openDatabase } from '../../src/store/db.js';
import { SampleWriter } from '../../src/store/samples.js';
import { Summaries } from '../../src/summaries/service.js';
import { FakeClock } from '../helpers/fake-clock.js';

export function target(id: string, kind: string, unit: TargetInfo['unit'] = 'ms'): TargetInfo {
  return {
    id,
    name: id,
    kind,
    intervalMs: 30_000,
    severity: 'critical',
    channelKey: 'alerts',
    unit,
    window: 50,
  };
}

export function status(t: TargetInfo, at: number, result: CheckResult): TargetStatus {
  return {
    target: t,
    last: { at, result },
    stats: { count: 1, failures: 0, errorRate: 0, avg: 1, p95: 1, min: 1, max: 1 },
  };
}

/** A summaries service over an in-memory store, a fake clock and a hand-made runner state. */
export function summariesFixture(overrides: Record<string, unknown> = {}, dir = '/tmp') {
  const config: Config = configSchema.parse({
    store: { path: `${dir}/guardia.db` },
    channels: { alerts: {}, team: { locale: 'en' }, exec: { locale: 'es-AR' } },
    ...overrides,
  });
  const db: Db = openDatabase({ path: ':memory:' });
  const clock = new FakeClock();
  const alerts = new AlertStore(db);
  const outbox = new Outbox(db, clock);
  const samples = new SampleWriter(db, { flushMs: 60_000 });
  let statuses: TargetStatus[] = [];
  const summaries = new Summaries({
    config,
    db,
    clock,
    log: silentLogger(),
    runner: { snapshot: () => statuses, flushSamples: () => samples.flush() },
    alerts,
    outbox,
    localeFor: (key) => config.channels[key]?.locale ?? config.locale,
    periodOf: (kind) => (kind === 'team' ? 300_000 : 900_000),
  });
  return {
    config,
    db,
    clock,
    alerts,
    outbox,
    samples,
    summaries,
    setStatuses(s: TargetStatus[]) {
      statuses = s;
    },
    close() {
      samples.close();
      db.close();
    },
  };
}
