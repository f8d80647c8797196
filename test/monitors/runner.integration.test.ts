import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertAnnouncer } from '../../src/alerts/announcer.js';
import { AlertEngine } from '../../src/alerts/engine.js';
import { AlertStore } from '../../src/alerts/store.js';
import { systemClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { HttpMonitor } from '../../src/monitors/http.js';
import { MonitorRunner } from '../../src/monitors/runner.js';
import { Dispatcher } from '../../src/outbox/dispatcher.js';
import { Outbox } from '../../src/outbox/outbox.js';
import { MessageRefs } from '../../src/outbox/refs.js';
import { type Db, openDatabase } from '../../src/store/db.js';
import { recentSamples, SampleWriter } from '../../src/store/samples.js';
import { LoopbackServer } from '../helpers/loopback.js';
import { ScriptedAdapter } from '../outbox/fake-adapter.js';

const N = 3;
const M = 2;
const TARGET_ID = 'bookings';

let dir: string;
let server: LoopbackServer;
let agent: Agent;
const opened: Db[] = [];
const writers: SampleWriter[] = [];

/** One guardia "process": its own connection, engine, runner and outbox on the shared file. */
function boot() {
  const db = openDatabase({ path: join(dir, 'guardia.db') });
  opened.push(db);
  const outbox = new Outbox(db, systemClock);
  const engine = new AlertEngine({
    store: new AlertStore(db),
    clock: systemClock,
    log: silentLogger(),
    policy: { failuresToOpen: N, successesToResolve: M, remindEveryMs: 3_600_000 },
  });
  const samples = new SampleWriter(db);
  writers.push(samples);
  const monitor = new HttpMonitor(
    {
      id: TARGET_ID,
      name: 'Bookings API',
      kind: 'http',
      intervalMs: 60_000,
      severity: 'critical',
      channelKey: 'alerts',
      unit: 'ms',
      window: 50,
    },
    {
      url: `${server.url}/api/bookings`,
      method: 'GET',
      headers: {},
      expectStatus: [200],
      timeoutMs: 5_000,
      latencyThresholdMs: 5_000,
    },
    agent,
  );
  const runner = new MonitorRunner({
    monitors: [monitor],
    engine,
    samples,
    clock: systemClock,
    log: silentLogger(),
    history: (id, limit) => recentSamples(db, id, limit),
  });
  engine.onTransition(
    createAlertAnnouncer({
      outbox,
      clock: systemClock,
      timeZone: 'UTC',
      localeFor: () => 'en',
      statsFor: (id) => runner.statsFor(id),
    }),
  );
  const check = async (times: number) => {
    for (let i = 0; i < times; i += 1) await runner.runNow(TARGET_ID);
  };
  const texts = () =>
    (db.prepare('SELECT doc FROM outbox ORDER BY id').pluck().all() as string[]).map(
      (doc) => (JSON.parse(doc) as { text: string }).text,
    );
  return { db, outbox, engine, runner, check, texts };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'guardia-runner-'));
  server = await LoopbackServer.start();
  agent = new Agent({ keepAliveTimeout: 10_000 });
});

afterAll(async () => {
  for (const writer of writers) writer.close();
  for (const db of opened) db.close();
  await agent.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('monitor → alert → outbox on a real server and a database file', () => {
  it('opens after exactly N failures, survives a crash, and resolves after exactly M successes', async () => {
    const first = boot();
    await first.check(2);
    server.set({ status: 503 });
    await first.check(N - 1);
    expect(first.engine.store.open()).toEqual([]);
    expect(first.texts()).toEqual([]);
    await first.check(1);
    expect(first.engine.store.open()).toMatchObject([{ reason: 'status 503, expected 200' }]);
    expect(first.texts()).toEqual(['Alert #1: Bookings API is failing: status 503, expected 200']);

    // SIGKILL: nothing is stopped or flushed; a new process opens the same file.
    const second = boot();
    expect(second.engine.store.open()).toHaveLength(1);
    await second.check(3);
    expect(second.texts()).toHaveLength(1);

    server.set({ status: 200 });
    await second.check(M - 1);
    expect(second.engine.store.open()).toHaveLength(1);
    await second.check(1);
    expect(second.engine.store.open()).toEqual([]);
    expect(second.texts()).toEqual([
      'Alert #1: Bookings API is failing: status 503, expected 200',
      expect.stringMatching(/^Resolved: Bookings API is healthy again after .+ \(alert #1\)$/),
      expect.stringMatching(/^Alert #1: Bookings API \(resolved after .+\)$/),
    ]);

    const adapter = new ScriptedAdapter();
    const dispatcher = new Dispatcher({
      outbox: second.outbox,
      refs: new MessageRefs(second.db, systemClock),
      route: () => ({ adapter, destination: '#alerts', locale: 'en' }),
      clock: systemClock,
      log: silentLogger(),
    });
    await dispatcher.drain();
    expect(adapter.sent.map((m) => m.op)).toEqual(['post', 'post', 'update']);
    expect(adapter.sent[2]?.ref).toEqual({ channel: '#alerts', id: '1' });
  });
});
