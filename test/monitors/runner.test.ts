import { afterEach, describe, expect, it } from 'vitest';
import { AlertEngine } from '../../src/alerts/engine.js';
import { AlertStore } from '../../src/alerts/store.js';
import { silentLogger } from '../../src/core/logger.js';
import { MonitorRunner } from '../../src/monitors/runner.js';
import type { CheckResult, Monitor, TargetInfo } from '../../src/monitors/types.js';
import { openDatabase } from '../../src/store/db.js';
import { recentSamples, SampleWriter } from '../../src/store/samples.js';
import { FakeClock } from '../helpers/fake-clock.js';

const TARGET: TargetInfo = {
  id: 'svc',
  name: 'Service',
  kind: 'scripted',
  intervalMs: 1000,
  severity: 'warning',
  channelKey: 'alerts',
  unit: 'ms',
  window: 3,
};

/** A monitor answering from a list; `throw` makes it throw like a buggy plug-in. */
function scripted(results: Array<CheckResult | 'throw'>, target = TARGET): Monitor {
  return {
    target,
    check: async () => {
      const next = results.shift() ?? { ok: true, value: 1 };
      if (next === 'throw') throw new Error('plug-in bug');
      return next;
    },
  };
}

const writers: SampleWriter[] = [];

afterEach(() => {
  for (const writer of writers.splice(0)) writer.close();
});

function setup(results: Array<CheckResult | 'throw'>, maxBuffer = 2000, target = TARGET) {
  const db = openDatabase({ path: ':memory:' });
  const clock = new FakeClock();
  const engine = new AlertEngine({
    store: new AlertStore(db),
    clock,
    log: silentLogger(),
    policy: { failuresToOpen: 2, successesToResolve: 1, remindEveryMs: 60_000 },
  });
  const samples = new SampleWriter(db, { maxBuffer });
  writers.push(samples);
  const runner = new MonitorRunner({
    monitors: [scripted(results, target)],
    engine,
    samples,
    clock,
    log: silentLogger(),
    history: (id, limit) => recentSamples(db, id, limit),
  });
  return { db, engine, samples, runner };
}

describe('MonitorRunner', () => {
  it('records each result in the window, the samples table and the alert engine', async () => {
    const { db, engine, samples, runner } = setup([
      { ok: true, value: 10 },
      { ok: false, value: 30, reason: 'slow' },
      { ok: false, reason: 'refused' },
    ]);
    for (let i = 0; i < 3; i += 1) await runner.runNow('svc');
    expect(runner.statsFor('svc')).toMatchObject({ count: 3, failures: 2, avg: 20 });
    expect(runner.snapshot()[0]?.last?.result.reason).toBe('refused');
    expect(engine.store.open()).toMatchObject([{ reason: 'refused' }]);
    samples.close();
    expect(recentSamples(db, 'svc', 10).map((s) => s.ok)).toEqual([true, false, false]);
  });

  it('turns a monitor that throws into a failed result with the reason', async () => {
    const { runner } = setup(['throw']);
    await runner.runNow('svc');
    expect(runner.snapshot()[0]?.last?.result).toEqual({
      ok: false,
      reason: 'monitor error: plug-in bug',
      detail: { because: 'monitorError', error: 'plug-in bug' },
    });
  });

  it('keeps going when a sample cannot be stored', async () => {
    const { db, engine, runner } = setup(
      [
        { ok: false, reason: 'down' },
        { ok: false, reason: 'down' },
      ],
      1,
    );
    db.exec('DROP TABLE samples');
    await runner.runNow('svc');
    await runner.runNow('svc');
    expect(engine.store.open()).toHaveLength(1);
  });

  it('refills the window from stored samples at start', async () => {
    const { db, samples, runner } = setup([{ ok: true, value: 4 }]);
    for (let i = 0; i < 3; i += 1) await runner.runNow('svc');
    samples.close();
    const again = new MonitorRunner({
      monitors: [scripted([])],
      engine: new AlertEngine({
        store: new AlertStore(db),
        clock: new FakeClock(),
        log: silentLogger(),
        policy: { failuresToOpen: 2, successesToResolve: 1, remindEveryMs: 60_000 },
      }),
      samples,
      clock: new FakeClock(),
      log: silentLogger(),
      history: (id, limit) => recentSamples(db, id, limit),
    });
    expect(again.statsFor('svc')?.count).toBe(3);
  });

  it('stores and shows a target that opens no alerts, without feeding the engine', async () => {
    const bad = { ok: false, reason: 'below target' };
    const { db, runner, samples, engine } = setup([bad, bad, bad], 2000, {
      ...TARGET,
      alerting: false,
    });
    for (let i = 0; i < 3; i += 1) await runner.runNow('svc');
    samples.flush();
    expect(runner.statsFor('svc')?.failures).toBe(3);
    expect(recentSamples(db, 'svc', 10)).toHaveLength(3);
    expect(engine.store.open()).toEqual([]);
  });

  it('reports the first round once every target has been checked, or false if stopped first', async () => {
    const { runner } = setup([{ ok: true, value: 1 }]);
    let done: boolean | undefined;
    void runner.firstRound().then((complete) => {
      done = complete;
    });
    runner.start();
    await runner.firstRound();
    expect(done).toBe(true);
    await runner.stop();

    const idle = setup([]).runner;
    const never = idle.firstRound();
    await idle.stop();
    expect(await never).toBe(false);
  });

  it('rejects runNow for a target it does not know', async () => {
    const { runner } = setup([]);
    await expect(runner.runNow('nope')).rejects.toThrow('unknown target nope');
  });
});
