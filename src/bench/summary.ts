import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertStore } from '../alerts/store.js';
import { execSummaryDoc } from '../bot/messages/summary-exec.js';
import type { RetentionConfig } from '../config/summaries.js';
import type { TargetStatus } from '../monitors/runner.js';
import type { TargetInfo } from '../monitors/types.js';
import { type Db, openDatabase } from '../store/db.js';
import { pruneOldRows } from '../store/retention.js';
import { RollupReader } from '../store/rollups.js';
import { SampleWriter } from '../store/samples.js';
import { takeSnapshot } from '../summaries/snapshot.js';
import type { Benchmark, BenchOptions, BenchRow } from './types.js';

const DAY = 86_400_000;
const INTERVAL = 30_000;

export interface SummaryBenchOptions {
  /** Targets in the executive-summary run (1,000 by default). */
  targets?: number;
  /** Targets in the 30-day retention run (100 by default; the size scales linearly). */
  retentionTargets?: number;
  days?: number;
  retention?: RetentionConfig;
  /** Timed executive summaries; the median and the worst are reported. */
  runs?: number;
}

export interface SummaryBenchResult {
  samples: number;
  loadMs: number;
  execMedianMs: number;
  execMaxMs: number;
  /** The same 24 h totals read from raw samples, once, for comparison. */
  rawScanMs: number;
  retention: {
    targets: number;
    days: number;
    bytes: number;
    bytesPerTarget: number;
    rows: { samples: number; minute: number; hour: number };
  };
}

const DEFAULT_RETENTION: RetentionConfig = {
  samples: 3 * DAY,
  minuteRollups: 7 * DAY,
  hourRollups: 400 * DAY,
  every: 3_600_000,
};

function targetInfo(i: number): TargetInfo {
  return {
    id: `t${i}`,
    name: `target ${i}`,
    kind: i % 10 === 0 ? 'rate' : 'http',
    intervalMs: INTERVAL,
    severity: 'critical',
    channelKey: 'alerts',
    unit: i % 10 === 0 ? 'ratio' : 'ms',
    window: 50,
  };
}

/** Writes `days` of samples for `targets` at 30 s, pruning once a simulated day. */
function fill(db: Db, targets: number, from: number, days: number, retention?: RetentionConfig) {
  const writer = new SampleWriter(db, { flushMs: 3_600_000, maxBuffer: 50_000 });
  let n = 0;
  for (let day = 0; day < days; day += 1) {
    const dayStart = from + day * DAY;
    for (let at = dayStart; at < dayStart + DAY; at += INTERVAL) {
      for (let t = 0; t < targets; t += 1) {
        // Deterministic noise: about one failure in 700 checks.
        const ok = (at / INTERVAL + t * 7) % 701 !== 0;
        writer.add({ targetId: `t${t}`, at, ok, value: 2 + ((at / INTERVAL + t) % 13) });
        n += 1;
      }
    }
    writer.flush();
    if (retention) pruneOldRows(db, retention, dayStart + DAY);
  }
  writer.close();
  return n;
}

/**
 * The executive summary over 24 h of samples for 1,000 targets at 30 s (~2.9 M samples),
 * and the database size after 30 simulated days under the retention policy.
 */
export function benchSummary(options: SummaryBenchOptions = {}): SummaryBenchResult {
  const targets = options.targets ?? 1000;
  const dir = mkdtempSync(join(tmpdir(), 'guardia-bench-'));
  try {
    const db = openDatabase({ path: join(dir, 'exec.db') });
    const now = Date.UTC(2026, 2, 2, 12, 0, 0);
    const loadStarted = performance.now();
    const samples = fill(db, targets, now - DAY, 1);
    const loadMs = performance.now() - loadStarted;

    const alerts = new AlertStore(db);
    const statuses: TargetStatus[] = Array.from({ length: targets }, (_, i) => ({
      target: targetInfo(i),
      last: { at: now, result: { ok: true, value: 3 } },
      stats: { count: 50, failures: 0, errorRate: 0, avg: 3, p95: 4, min: 2, max: 5 },
    }));
    const sources = {
      snapshot: () => statuses,
      alerts,
      rollups: new RollupReader(db),
      clock: { now: () => now, monotonic: () => performance.now() },
      uptimeTarget: 0.999,
    };
    const times: number[] = [];
    for (let i = 0; i < (options.runs ?? 15); i += 1) {
      const started = performance.now();
      execSummaryDoc('en', { snapshot: takeSnapshot(sources, 15 * 60_000), timeZone: 'UTC' });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const rawStarted = performance.now();
    db.prepare(
      'SELECT target_id, count(*), sum(ok = 0) FROM samples WHERE at >= ? GROUP BY target_id',
    ).all(now - DAY);
    const rawScanMs = performance.now() - rawStarted;
    db.close();

    return {
      samples,
      loadMs,
      execMedianMs: times[Math.floor(times.length / 2)] ?? 0,
      execMaxMs: times[times.length - 1] ?? 0,
      rawScanMs,
      retention: retentionSize(dir, options),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function retentionSize(dir: string, options: SummaryBenchOptions) {
  const targets = options.retentionTargets ?? 100;
  const days = options.days ?? 30;
  const path = join(dir, 'retention.db');
  const db = openDatabase({ path });
  fill(db, targets, Date.UTC(2026, 0, 1), days, options.retention ?? DEFAULT_RETENTION);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const count = (table: string) =>
    Number(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
  const rows = {
    samples: count('samples'),
    minute: count('rollup_minute'),
    hour: count('rollup_hour'),
  };
  db.close();
  const bytes = statSync(path).size;
  return { targets, days, bytes, bytesPerTarget: Math.round(bytes / targets), rows };
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** The `npm run bench` entry: executive summary time and the 30-day database size. */
export const summaryBench: Benchmark = {
  name: 'executive summary',
  method:
    'Loads 24 h of samples for 1,000 targets at 30 s (2,880,000 samples, written through ' +
    '`SampleWriter`, which keeps the per-minute and hourly rollups) into a file database, then ' +
    'times 15 executive summaries (snapshot from rollups + builder) and reports the median; the ' +
    'same 24 h totals read from raw samples are timed once for comparison. Then it writes 30 ' +
    'simulated days for 100 targets at 30 s (20 with `--quick`), pruning with the default ' +
    'retention (raw 3 d, minute rollups 7 d, hourly 400 d) once a simulated day, and reports the ' +
    'database file size after a WAL checkpoint.',
  async run(options: BenchOptions): Promise<BenchRow[]> {
    const r = benchSummary({ retentionTargets: options.quick ? 20 : 100 });
    const perThousand = r.retention.bytesPerTarget * 1000;
    return [
      {
        name: 'executive summary, 24 h × 1,000 targets',
        measured:
          `median ${r.execMedianMs.toFixed(1)} ms, worst ${r.execMaxMs.toFixed(1)} ms ` +
          `(raw scan ${r.rawScanMs.toFixed(0)} ms)`,
        target: '< 100 ms',
        pass: r.execMedianMs < 100,
      },
      {
        name: `database after ${r.retention.days} days (${r.retention.targets} targets at 30 s)`,
        measured:
          `${mb(r.retention.bytes)}: ${mb(r.retention.bytesPerTarget)} per target, ` +
          `~${mb(perThousand)} for 1,000`,
        target: '≤ 2 MB per target',
        pass: r.retention.bytesPerTarget <= 2 * 1_048_576,
      },
    ];
  },
};
