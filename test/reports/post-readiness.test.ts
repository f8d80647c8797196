import { describe, expect, it } from 'vitest';
import { Outbox } from '../../src/outbox/outbox.js';
import { postReadiness } from '../../src/reports/post-readiness.js';
import { type ReadinessState, readinessChanged } from '../../src/reports/readiness-state.js';
import { createReportService } from '../../src/reports/service.js';
import { fixtureConfig, fixtureDb, NOW } from './fixture.js';

describe('readiness report in the executive channel', () => {
  it('posts when the scores change and edits the same message otherwise', () => {
    const { db, store } = fixtureDb();
    let now = NOW;
    const clock = { now: () => now, monotonic: () => 0 };
    const service = createReportService({ db, config: fixtureConfig(), clock });
    const outbox = new Outbox(db, clock);
    const run = () => postReadiness({ db, outbox, service, channelKey: 'exec', locale: 'en', now });
    expect(run()).toBe('posted');
    now += 60_000;
    expect(run()).toBe('updated');
    // Eight rejected cash payments pull adoption under 60: the Córdoba decision flips.
    store.ingestRecords(
      [1, 2, 3, 4, 5, 6, 7, 8].map((i) => ({
        line: i,
        value: {
          id: `r${i}`,
          type: 'payment',
          at: NOW - 60_000,
          userId: 'u1',
          method: 'cash',
          status: 'rejected',
        },
      })),
    );
    expect(run()).toBe('posted');
    const rows = db.prepare('SELECT op, ref_key, channel_key FROM outbox ORDER BY id').all();
    expect(rows).toEqual([
      { op: 'post', ref_key: 'readiness', channel_key: 'exec' },
      { op: 'update', ref_key: 'readiness', channel_key: 'exec' },
      { op: 'post', ref_key: 'readiness', channel_key: 'exec' },
    ]);
    db.close();
  });

  it('edits the message already posted on the first report after a restart', () => {
    const { db } = fixtureDb();
    let now = NOW;
    const clock = { now: () => now, monotonic: () => 0 };
    const boot = () => {
      const service = createReportService({ db, config: fixtureConfig(), clock });
      const outbox = new Outbox(db, clock);
      return () => postReadiness({ db, outbox, service, channelKey: 'exec', locale: 'en', now });
    };
    expect(boot()()).toBe('posted');
    // The scores drift by a point or so while guardia is down (a score near .5 rounds the
    // other way); the state kept in SQLite still says nothing material changed.
    const stored = db.prepare('SELECT fingerprint FROM report_posts').pluck().get();
    const state = JSON.parse(String(stored)) as ReadinessState;
    const drifted = { ...state, market: (state.market ?? 0) + 1.2 };
    db.prepare('UPDATE report_posts SET fingerprint = ?').run(JSON.stringify(drifted));
    now += 10 * 60_000;
    expect(boot()()).toBe('updated');
    db.close();
  });
});

describe('readinessChanged', () => {
  const state: ReadinessState = {
    infrastructure: 81.4,
    market: 60.2,
    template: null,
    decisions: [['scale-1000', true]],
  };
  it.each([
    ['nothing stored yet', undefined, state, true],
    ['an unreadable stored state', 'not json', state, true],
    ['the same state', JSON.stringify(state), state, false],
    ['a drift under the step', JSON.stringify(state), { ...state, infrastructure: 78.5 }, false],
    ['a move of the whole step', JSON.stringify(state), { ...state, market: 65.2 }, true],
    ['a score that appeared', JSON.stringify(state), { ...state, template: 40 }, true],
    [
      'a flipped decision',
      JSON.stringify(state),
      { ...state, decisions: [['scale-1000', false]] as ReadinessState['decisions'] },
      true,
    ],
  ])('is %s → %s', (_name, stored, next, changed) => {
    expect(readinessChanged(stored, next)).toBe(changed);
  });
});
