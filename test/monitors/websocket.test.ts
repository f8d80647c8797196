import { describe, expect, it } from 'vitest';
import { websocketSchema } from '../../src/config/monitors.js';
import { systemClock } from '../../src/core/clock.js';
import { WebsocketMonitor } from '../../src/monitors/websocket.js';
import { info, simulatorPerSuite } from './against-sim.js';

describe('WebsocketMonitor against the simulator', () => {
  const suite = simulatorPerSuite();

  const monitor = (threshold = 500) =>
    new WebsocketMonitor(
      info('websocket'),
      websocketSchema.parse({
        id: 'ws',
        url: `${suite.sim.url.replace('http', 'ws')}/ws`,
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
    suite.sim.faults.inject('websocket-drop');
    const result = await monitor().check();
    expect(result).toMatchObject({
      ok: false,
      code: 'WEBSOCKET_FAILED',
      detail: { because: 'closed', closeCode: 1011 },
    });
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
    expect(result).toMatchObject({
      ok: false,
      code: 'WEBSOCKET_FAILED',
      reason: 'connection failed',
      detail: { because: 'connectFailed' },
    });
  });
});
