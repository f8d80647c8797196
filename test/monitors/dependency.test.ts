import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dependencySchema } from '../../src/config/monitors.js';
import { systemClock } from '../../src/core/clock.js';
import { DependencyMonitor } from '../../src/monitors/dependency.js';
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

describe('DependencyMonitor against the simulator', () => {
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

  const monitor = (dep: string, ping = true) =>
    new DependencyMonitor(
      info('dependency'),
      dependencySchema.parse({
        id: dep,
        statusUrl: `${sim.url}/status/${dep}/api/v2/summary.json`,
        ...(ping ? { pingUrl: `${sim.url}/deps/${dep}/ping` } : {}),
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
    sim.faults.inject('dependency-outage');
    const result = await monitor('notifications', false).check();
    expect(result).toMatchObject({ ok: false, code: 'DEPENDENCY_DOWN' });
    expect(result.reason).toMatch(/^status page: /);
  });

  it('fails when the page is behind but the direct probe is down', async () => {
    sim.faults.inject('gateway-down');
    const result = await monitor('mercadopago').check();
    expect(result.ok).toBe(false);
    expect(result.code).toBe('DEPENDENCY_DOWN');
  });
});
