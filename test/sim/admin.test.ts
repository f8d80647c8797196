import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/sim/index.js';
import { admin, memoryLogger, startTestSim } from './helpers.js';

describe('admin endpoints', () => {
  let sim: Simulator;
  let logs: ReturnType<typeof memoryLogger>;
  beforeEach(async () => {
    logs = memoryLogger();
    sim = await startTestSim(logs.log);
  });
  afterEach(() => sim.close());

  it.each([
    ['GET', '/admin/faults', undefined],
    ['POST', '/admin/cache/clear', undefined],
    ['POST', '/admin/no-such-thing', undefined],
    ['GET', '/admin/faults', 'Bearer wrong'],
    ['GET', '/admin/faults', 'test-admin'],
  ])('%s %s refuses authorization %s', async (method, path, authorization) => {
    const headers: Record<string, string> = authorization ? { authorization } : {};
    const res = await fetch(`${sim.url}${path}`, { method, headers });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });

  it('injects, lists and lifts a fault', async () => {
    const injected = await admin(sim, 'POST', '/admin/faults', {
      kind: 'api-latency',
      options: { latencyMs: 10 },
    });
    expect(injected.status).toBe(201);
    expect(injected.body.fault).toMatchObject({ kind: 'api-latency', options: { latencyMs: 10 } });
    const listed = await admin(sim, 'GET', '/admin/faults');
    expect(listed.body.active).toEqual([injected.body.fault]);
    expect(listed.body.available).toHaveLength(11);
    const lifted = await admin(sim, 'DELETE', '/admin/faults/api-latency');
    expect(lifted.body).toEqual({ lifted: ['api-latency'] });
    expect(sim.faults.active()).toEqual([]);
  });

  it('fills option defaults', async () => {
    const { body } = await admin(sim, 'POST', '/admin/faults', { kind: 'api-errors' });
    expect(body.fault).toMatchObject({ options: { status: 500 } });
  });

  it('lifts by id and lifts everything at once', async () => {
    const fault = sim.faults.inject('gateway-down');
    sim.faults.inject('slow-queries');
    expect((await admin(sim, 'DELETE', `/admin/faults/${fault.id}`)).body.lifted).toEqual([
      'gateway-down',
    ]);
    sim.faults.inject('booking-conflicts');
    const all = await admin(sim, 'DELETE', '/admin/faults');
    expect(all.body.lifted).toEqual(['slow-queries', 'booking-conflicts']);
  });

  it('refuses unknown faults on DELETE', async () => {
    const { status, body } = await admin(sim, 'DELETE', '/admin/faults/meteor-strike');
    expect(status).toBe(404);
    expect(body).toMatchObject({ error: { code: 'UNKNOWN_FAULT' } });
  });

  it.each([
    [{ kind: 'meteor-strike' }, 'kind'],
    [{}, 'kind'],
    [{ kind: 'api-latency', options: { latencyMs: -5 } }, 'options.latencyMs'],
    [{ kind: 'api-latency', options: { status: 500 } }, 'options'],
    [{ kind: 'api-errors', extra: true }, '(body)'],
    [[1, 2], '(body)'],
  ])('names the bad field in %j', async (payload, field) => {
    const { status, body } = await admin(sim, 'POST', '/admin/faults', payload);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'INVALID_BODY', field });
  });

  it('logs each inject and lift at info with the fault kind', async () => {
    sim.faults.inject('websocket-drop');
    sim.faults.lift('websocket-drop');
    const faultLines = logs.lines.filter((l) => l.fault === 'websocket-drop');
    expect(faultLines.map((l) => [l.level, l.msg])).toEqual([
      [30, 'fault injected'],
      [30, 'fault lifted'],
    ]);
  });

  it('refuses invalid options given in code', () => {
    expect(() => sim.faults.inject('api-errors', { status: 200 })).toThrow();
  });
});
