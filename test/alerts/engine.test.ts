import { beforeEach, describe, expect, it } from 'vitest';
import { AlertEngine, type AlertTransition } from '../../src/alerts/engine.js';
import { AlertStore } from '../../src/alerts/store.js';
import { silentLogger } from '../../src/core/logger.js';
import type { CheckResult, TargetInfo } from '../../src/monitors/types.js';
import { type Db, openDatabase } from '../../src/store/db.js';
import { FakeClock } from '../helpers/fake-clock.js';

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
const OK: CheckResult = { ok: true, value: 1 };
const BAD: CheckResult = { ok: false, reason: 'status 503' };
const MINUTE = 60_000;

let db: Db;
let clock: FakeClock;
let store: AlertStore;
let seen: AlertTransition['type'][];

function engine(policy = { failuresToOpen: 3, successesToResolve: 2, remindEveryMs: 10 * MINUTE }) {
  const e = new AlertEngine({ store, clock, log: silentLogger(), policy });
  e.onTransition((t) => seen.push(t.type));
  return e;
}

const NO_DATA: CheckResult = { ok: true, inconclusive: true, reason: 'not enough data' };

/** Feeds `+` (ok), `-` (failed) and `?` (too little data) results one minute apart. */
function feed(e: AlertEngine, results: string, target = TARGET): void {
  for (const c of results) {
    clock.advance(MINUTE);
    e.observe(target, c === '+' ? OK : c === '?' ? NO_DATA : BAD);
  }
}

beforeEach(() => {
  db = openDatabase({ path: ':memory:' });
  clock = new FakeClock();
  store = new AlertStore(db);
  seen = [];
});

describe('AlertEngine (N = 3 to open, M = 2 to resolve)', () => {
  it.each([
    ['--', []],
    ['---', ['opened']],
    ['--+--', []],
    ['---+', ['opened']],
    ['---++', ['opened', 'resolved']],
    ['---+-+', ['opened']],
    ['---++---', ['opened', 'resolved', 'opened']],
    ['++++', []],
    // Too little data is no evidence: it neither opens, nor resolves, nor breaks a streak.
    ['???', []],
    ['---??', ['opened']],
    ['---?+?+', ['opened', 'resolved']],
    ['--?-', ['opened']],
  ])('%s → %j', (results, transitions) => {
    feed(engine(), results);
    expect(seen).toEqual(transitions);
  });

  it('keeps at most one open alert per target', () => {
    const e = engine();
    feed(e, '-'.repeat(9));
    expect(store.open()).toHaveLength(1);
    feed(e, '-'.repeat(3), { ...TARGET, id: 'web' });
    expect(store.open().map((a) => a.targetId)).toEqual(['api', 'web']);
  });

  it('reminds no sooner than remindEvery, counting from the last notice', () => {
    const e = engine({ failuresToOpen: 1, successesToResolve: 1, remindEveryMs: 10 * MINUTE });
    feed(e, '-'); // opens at t = 1 min
    feed(e, '-'.repeat(9)); // t = 10 min: 9 min since the alert
    expect(seen).toEqual(['opened']);
    feed(e, '-'); // t = 11 min: 10 min since
    expect(seen).toEqual(['opened', 'reminder']);
    feed(e, '-'.repeat(9));
    feed(e, '-');
    expect(seen).toEqual(['opened', 'reminder', 'reminder']);
    expect(store.open()[0]?.reminders).toBe(2);
  });

  it('records how long the alert lasted', () => {
    feed(engine(), '---++');
    const [alert] = store.recent(0);
    expect(alert?.status).toBe('resolved');
    expect((alert?.resolvedAt ?? 0) - (alert?.openedAt ?? 0)).toBe(2 * MINUTE);
  });

  it('carries counters and the open alert across a restart', () => {
    feed(engine(), '---+');
    seen = [];
    const restarted = engine();
    feed(restarted, '+');
    expect(seen).toEqual(['resolved']);
  });

  it('rolls back the transition and what listeners wrote when a listener throws', () => {
    const e = engine();
    let explode = true;
    e.onTransition(() => {
      db.prepare(`INSERT INTO outbox (channel_key, op, doc, status, next_attempt_at, created_at)
        VALUES ('alerts', 'post', '{}', 'pending', 0, 0)`).run();
      if (explode) throw new Error('listener failed');
    });
    feed(e, '--');
    clock.advance(MINUTE);
    expect(() => e.observe(TARGET, BAD)).toThrow('listener failed');
    expect(store.open()).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) FROM outbox').pluck().get()).toBe(0);

    explode = false;
    feed(e, '-');
    expect(store.open()).toHaveLength(1);
    expect(db.prepare('SELECT COUNT(*) FROM outbox').pluck().get()).toBe(1);
  });

  it('still resolves on the next success when the resolving transaction rolled back', () => {
    const e = engine();
    feed(e, '---+');
    let explode = true;
    e.onTransition(() => {
      if (explode) throw new Error('listener failed');
    });
    clock.advance(MINUTE);
    expect(() => e.observe(TARGET, OK)).toThrow('listener failed');
    expect(store.open()).toHaveLength(1);

    explode = false;
    feed(e, '+');
    expect(store.open()).toEqual([]);
    expect(seen).toEqual(['opened', 'resolved', 'resolved']);
  });
});
