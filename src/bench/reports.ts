import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore } from '../analytics/ingest.js';
import { parseConfig } from '../config/load.js';
import { systemClock } from '../core/clock.js';
import { createReportService } from '../reports/service.js';
import { createEventStream } from '../sim/events.js';
import { openDatabase } from '../store/db.js';
import type { Benchmark, BenchOptions, BenchRow } from './types.js';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target: string;
  ok: boolean;
}

const DAY_MS = 86_400_000;

/**
 * Ingest rate (validation + store + rollup, batches of 5,000) and both reports over `events`
 * simulated events spread over 30 days, in a file database like production's.
 */
export function benchReports(events = 1_000_000): BenchResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'guardia-bench-'));
  const path = join(dir, 'bench.db');
  const parsed = parseConfig({
    store: { path },
    channels: { alerts: {} },
    reports: { chartDir: join(dir, 'charts') },
  });
  if (!parsed.ok) throw new Error('bench config invalid');
  const db = openDatabase({ path });
  try {
    const store = new EventStore(db);
    const now = Date.now();
    const stream = createEventStream({ seed: 1, runId: 'bench' });
    const batch = 5_000;
    let ingestMs = 0;
    for (let done = 0; done < events; done += batch) {
      const at = now - ((events - done) / events) * 30 * DAY_MS;
      const records = stream.next(batch, at, DAY_MS).map((value, i) => ({ line: i + 1, value }));
      const start = systemClock.monotonic();
      store.ingestRecords(records);
      ingestMs += systemClock.monotonic() - start;
    }
    const rate = Math.round(events / (ingestMs / 1000));
    const service = createReportService({ db, config: parsed.config, clock: systemClock });
    const time = (fn: () => unknown) => {
      fn();
      const start = systemClock.monotonic();
      fn();
      return Math.round((systemClock.monotonic() - start) * 10) / 10;
    };
    const market = time(() => service.market());
    const readiness = time(() => service.readiness());
    const label = `${(events / 1e6).toLocaleString('en')}M events`;
    return [
      { name: 'ingest rate', value: rate, unit: 'events/s', target: '≥ 50000', ok: rate >= 50_000 },
      {
        name: `market report, ${label}`,
        value: market,
        unit: 'ms',
        target: '< 300',
        ok: market < 300,
      },
      {
        name: `readiness report, ${label}`,
        value: readiness,
        unit: 'ms',
        target: '< 300',
        ok: readiness < 300,
      },
    ];
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const reportsBench: Benchmark = {
  name: 'analytics and reports',
  method:
    'Simulated events (the bundled generator, census-weighted regions) spread over 30 days are ' +
    'ingested in batches of 5,000 into a file database through the same validation as ' +
    '`POST /v1/events`; then the market and readiness reports are computed over them (one warm ' +
    'run, one timed). `--quick` uses 200,000 events instead of 1 million.',
  async run(options: BenchOptions): Promise<BenchRow[]> {
    return benchReports(options.quick ? 200_000 : 1_000_000).map((r) => ({
      name: r.name,
      measured: `${r.value.toLocaleString('en')} ${r.unit}`,
      target: `${r.target} ${r.unit}`,
      pass: r.ok,
    }));
  },
};
