import { describe, expect, it } from 'vitest';
import { Outbox } from '../../src/outbox/outbox.js';
import { postReadiness } from '../../src/reports/post-readiness.js';
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
    // Four rejected payments move payment success, the market score and its decisions.
    store.ingestRecords(
      [1, 2, 3, 4].map((i) => ({
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
});
