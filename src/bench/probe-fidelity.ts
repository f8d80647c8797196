import { setImmediate as tick } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { systemClock } from '../core/clock.js';
import { HttpMonitor } from '../monitors/http.js';
import { startJsonServer } from './json-server.js';
import { median } from './stats.js';
import type { Benchmark, BenchRow } from './types.js';

const PROBES = 2_000;
const WARM_UP = 200;
const TARGET_MS = 0.05;

/**
 * guardia's reported latency against a bare undici loop on the same endpoint, interleaved in
 * one run so both see the same machine load. Each side has its own kept-alive connection.
 */
export const probeFidelity: Benchmark = {
  name: 'probe fidelity',
  method:
    `A loopback node:http server answers a tiny JSON body. In one run, ${PROBES} calls of ` +
    "guardia's `HttpMonitor.check()` (with a JSON condition) alternate with " +
    `${PROBES} raw undici \`request()\` calls that read the body as JSON, each on its own ` +
    `kept-alive Agent, after ${WARM_UP} warm-up calls each. The raw side is timed with the same ` +
    'monotonic clock; the row compares the medians.',
  async run(): Promise<BenchRow[]> {
    const server = await startJsonServer();
    const guardiaAgent = new Agent({ keepAliveTimeout: 60_000 });
    const rawAgent = new Agent({ keepAliveTimeout: 60_000 });
    const monitor = new HttpMonitor(
      {
        id: 'bench',
        name: 'bench',
        kind: 'http',
        intervalMs: 1000,
        severity: 'critical',
        channelKey: 'alerts',
        unit: 'ms',
        window: 50,
      },
      {
        url: `${server.url}/health`,
        method: 'GET',
        headers: {},
        expectStatus: [200],
        json: { path: 'status', equals: 'ok' },
        timeoutMs: 5_000,
        latencyThresholdMs: 1_000,
      },
      guardiaAgent,
    );
    const raw = async (): Promise<number> => {
      const started = systemClock.monotonic();
      const res = await request(`${server.url}/health`, { dispatcher: rawAgent });
      await res.body.json();
      return systemClock.monotonic() - started;
    };
    const guardia: number[] = [];
    const bare: number[] = [];
    try {
      for (let i = 0; i < WARM_UP + PROBES; i += 1) {
        const result = await monitor.check();
        // The scheduler never runs checks back to back in one tick; neither does this loop.
        await tick();
        const rawMs = await raw();
        await tick();
        if (i < WARM_UP) continue;
        if (!result.ok || result.value === undefined)
          throw new Error(`probe failed: ${result.reason}`);
        guardia.push(result.value);
        bare.push(rawMs);
      }
    } finally {
      await guardiaAgent.close();
      await rawAgent.close();
      await server.close();
    }
    const g = median(guardia);
    const r = median(bare);
    const diff = g - r;
    return [
      { name: 'probe median, guardia', measured: `${g.toFixed(3)} ms`, target: '—', pass: true },
      { name: 'probe median, raw undici', measured: `${r.toFixed(3)} ms`, target: '—', pass: true },
      {
        name: 'probe fidelity (guardia − raw)',
        measured: `${diff >= 0 ? '+' : ''}${diff.toFixed(3)} ms`,
        target: `within ±${TARGET_MS} ms`,
        pass: Math.abs(diff) <= TARGET_MS,
      },
    ];
  },
};
