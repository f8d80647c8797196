import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_SCENARIO, runScenario, type Simulator } from '../../src/sim/index.js';
import { memoryLogger, startTestSim, waitFor } from './helpers.js';

describe('runScenario', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startTestSim();
  });
  afterEach(() => sim.close());

  it('fires the steps in order and logs each one', async () => {
    const { log, lines } = memoryLogger();
    runScenario(
      sim,
      [
        { atMs: 40, action: 'lift', fault: 'api-latency' },
        { atMs: 10, action: 'inject', fault: 'api-latency', options: { latencyMs: 5 } },
        { atMs: 40, action: 'inject', fault: 'gateway-down' },
      ],
      log,
    );
    await waitFor(() => (lines.length === 3 ? true : undefined));
    expect(lines.map((l) => [l.msg, l.action, l.fault])).toEqual([
      ['scenario step', 'inject', 'api-latency'],
      ['scenario step', 'lift', 'api-latency'],
      ['scenario step', 'inject', 'gateway-down'],
    ]);
    expect(lines.every((l) => l.level === 30)).toBe(true);
    expect(sim.faults.active().map((f) => f.kind)).toEqual(['gateway-down']);
  });

  it('runs nothing after cancel', async () => {
    const { log, lines } = memoryLogger();
    const run = runScenario(sim, [{ atMs: 20, action: 'inject', fault: 'api-errors' }], log);
    run.cancel();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(lines).toEqual([]);
    expect(sim.faults.active()).toEqual([]);
  });

  it('has a demo that slows the API from 20 s to 60 s, then fails payments to 4 min', () => {
    expect(DEMO_SCENARIO).toEqual([
      { atMs: 20_000, action: 'inject', fault: 'api-latency', options: { latencyMs: 450 } },
      { atMs: 60_000, action: 'lift', fault: 'api-latency' },
      { atMs: 90_000, action: 'inject', fault: 'payment-failures' },
      { atMs: 240_000, action: 'lift', fault: 'payment-failures' },
    ]);
  });
});
