import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FaultKind, OutcomeCounts, Simulator } from '../../src/sim/index.js';
import { type BusinessCounters, FAULTS, REMEDIATIONS } from '../../src/sim/index.js';
import { admin, getJson, startTestSim, waitFor } from './helpers.js';

type Counters = BusinessCounters;

async function timed(sim: Simulator, path: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${sim.url}${path}`);
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

/** Success rate of the traffic that happened after `before`, once at least `min` attempts. */
async function rateSince(
  sim: Simulator,
  pick: (c: Counters) => OutcomeCounts,
  min: number,
): Promise<number> {
  const before = pick((await getJson<Counters>(sim, '/metrics/business')).body);
  return waitFor(async () => {
    const now = pick((await getJson<Counters>(sim, '/metrics/business')).body);
    const attempts = now.attempts - before.attempts;
    return attempts >= min ? (now.succeeded - before.succeeded) / attempts : undefined;
  }, 15_000);
}

interface FaultCase {
  kind: FaultKind;
  options?: Record<string, number>;
  /** Passes while the fault is active. */
  broken: (sim: Simulator) => Promise<void>;
  /** Passes once it is lifted. */
  healthy: (sim: Simulator) => Promise<void>;
}

const CASES: FaultCase[] = [
  {
    kind: 'api-latency',
    options: { latencyMs: 150 },
    broken: async (sim) => expect((await timed(sim, '/api/health')).ms).toBeGreaterThan(140),
    healthy: async (sim) => expect((await timed(sim, '/api/health')).ms).toBeLessThan(140),
  },
  {
    kind: 'api-errors',
    options: { status: 502 },
    broken: async (sim) => expect((await timed(sim, '/api/services')).status).toBe(502),
    healthy: async (sim) => expect((await timed(sim, '/api/services')).status).toBe(200),
  },
  {
    kind: 'api-timeout',
    broken: async (sim) => {
      const held = fetch(`${sim.url}/api/health`, { signal: AbortSignal.timeout(200) });
      await expect(held).rejects.toThrow();
    },
    healthy: async (sim) => expect((await timed(sim, '/api/health')).status).toBe(200),
  },
  {
    kind: 'worker-stall',
    broken: async (sim) =>
      expect(await rateSince(sim, (c) => c.registrations, 60)).toBeLessThan(0.7),
    healthy: async (sim) =>
      expect(await rateSince(sim, (c) => c.registrations, 60)).toBeGreaterThan(0.75),
  },
  {
    kind: 'db-pool-exhausted',
    broken: async (sim) => {
      const { body } = await getJson(sim, '/api/db/health');
      expect(body).toMatchObject({ connected: false, poolInUse: body.poolSize });
      expect((await timed(sim, '/api/bookings')).status).toBe(503);
    },
    healthy: async (sim) => {
      expect((await getJson(sim, '/api/db/health')).body.connected).toBe(true);
      expect((await timed(sim, '/api/bookings')).status).toBe(200);
    },
  },
  {
    kind: 'slow-queries',
    broken: async (sim) => {
      const first = (await getJson<{ slowQueries: number }>(sim, '/api/db/health')).body;
      const later = await waitFor(async () => {
        const { body } = await getJson<{ slowQueries: number; queryTimeMs: number }>(
          sim,
          '/api/db/health',
        );
        return body.slowQueries > first.slowQueries ? body : undefined;
      });
      expect(later.queryTimeMs).toBeGreaterThan(1000);
    },
    healthy: async (sim) => {
      const { body } = await getJson<{ slowQueries: number; queryTimeMs: number }>(
        sim,
        '/api/db/health',
      );
      expect(body.slowQueries).toBe(0);
      expect(body.queryTimeMs).toBeLessThan(100);
    },
  },
  {
    kind: 'gateway-down',
    broken: async (sim) => {
      const { body } = await getJson(sim, '/status/mercadopago/api/v2/summary.json');
      expect(body.status).toMatchObject({ indicator: 'major' });
      expect((await timed(sim, '/deps/mercadopago/ping')).status).toBe(503);
      const mp = await rateSince(sim, (c) => c.payments.byMethod.mercadopago, 60);
      expect(mp).toBeLessThan(0.6);
    },
    healthy: async (sim) => {
      const { body } = await getJson(sim, '/status/mercadopago/api/v2/summary.json');
      expect(body.status).toMatchObject({ indicator: 'none' });
      expect((await timed(sim, '/deps/mercadopago/ping')).status).toBe(200);
    },
  },
  {
    kind: 'payment-failures',
    broken: async (sim) => expect(await rateSince(sim, (c) => c.payments, 150)).toBeLessThan(0.93),
    healthy: async (sim) =>
      expect(await rateSince(sim, (c) => c.payments, 150)).toBeGreaterThan(0.95),
  },
  {
    kind: 'booking-conflicts',
    broken: async (sim) => expect(await rateSince(sim, (c) => c.bookings, 150)).toBeLessThan(0.9),
    healthy: async (sim) =>
      expect(await rateSince(sim, (c) => c.bookings, 150)).toBeGreaterThan(0.93),
  },
  {
    kind: 'dependency-outage',
    broken: async (sim) => {
      const { body } = await getJson<{ components: Array<{ status: string }> }>(
        sim,
        '/status/notifications/api/v2/summary.json',
      );
      expect(body.components.every((c) => c.status === 'major_outage')).toBe(true);
      expect((await timed(sim, '/deps/notifications/ping')).status).toBe(503);
    },
    healthy: async (sim) => expect((await timed(sim, '/deps/notifications/ping')).status).toBe(200),
  },
];

/** How each fault is lifted: its remediation endpoint, or the fault's own DELETE. */
function liftRequest(kind: FaultKind): ['POST' | 'DELETE', string] {
  const path = REMEDIATIONS.find((r) => r.action === FAULTS[kind].fixedBy)?.path;
  return path ? ['POST', path] : ['DELETE', `/admin/faults/${kind}`];
}

describe('faults and their remediations', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startTestSim();
  });
  afterEach(() => sim.close());

  it.each(CASES)('$kind has its effect and its remediation lifts it', async (c) => {
    await c.healthy(sim);
    const injected = await admin(sim, 'POST', '/admin/faults', {
      kind: c.kind,
      options: c.options,
    });
    expect(injected.status).toBe(201);
    await c.broken(sim);
    const [method, path] = liftRequest(c.kind);
    const lifted = await admin(sim, method, path);
    expect(lifted.status).toBe(200);
    expect(lifted.body.lifted).toContain(c.kind);
    expect(sim.faults.active()).toEqual([]);
    await c.healthy(sim);
  });

  it('covers every fault kind but the WebSocket one, tested with the echo', () => {
    const covered = CASES.map((c) => c.kind).concat('websocket-drop');
    expect(covered.sort()).toEqual(Object.keys(FAULTS).sort());
  });

  it('answers a held request once api-timeout is lifted', async () => {
    sim.faults.inject('api-timeout');
    const held = fetch(`${sim.url}/api/health`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    sim.faults.lift('api-timeout');
    expect((await held).status).toBe(200);
  });

  it('reports how many failed payments it retried', async () => {
    sim.faults.inject('payment-failures');
    await rateSince(sim, (c) => c.payments, 50);
    const { body } = await admin(sim, 'POST', '/admin/payments/retry-failed');
    expect(body).toMatchObject({ ok: true, action: 'payments-retry-failed' });
    expect(body.retried).toBeGreaterThan(0);
  });

  it('answers a remediation with nothing to lift', async () => {
    const { status, body } = await admin(sim, 'POST', '/admin/cache/clear');
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, action: 'cache-clear', lifted: [] });
  });

  it('releases held requests when the simulator closes', async () => {
    sim.faults.inject('api-timeout');
    const held = fetch(`${sim.url}/api/health`).catch(() => 'gone');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await sim.close();
    expect(await held).toBe('gone');
    sim = await startTestSim();
  });
});
