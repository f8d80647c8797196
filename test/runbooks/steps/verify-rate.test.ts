import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateSchema } from '../../../src/config/monitors.js';
import { silentLogger } from '../../../src/core/logger.js';
import { RateMonitor } from '../../../src/monitors/rate.js';
import { SharedFetch } from '../../../src/monitors/shared-fetch.js';
import type { CheckResult, TargetInfo } from '../../../src/monitors/types.js';
import type { StepContext } from '../../../src/runbooks/steps/types.js';
import { verifyStep, verifyStepSchema } from '../../../src/runbooks/steps/verify.js';
import { type BodyServer, startBodyServer } from '../../helpers/body-server.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { NO_STATS } from './helpers.js';

const target: TargetInfo = {
  id: 'payments-success',
  name: 'Payment success',
  kind: 'rate',
  intervalMs: 10_000,
  severity: 'critical',
  channelKey: 'alerts',
  unit: 'ratio',
  window: 50,
};

/**
 * A payment stream behind a loopback counters endpoint: `perSecond` attempts a second at
 * `share` success, advanced with the clock.
 */
function stream(server: BodyServer, clock: FakeClock) {
  const totals = { attempts: 0, succeeded: 0 };
  const state = { share: 0.8 };
  const publish = () => {
    server.reply.status = 200;
    server.reply.body = JSON.stringify({ payments: totals });
  };
  publish();
  return {
    state,
    pass(ms: number) {
      const attempts = (ms / 1000) * 2;
      totals.attempts += attempts;
      totals.succeeded += Math.round(attempts * state.share);
      clock.advance(ms);
      publish();
    },
  };
}

describe('verify step on a rate', () => {
  let server: BodyServer;
  const http = new Agent();
  beforeAll(async () => {
    server = await startBodyServer();
  });
  afterAll(async () => {
    await server.close();
    await http.close();
  });

  it("judges the attempts since the fix, not the window's old failures", async () => {
    const clock = new FakeClock();
    const rate = rateSchema.parse({
      id: target.id,
      from: 'json',
      url: server.url,
      attempts: 'payments.attempts',
      successes: 'payments.succeeded',
      below: '98%',
    });
    const monitor = new RateMonitor(
      target,
      { rate, windowMs: 300_000, minAttempts: 100, confidence: 0.95, timeoutMs: 2_000 },
      new SharedFetch(http, clock, 0),
      clock,
    );
    const traffic = stream(server, clock);
    let last: CheckResult | undefined;
    const runNow = async () => {
      last = await monitor.check();
    };
    // Four minutes of payments failing one in five, then the fix.
    for (let i = 0; i < 24; i += 1) {
      await runNow();
      traffic.pass(10_000);
    }
    traffic.state.share = 1;
    const runner: StepContext['runner'] = {
      runNow,
      snapshot: () => [
        {
          target,
          last: last && { at: clock.now(), result: last },
          stats: NO_STATS,
        },
      ],
      judgeSince: (_id, since) => monitor.judgeSince(since),
    };
    const ctx: StepContext = {
      http,
      env: {},
      params: {},
      runner,
      clock,
      log: silentLogger(),
      signal: new AbortController().signal,
      sleep: async (ms) => traffic.pass(ms),
    };
    const step = verifyStepSchema.parse({
      type: 'verify',
      monitor: 'payments-success',
      within: '2m',
      every: '5s',
      successes: 2,
    });
    const out = await verifyStep.run(step, ctx);
    // 100 attempts since the fix take 50 s; the first 10 checks are too few to judge.
    expect(out).toEqual({
      ok: true,
      text: {
        en: 'payments-success healthy (2 good checks of 12)',
        'es-AR': 'payments-success está bien (2 chequeos buenos de 12)',
      },
    });
    // The rate's own window still holds the failures: its alert is not over yet.
    expect(last).toMatchObject({ ok: false, code: 'RATE_LOW' });

    // Without a fix, the same step fails on the attempts since it began.
    traffic.state.share = 0.8;
    for (let i = 0; i < 30; i += 1) traffic.pass(10_000);
    await runNow();
    const failed = await verifyStep.run(step, ctx);
    expect(failed.ok).toBe(false);
    expect(failed.text.en).toMatch(
      /^payments-success still failing after 25 checks: success rate 80\.0% < 98%, 240 attempts in 2 min$/,
    );
  });
});
