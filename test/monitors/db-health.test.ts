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
    [undefined, true, undefined, undefined],
    ['db-pool-exhausted', false, 'database disconnected', ['disconnected']],
    ['slow-queries', false, /slow queries running|query time/, ['slowQueries', 'queryTime']],
  ] as const)('with %s: ok %s', async (fault, ok, reason, because) => {
    if (fault) suite.sim.faults.inject(fault);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const result = await monitor().check();
    expect(result.ok).toBe(ok);
    if (reason) expect(result.reason).toMatch(reason);
    if (because) expect(because).toContain(result.detail?.because);
    expect(typeof result.value).toBe('number');
  });

  it('names the limit a failure went over', async () => {
    suite.sim.faults.inject('slow-queries');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const result = await monitor().check();
    expect(result.detail).toMatchObject(
      result.detail?.because === 'slowQueries' ? { maxSlowQueries: 0 } : { maxQueryTimeMs: 500 },
    );
  });
});
