import { setImmediate as tick } from 'node:timers/promises';
import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/clock.js';
import { HttpMonitor, type HttpProbeSettings } from '../../src/monitors/http.js';
import { MAX_JSON_BODY_BYTES } from '../../src/monitors/http-exchange.js';
import type { TargetInfo } from '../../src/monitors/types.js';
import { closedPort, LoopbackServer } from '../helpers/loopback.js';

const TARGET: TargetInfo = {
  id: 'api',
  name: 'API',
  kind: 'http',
  intervalMs: 1000,
  severity: 'critical',
  channelKey: 'alerts',
  unit: 'ms',
  window: 50,
};

let server: LoopbackServer;
let agent: Agent;

beforeAll(async () => {
  server = await LoopbackServer.start();
});

afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  await agent?.close();
  agent = new Agent({ keepAliveTimeout: 10_000 });
  server.set({ status: 200, body: { status: 'ok', queue: 3 }, delayMs: 0 });
});

function monitor(settings: Partial<HttpProbeSettings> = {}, clock?: Clock): HttpMonitor {
  return new HttpMonitor(
    TARGET,
    {
      url: `${server.url}/health`,
      method: 'GET',
      headers: {},
      expectStatus: [200],
      timeoutMs: 1000,
      latencyThresholdMs: 500,
      ...settings,
    },
    agent,
    clock,
  );
}

describe('HttpMonitor.check', () => {
  it('passes on the expected status and reports a latency', async () => {
    const result = await monitor().check();
    expect(result).toMatchObject({ ok: true, detail: { status: 200 } });
    expect(result.value).toBeGreaterThan(0);
  });

  it('fails on an unexpected status, naming both', async () => {
    server.set({ status: 503 });
    expect(await monitor().check()).toMatchObject({
      ok: false,
      code: 'PROBE_STATUS',
      reason: 'status 503, expected 200',
      detail: { status: 503, expected: '200' },
    });
  });

  it.each([
    [{ path: 'status', equals: 'ok' }, { status: 'ok' }, undefined, undefined],
    [
      { path: 'status', equals: 'ok' },
      { status: 'degraded' },
      'status is "degraded", expected "ok"',
      { because: 'jsonEquals', path: 'status', actual: '"degraded"', expected: '"ok"' },
    ],
    [
      { path: 'db.state', in: ['up', 'ok'] },
      { db: {} },
      'db.state is nothing, expected one of',
      { because: 'jsonIn', path: 'db.state', actual: undefined, expected: '["up","ok"]' },
    ],
    [
      { path: 'queue', max: 10 },
      { queue: 42 },
      'queue is 42, expected at most 10',
      { because: 'jsonMax', path: 'queue', actual: 42, expected: 10 },
    ],
    [
      { path: 'queue', min: 1 },
      { queue: 0 },
      'queue is 0, expected at least 1',
      { because: 'jsonMin', path: 'queue', actual: 0, expected: 1 },
    ],
    [{ path: 'status', equals: 'ok' }, 'not json', 'body is not JSON', { because: 'notJson' }],
  ])('checks the JSON condition %j against %j', async (json, body, reason, facts) => {
    server.set({ body });
    const result = await monitor({ json }).check();
    if (reason === undefined) {
      expect(result.ok).toBe(true);
    } else {
      expect(result).toMatchObject({ ok: false, code: 'PROBE_BODY', detail: facts });
      expect(result.reason).toContain(reason);
    }
  });

  it('times out with the deadline in the reason', async () => {
    server.set({ delayMs: 300 });
    expect(await monitor({ timeoutMs: 50 }).check()).toMatchObject({
      ok: false,
      code: 'PROBE_TIMEOUT',
      reason: 'no answer within 50 ms',
      detail: { timeoutMs: 50 },
    });
  });

  it('reports a refused connection', async () => {
    const port = await closedPort();
    const result = await monitor({ url: `http://127.0.0.1:${port}/` }).check();
    expect(result).toMatchObject({
      ok: false,
      code: 'PROBE_CONNECT',
      reason: 'connection refused',
      detail: { errorCode: 'ECONNREFUSED' },
    });
  });

  it('fails a probe slower than its threshold but keeps its latency', async () => {
    server.set({ delayMs: 60 });
    const result = await monitor({ latencyThresholdMs: 20 }).check();
    expect(result).toMatchObject({ ok: false, code: 'PROBE_SLOW', detail: { thresholdMs: 20 } });
    expect(result.reason).toMatch(/^answered in \d+ ms, threshold 20 ms$/);
    expect(result.value).toBeGreaterThanOrEqual(20);
  });

  it('reuses one connection across 20 probes', async () => {
    const before = server.connections;
    const m = monitor({ json: { path: 'status', equals: 'ok' } });
    for (let i = 0; i < 20; i += 1) {
      expect((await m.check()).ok).toBe(true);
      // The runner never probes one target twice in a tick; undici frees a connection for its
      // pool only on the next one, and back-to-back calls would open a second connection.
      await tick();
    }
    expect(server.connections - before).toBe(1);
  });
});

