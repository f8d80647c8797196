import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { websocketSchema } from '../../src/config/monitors.js';
import { systemClock } from '../../src/core/clock.js';
import type { TargetInfo } from '../../src/monitors/types.js';
import { WebsocketMonitor } from '../../src/monitors/websocket.js';
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

describe('WebsocketMonitor against the simulator', () => {
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

  const monitor = (threshold = 500) =>
    new WebsocketMonitor(
      info('websocket'),
      websocketSchema.parse({
        id: 'ws',
        url: `${sim.url.replace('http', 'ws')}/ws`,
        latencyThreshold: threshold,
      }),
      1_000,
      systemClock,
    );

  it('times the echo of a nonce', async () => {
    const result = await monitor().check();
    expect(result.ok).toBe(true);
    expect(result.value).toBeGreaterThanOrEqual(0);
  });

  it('fails when the server closes before echoing', async () => {
    sim.faults.inject('websocket-drop');
    const result = await monitor().check();
    expect(result).toMatchObject({ ok: false, code: 'WEBSOCKET_FAILED' });
    expect(result.reason).toMatch(/closed with 1011/);
  });

  it('fails when nothing listens', async () => {
    const m = new WebsocketMonitor(
      info('websocket'),
      websocketSchema.parse({ id: 'ws', url: 'ws://127.0.0.1:9/ws' }),
      1_000,
      systemClock,
    );
    const result = await m.check();
    expect(result).toMatchObject({ ok: false, code: 'WEBSOCKET_FAILED' });
  });
});
