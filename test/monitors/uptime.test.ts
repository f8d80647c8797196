import { afterEach, describe, expect, it } from 'vitest';
import { UptimeMonitor } from '../../src/monitors/uptime.js';
import { type Db, openDatabase } from '../../src/store/db.js';
import { RollupReader } from '../../src/store/rollups.js';
import { SampleWriter } from '../../src/store/samples.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { target } from '../summaries/fixtures.js';

describe('UptimeMonitor', () => {
  let db: Db;
  afterEach(() => db.close());

  function setup(failEvery: Record<string, number>, checks = 2880) {
    db = openDatabase({ path: ':memory:' });
    const clock = new FakeClock();
    const writer = new SampleWriter(db, { flushMs: 60_000 });
    const start = clock.now() - checks * 30_000;
    for (const [id, every] of Object.entries(failEvery)) {
      for (let i = 0; i < checks; i += 1) {
        writer.add({ targetId: id, at: start + i * 30_000, ok: every === 0 || i % every !== 0 });
      }
    }
    writer.close();
    return new UptimeMonitor(
      target('uptime', 'uptime', 'ratio'),
      {
        targets: Object.keys(failEvery).map((id) => ({ id, name: id })),
        target: 0.999,
        minSamples: 100,
      },
      new RollupReader(db),
      clock,
    );
  }

  it('is ok when every target meets 99.9 % over 24 h and 7 d', async () => {
    const result = await setup({ a: 0, b: 2000 }).check();
    expect(result.ok).toBe(true);
    expect(result.value).toBeCloseTo(1 - 2 / 2880, 6);
  });

  it('fails naming the target below the target, with its sample size', async () => {
    const result = await setup({ a: 0, b: 100 }).check();
    expect(result).toMatchObject({ ok: false, code: 'UPTIME_LOW' });
    expect(result.reason).toMatch(
      /^below 99\.90 %: b 98\.99 % 24 h \/ 98\.99 % 7 d \(2880 checks in 24 h\)$/,
    );
    expect(result.detail).toMatchObject({
      target: 0.999,
      below: [{ name: 'b', uptime24h: 1 - 29 / 2880, uptime7d: 1 - 29 / 2880, checks24h: 2880 }],
    });
  });

  it('says there is not enough data below the minimum of checks', async () => {
    const result = await setup({ a: 2 }, 50).check();
    expect(result).toMatchObject({
      ok: true,
      detail: { insufficient: true, because: 'fewChecks', minSamples: 100 },
    });
  });
});
