import { Agent } from 'undici';
import { silentLogger } from '../../../src/core/logger.js';
import type { TargetStatus } from '../../../src/monitors/runner.js';
import type { CheckResult } from '../../../src/monitors/types.js';
import type { StepContext } from '../../../src/runbooks/steps/types.js';

/** Window figures of a target with no latency samples. */
export const NO_STATS: TargetStatus['stats'] = {
  count: 0,
  failures: 0,
  errorRate: undefined,
  avg: undefined,
  p95: undefined,
  min: undefined,
  max: undefined,
};

/** A runner whose checks return the given results in order (the last one repeats). */
export function fakeRunner(id: string, results: CheckResult[]) {
  let last: TargetStatus['last'];
  let calls = 0;
  return {
    calls: () => calls,
    runNow: async (targetId: string) => {
      if (targetId !== id) throw new Error(`unknown target ${targetId}`);
      const result = results[Math.min(calls, results.length - 1)] ?? { ok: false };
      calls += 1;
      last = { at: calls, result };
    },
    snapshot: (): TargetStatus[] => [
      {
        target: {
          id,
          name: id,
          kind: 'http',
          intervalMs: 1000,
          severity: 'critical',
          channelKey: 'alerts',
          unit: 'ms',
          window: 10,
        },
        last,
        stats: NO_STATS,
      },
    ],
  };
}

export function stepContext(
  overrides: Partial<StepContext> = {},
): StepContext & { slept: number[] } {
  let now = 1_000_000;
  const slept: number[] = [];
  return {
    http: new Agent(),
    env: {},
    params: {},
    runner: fakeRunner('api-health', [{ ok: true }]),
    clock: { now: () => now, monotonic: () => now },
    log: silentLogger(),
    signal: new AbortController().signal,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    slept,
    ...overrides,
  };
}
