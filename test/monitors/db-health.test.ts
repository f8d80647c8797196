import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dbHealthSchema } from '../../src/config/monitors.js';
import { systemClock } from '../../src/core/clock.js';
import { DbHealthMonitor } from '../../src/monitors/db-health.js';
import { SharedFetch } from '../../src/monitors/shared-fetch.js';
import type { TargetInfo } from '../../src/monitors/types.js';
import type { Simulator } from '../../src/sim/index.js';
import { startTestSim } from '../sim/helpers.js';

const info = (kind: string): TargetInfo => ({
  id: kind,
  name: kind,
  kind,
  intervalMs: 30_000,
  severity: 'critical',
  channelKey: 'alerts',
  unit: 'ms',
  window: 50,
});

describe('DbHealthMonitor against the simulator', () => {
  let sim: Simulator;
  const http = new Agent();
  beforeAll(async () => {
    sim = await startTestSim();
  });
  afterEach(() => {
    for (const f of sim.faults.active()) sim.faults.lift(f.kind);
  });
  afterAll(async () => {
    await sim.close();
    await http.close();
  });

  const monitor = () =>
    new DbHealthMonitor(
      info('database'),
      dbHealthSchema.parse({ id: 'db', url: `${sim.url}/api/db/health` }),
      2_000,
      new SharedFetch(http, systemClock, 0),
    );

  it.each([
    [undefined, true, undefined],
    ['db-pool-exhausted', false, 'database disconnected'],
    ['slow-queries', false, /slow queries running|query time/],
  ] as const)('with %s: ok %s', async (fault, ok, reason) => {
    if (fault) sim.faults.inject(fault);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const result = await monitor().check();
    expect(result.ok).toBe(ok);
    if (reason) expect(result.reason).toMatch(reason);
    expect(typeof result.value).toBe('number');
  });
});
