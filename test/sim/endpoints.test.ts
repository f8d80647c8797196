import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/sim/index.js';
import { getJson, startTestSim } from './helpers.js';

describe('public endpoints', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startTestSim();
  });
  afterEach(() => sim.close());

  it('reports health with version and uptime', async () => {
    const { status, body } = await getJson(sim, '/api/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', version: expect.any(String) });
    expect(body.uptimeS).toBeTypeOf('number');
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it.each([
    ['/api/services', 'services'],
    ['/api/bookings', 'bookings'],
    ['/api/payments', 'payments'],
  ])('GET %s lists %s', async (path, key) => {
    const { status, body } = await getJson(sim, path);
    expect(status).toBe(200);
    expect(Array.isArray(body[key])).toBe(true);
  });

  it('reports database health', async () => {
    const { status, body } = await getJson(sim, '/api/db/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ connected: true, poolSize: 20, slowQueries: 0 });
    expect(body.queryTimeMs).toBeLessThan(100);
  });

  it('creates a booking and refuses the same slot twice', async () => {
    const booking = { serviceId: 'corte', customerName: 'Lucía', startsAt: '2025-06-02T15:00:00Z' };
    const post = () =>
      fetch(`${sim.url}/api/bookings`, { method: 'POST', body: JSON.stringify(booking) });
    const first = await post();
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({
      booking: { serviceId: 'corte', status: 'confirmed' },
    });
    const second = await post();
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ error: { code: 'SLOT_TAKEN' } });
    const { body } = await getJson<{ bookings: unknown[] }>(sim, '/api/bookings');
    expect(body.bookings).toHaveLength(1);
  });

  it('names the field a booking body gets wrong', async () => {
    const res = await fetch(`${sim.url}/api/bookings`, {
      method: 'POST',
      body: JSON.stringify({ serviceId: 'tattoo', customerName: 'Ana', startsAt: 'soon' }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; field: string } };
    expect(body.error).toMatchObject({ code: 'INVALID_BODY', field: 'serviceId' });
  });

  it('logs in and reads the session back', async () => {
    const login = await fetch(`${sim.url}/api/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email: 'ops@barberpro.test', password: 'x' }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const session = await fetch(`${sim.url}/api/auth/session`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ authenticated: true });
    const anonymous = await fetch(`${sim.url}/api/auth/session`);
    expect(anonymous.status).toBe(401);
  });

  it('answers unknown paths and bad JSON with coded errors', async () => {
    const missing = await getJson(sim, '/api/nope');
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    const bad = await fetch(`${sim.url}/api/auth/login`, { method: 'POST', body: '{nope' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'BAD_JSON' } });
  });

  it('keeps connections alive between requests', async () => {
    const res = await fetch(`${sim.url}/api/health`);
    await res.arrayBuffer();
    expect(res.headers.get('connection')).not.toBe('close');
  });

  it('pings dependencies and refuses unknown ones', async () => {
    expect((await getJson(sim, '/deps/mercadopago/ping')).status).toBe(200);
    expect((await getJson(sim, '/deps/notifications/ping')).status).toBe(200);
    expect((await getJson(sim, '/deps/afip/ping')).status).toBe(404);
  });
});
