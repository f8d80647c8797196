/**
 * The guardia side of the capacity benchmark, in its own process so its CPU and memory are
 * guardia's alone: the real app (runner, alert engine, sample writer, outbox, console adapter)
 * on a temporary SQLite file, probing the parent's loopback server. Prints nothing; sends one
 * `CapacityResult` to the parent over IPC.
 */
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { startGuardia } from '../app.js';
import { parseConfig } from '../config/load.js';
import { secretsFromEnv } from '../config/secrets.js';
import { tuneGarbageCollector } from '../core/gc-tuning.js';
import { createLogger } from '../core/logger.js';

export interface CapacityJob {
  url: string;
  targets: number;
  durationS: number;
  warmUpS: number;
  storePath: string;
}

export interface CapacityResult {
  cpuShare: number;
  peakRssMb: number;
  /** `process.memoryUsage()` in MB when RSS peaked: heap, external and buffers. */
  atPeakMb: Record<string, number>;
  checks: number;
  failures: number;
  /** The most frequent failure reasons, to tell an overloaded guardia from a bad target. */
  reasons: Array<{ reason: string; n: number }>;
  seconds: number;
}

async function main(job: CapacityJob): Promise<CapacityResult> {
  // As `guardia start` does.
  tuneGarbageCollector();
  let peakRss = process.memoryUsage().rss;
  let atPeak = process.memoryUsage();
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss > peakRss) {
      peakRss = now.rss;
      atPeak = now;
    }
  }, 250);
  const parsed = parseConfig({
    store: { path: job.storePath },
    server: { port: 0 },
    log: { level: 'info' },
    channels: { alerts: {}, team: {}, exec: {} },
    defaults: { interval: '1s', timeout: '5s', latencyThreshold: '1s' },
    targets: Array.from({ length: job.targets }, (_, i) => ({
      id: `t${i}`,
      url: `${job.url}/health/${i}`,
      json: { path: 'status', equals: 'ok' },
    })),
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const guardia = await startGuardia(parsed.config, secretsFromEnv({}), {
    log: createLogger({ level: 'info', destination: pino.destination('/dev/null') }),
    // The whole app, every feature included: what an operator would run.
    io: { stdin: new PassThrough(), stdout: new PassThrough() },
  });
  await sleep(job.warmUpS * 1000);
  const fromWall = Date.now();
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await sleep(job.durationS * 1000);
  const used = process.cpuUsage(cpu);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const toWall = Date.now();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  await guardia.stop();
  const { openDatabase } = await import('../store/db.js');
  const db = openDatabase({ path: job.storePath });
  const row = db
    .prepare('SELECT COUNT(*) AS n, SUM(ok = 0) AS bad FROM samples WHERE at >= ? AND at < ?')
    .get(fromWall, toWall) as { n: number; bad: number | null };
  const reasons = db
    .prepare(`SELECT reason, COUNT(*) AS n FROM samples WHERE ok = 0 AND at >= ? AND at < ?
      GROUP BY reason ORDER BY n DESC LIMIT 3`)
    .all(fromWall, toWall) as Array<{ reason: string; n: number }>;
  db.close();
  return {
    reasons,
    cpuShare: (used.user + used.system) / 1e6 / seconds,
    peakRssMb: peakRss / 1024 / 1024,
    atPeakMb: Object.fromEntries(
      Object.entries(atPeak).map(([k, v]) => [k, Math.round(v / 1024 / 1024)]),
    ),
    checks: row.n,
    failures: row.bad ?? 0,
    seconds,
  };
}

process.once('message', (job: CapacityJob) => {
  main(job).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (err: unknown) => {
      process.stderr.write(`capacity child failed: ${String((err as Error).stack ?? err)}\n`);
      process.exit(1);
    },
  );
});
