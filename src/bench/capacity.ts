import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CapacityJob, CapacityResult } from './capacity-child.js';
import { startJsonServer } from './json-server.js';
import type { Benchmark, BenchOptions, BenchRow } from './types.js';

const TARGETS = 1_000;
const WARM_UP_S = 3;
const CPU_TARGET = 0.25;
const RSS_TARGET_MB = 200;

function runChild(job: CapacityJob, cpuProfDir: string | undefined): Promise<CapacityResult> {
  const child = fork(new URL('./capacity-child.js', import.meta.url), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (result: CapacityResult) => resolve(result));
    child.once('exit', (code) => reject(new Error(`capacity child exited with ${code}`)));
    child.send(job);
  });
}

/**
 * A thousand targets on a one second interval. guardia runs in a child process so its CPU
 * and memory are measured alone; the loopback server answering the probes stays here.
 */
export const capacity: Benchmark = {
  name: 'capacity',
  method:
    `${TARGETS} HTTP targets (JSON condition on each) probed every second against a loopback ` +
    'server in the parent process, by the real app (`startGuardia`: MonitorRunner, AlertEngine, ' +
    'SampleWriter, outbox, console adapter) on a temporary SQLite file in a child process. ' +
    `After ${WARM_UP_S} s of warm-up, CPU share is \`process.cpuUsage\` (user + system) over ` +
    'wall time, as a share of one core; peak RSS is the largest `process.memoryUsage().rss` ' +
    'sampled every 250 ms over the whole child run.',
  async run(options: BenchOptions): Promise<BenchRow[]> {
    const server = await startJsonServer();
    const dir = mkdtempSync(join(tmpdir(), 'guardia-bench-'));
    try {
      const r = await runChild(
        {
          url: server.url,
          targets: TARGETS,
          durationS: options.durationS,
          warmUpS: WARM_UP_S,
          storePath: join(dir, 'guardia.db'),
        },
        options.cpuProfDir,
      );
      const rate = r.checks / r.seconds;
      process.stderr.write(`  memory at peak (MB): ${JSON.stringify(r.atPeakMb)}\n`);
      for (const { reason, n } of r.reasons) process.stderr.write(`  ${n} × ${reason}\n`);
      return [
        {
          name: `capacity: checks per second (${TARGETS} targets, ${r.seconds.toFixed(0)} s)`,
          measured: `${rate.toFixed(0)}/s, ${r.failures} failed`,
          target: `≥ ${TARGETS * 0.95}/s, 0 failed`,
          pass: rate >= TARGETS * 0.95 && r.failures === 0,
        },
        {
          name: 'capacity: CPU share of one core',
          measured: `${(r.cpuShare * 100).toFixed(1)} %`,
          target: `< ${CPU_TARGET * 100} %`,
          pass: r.cpuShare < CPU_TARGET,
        },
        {
          name: 'capacity: peak RSS',
          measured: `${r.peakRssMb.toFixed(0)} MB`,
          target: `< ${RSS_TARGET_MB} MB`,
          pass: r.peakRssMb < RSS_TARGET_MB,
        },
      ];
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
