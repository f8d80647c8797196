import { describe, expect, it } from 'vitest';
import { dbHealthSchema } from '../../src/config/monitors.js';
import { systemClock } from '../../src/core/clock.js';
import { DbHealthMonitor } from '../../src/monitors/db-health.js';
import { SharedFetch } from '../../src/monitors/shared-fetch.js';
import { info, simulatorPerSuite } from './against-sim.js';

describe('DbHealthMonitor against the simulator', () => {
  const suite = simulatorPerSuite();
  const { http } = suite;

  const monitor = () =>
    new DbHealthMonitor(
      info('database'),
      dbHealthSchema.parse({ id: 'db', url: `${suite.sim.url}/api/db/health` }),
      2_000,
      new SharedFetch(http, systemClock, 0),
    );

  it.each([
    [undefined, true, undefined],
    ['db-pool-exhausted', false, 'database disconnected'],
    ['slow-queries', false, /slow queries running|query time/],
  ] as const)('with %s: ok %s', async (fault, ok, reason) => {
    if (fault) suite.sim.faults.inject(fault);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const result = await monitor().check();
    expect(result.ok).toBe(ok);
    if (reason) expect(result.reason).toMatch(reason);
    expect(typeof result.value).toBe('number');
  });
});
