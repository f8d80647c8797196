import { describe, expect, it } from 'vitest';
import { dependencySchema } from '../../src/config/monitors.js';
import { systemClock } from '../../src/core/clock.js';
import { DependencyMonitor } from '../../src/monitors/dependency.js';
import { closedPort } from '../helpers/loopback.js';
import { info, simulatorPerSuite } from './against-sim.js';

describe('DependencyMonitor against the simulator', () => {
  const suite = simulatorPerSuite();
  const { http } = suite;

  const monitor = (dep: string, config: Record<string, unknown> = {}) =>
    new DependencyMonitor(
      info('dependency'),
      dependencySchema.parse({
        id: dep,
        statusUrl: `${suite.sim.url}/status/${dep}/api/v2/summary.json`,
        pingUrl: `${suite.sim.url}/deps/${dep}/ping`,
        ...config,
      }),
      2_000,
      http,
      systemClock,
    );

  it('is ok with an operational page and a good ping, timing the ping', async () => {
    const result = await monitor('mercadopago').check();
    expect(result).toMatchObject({ ok: true, detail: { indicator: 'none', pingStatus: 200 } });
    expect(result.value).toBeGreaterThanOrEqual(0);
  });

  it('fails on a major outage, naming the broken components', async () => {
    suite.sim.faults.inject('dependency-outage');
    const result = await monitor('notifications', { pingUrl: undefined }).check();
    expect(result).toMatchObject({
      ok: false,
      code: 'DEPENDENCY_DOWN',
      detail: { because: 'statusPage', description: expect.any(String) },
    });
    expect(result.reason).toMatch(/^status page: /);
  });

  it('fails when the page is behind but the direct probe is down', async () => {
    suite.sim.faults.inject('gateway-down');
    // The page says `major`; failing only at `critical` stands for a page that lags.
    const result = await monitor('mercadopago', { failAt: 'critical' }).check();
    expect(result.ok).toBe(false);
    expect(result.code).toBe('DEPENDENCY_DOWN');
    expect(result.reason).toMatch(/^direct probe answered 5\d\d$/);
    expect(result.detail).toMatchObject({ because: 'pingStatus', indicator: 'major' });
  });

  it("keeps the direct probe's own failure when it cannot connect", async () => {
    const port = await closedPort();
    const result = await monitor('mercadopago', { pingUrl: `http://127.0.0.1:${port}/` }).check();
    expect(result).toMatchObject({
      ok: false,
      code: 'DEPENDENCY_DOWN',
      reason: 'direct probe: connection refused',
      detail: {
        because: 'pingFailed',
        pingCode: 'PROBE_CONNECT',
        errorCode: 'ECONNREFUSED',
        indicator: 'none',
      },
    });
  });
});
