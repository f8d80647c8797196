import { describe, expect, it } from 'vitest';
import { dependencySchema } from '../../src/config/monitors.js';
import { systemClock } from '../../src/core/clock.js';
import { DependencyMonitor } from '../../src/monitors/dependency.js';
import { info, simulatorPerSuite } from './against-sim.js';

describe('DependencyMonitor against the simulator', () => {
  const suite = simulatorPerSuite();
  const { http } = suite;

  const monitor = (dep: string, ping = true) =>
    new DependencyMonitor(
      info('dependency'),
      dependencySchema.parse({
        id: dep,
        statusUrl: `${suite.sim.url}/status/${dep}/api/v2/summary.json`,
        ...(ping ? { pingUrl: `${suite.sim.url}/deps/${dep}/ping` } : {}),
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
    const result = await monitor('notifications', false).check();
    expect(result).toMatchObject({ ok: false, code: 'DEPENDENCY_DOWN' });
    expect(result.reason).toMatch(/^status page: /);
  });

  it('fails when the page is behind but the direct probe is down', async () => {
    suite.sim.faults.inject('gateway-down');
    const result = await monitor('mercadopago').check();
    expect(result.ok).toBe(false);
    expect(result.code).toBe('DEPENDENCY_DOWN');
  });
});