describe('HttpMonitor timing', () => {
  it('times the request from when it is on a connected socket, reporting the wait apart', async () => {
    // The clock answers 100, 105, 106 to the probe's three readings: start, request handed to
    // the socket, body read. Latency must be 1 (106 − 105), the wait 5 (105 − 100).
    const readings = [100, 105, 106];
    const clock = { now: () => Date.now(), monotonic: () => readings.shift() ?? 106 };
    const result = await monitor({}, clock).check();
    expect(result).toMatchObject({ ok: true, value: 1, detail: { status: 200, waitMs: 5 } });
  });

  it('still sees the send after the server dropped the idle connection', async () => {
    const m = monitor();
    expect((await m.check()).ok).toBe(true);
    server.dropIdleConnections();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await m.check();
    expect(again.ok).toBe(true);
    expect(again.detail?.waitMs).toBeTypeOf('number');
  });
});

describe('HttpMonitor deadline', () => {
  it('times out when the body stalls after the headers', async () => {
    const { createServer } = await import('node:http');
    const stalling = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"status":');
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const address = stalling.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      for (const json of [undefined, { path: 'status', equals: 'ok' }]) {
        const result = await monitor({
          url: `http://127.0.0.1:${port}/`,
          timeoutMs: 100,
          ...(json ? { json } : {}),
        }).check();
        expect(result).toMatchObject({ ok: false, code: 'PROBE_TIMEOUT' });
      }
    } finally {
      stalling.closeAllConnections();
      await new Promise<void>((resolve) => stalling.close(() => resolve()));
    }
  });
});

describe('HttpMonitor limits', () => {
  it('ends a probe at its deadline while it still waits for a free connection', async () => {
    // One connection, held by a slow request: the second probe queues behind it in the pool.
    // Its deadline must end it on time, not when the connection frees up.
    await agent.close();
    agent = new Agent({ connections: 1 });
    server.set({ delayMs: 400 });
    const order: string[] = [];
    const slow = monitor({ timeoutMs: 2000, latencyThresholdMs: 5000 })
      .check()
      .finally(() => order.push('slow'));
    const queued = await monitor({ timeoutMs: 50 })
      .check()
      .finally(() => order.push('queued'));
    expect(queued).toMatchObject({ ok: false, code: 'PROBE_TIMEOUT' });
    expect((await slow).ok).toBe(true);
    expect(order).toEqual(['queued', 'slow']);
  });

  it('refuses to read a JSON body over 1 MiB', async () => {
    server.set({ body: { status: 'ok', padding: 'x'.repeat(MAX_JSON_BODY_BYTES) } });
    const result = await monitor({ json: { path: 'status', equals: 'ok' } }).check();
    expect(result).toMatchObject({
      ok: false,
      code: 'PROBE_BODY',
      detail: { because: 'tooLarge', limitBytes: MAX_JSON_BODY_BYTES },
    });
    expect(result.reason).toBe('body larger than 1 MiB, not read as JSON');
  });

  it('reads a large body it does not need without keeping it', async () => {
    server.set({ body: { status: 'ok', padding: 'x'.repeat(2 * MAX_JSON_BODY_BYTES) } });
    expect(await monitor().check()).toMatchObject({ ok: true, detail: { status: 200 } });
  });

  it('reports an empty body as not JSON', async () => {
    server.set({ body: '' });
    const result = await monitor({ json: { path: 'status', equals: 'ok' } }).check();
    expect(result).toMatchObject({ ok: false, code: 'PROBE_BODY', reason: 'body is not JSON' });
  });
});
