import { beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryOutcome } from '../../src/adapters/types.js';
import { silentLogger } from '../../src/core/logger.js';
import { Dispatcher, type Route } from '../../src/outbox/dispatcher.js';
import { Outbox } from '../../src/outbox/outbox.js';
import { MessageRefs } from '../../src/outbox/refs.js';
import { type Db, openDatabase } from '../../src/store/db.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { ScriptedAdapter } from './fake-adapter.js';

const SERVER_ERROR: DeliveryOutcome = { status: 'retry', reason: 'HTTP 500' };
const RATE_LIMITED: DeliveryOutcome = { status: 'retry', reason: '429', retryAfterMs: 7_000 };

let db: Db;
let clock: FakeClock;
let outbox: Outbox;
let refs: MessageRefs;
let adapter: ScriptedAdapter;
let dispatcher: Dispatcher;

function routeTo(channelKey: string): Route | undefined {
  if (channelKey === 'nowhere') return undefined;
  return { adapter, destination: `#${channelKey}`, locale: 'en' };
}

function post(channelKey: string, text: string, extra: object = {}) {
  return outbox.enqueue({ channelKey, doc: { text, blocks: [] }, ...extra });
}

/** Drains, moving the fake clock a second at a time, until nothing is pending (bounded). */
async function deliverAll(maxSeconds = 600): Promise<number> {
  for (let s = 0; s < maxSeconds; s += 1) {
    await dispatcher.drain();
    if (outbox.counts().pending === 0) return s;
    clock.advance(1000);
  }
  throw new Error(`still pending after ${maxSeconds} s: ${JSON.stringify(outbox.counts())}`);
}

beforeEach(() => {
  db = openDatabase({ path: ':memory:' });
  clock = new FakeClock();
  outbox = new Outbox(db, clock);
  refs = new MessageRefs(db, clock);
  adapter = new ScriptedAdapter();
  dispatcher = new Dispatcher({
    outbox,
    refs,
    route: routeTo,
    clock,
    log: silentLogger(),
    random: () => 0.5,
  });
});

describe('Dispatcher', () => {
  it('delivers everything once, in order per channel, through a burst of 500s and 429s', async () => {
    adapter.script('#alerts', SERVER_ERROR, SERVER_ERROR, RATE_LIMITED, SERVER_ERROR);
    adapter.script('#team', RATE_LIMITED);
    for (let i = 1; i <= 5; i += 1) {
      post('alerts', `alert ${i}`);
      post('team', `team ${i}`);
    }
    await deliverAll();
    expect(adapter.texts('#alerts')).toEqual([
      'alert 1',
      'alert 2',
      'alert 3',
      'alert 4',
      'alert 5',
    ]);
    expect(adapter.texts('#team')).toEqual(['team 1', 'team 2', 'team 3', 'team 4', 'team 5']);
    expect(outbox.counts()).toEqual({ pending: 0, failed: 0, sent: 10 });
    // Four failed attempts for alerts, one for team, then one per message.
    expect(adapter.attempts).toHaveLength(15);
  });

  it('waits as long as Retry-After says, and backs off exponentially otherwise', async () => {
    adapter.script('#alerts', RATE_LIMITED);
    post('alerts', 'once');
    await dispatcher.drain();
    clock.advance(6_999);
    await dispatcher.drain();
    expect(adapter.attempts).toHaveLength(1);
    clock.advance(1);
    await dispatcher.drain();
    expect(adapter.texts('#alerts')).toEqual(['once']);

    adapter.script('#team', SERVER_ERROR, SERVER_ERROR);
    post('team', 'later');
    await dispatcher.drain(); // fails: next try in 2 s
    clock.advance(2_000);
    await dispatcher.drain(); // fails: next try in 4 s
    clock.advance(3_999);
    await dispatcher.drain();
    expect(adapter.texts('#team')).toEqual([]);
    clock.advance(1);
    await dispatcher.drain();
    expect(adapter.texts('#team')).toEqual(['later']);
  });

  it('does not retry a permanent failure, and later messages still go out', async () => {
    adapter.script('#alerts', { status: 'failed', reason: 'channel_not_found' });
    post('alerts', 'refused');
    post('alerts', 'next');
    await deliverAll();
    expect(adapter.attempts.map((m) => m.doc.text)).toEqual(['refused', 'next']);
    expect(outbox.counts()).toEqual({ pending: 0, failed: 1, sent: 1 });
    const row = db.prepare(`SELECT last_error FROM outbox WHERE status = 'failed'`).get();
    expect(row).toEqual({ last_error: 'channel_not_found' });
  });

  it('fails a message whose channel has no route', async () => {
    post('nowhere', 'lost?');
    await deliverAll();
    expect(adapter.attempts).toEqual([]);
    expect(db.prepare(`SELECT status, last_error FROM outbox`).get()).toEqual({
      status: 'failed',
      last_error: 'no route for channel "nowhere"',
    });
  });

  it('gives up on a message still failing after maxAgeMs', async () => {
    dispatcher = new Dispatcher({
      outbox,
      refs,
      route: routeTo,
      clock,
      log: silentLogger(),
      maxAgeMs: 60_000,
    });
    adapter.script('#alerts', ...Array<DeliveryOutcome>(100).fill(SERVER_ERROR));
    post('alerts', 'doomed');
    await deliverAll();
    expect(outbox.counts().failed).toBe(1);
  });

  it('edits the message posted under a ref, and posts when there is none', async () => {
    post('alerts', 'original', { refKey: 'alert:1' });
    post('alerts', 'thread reply', { threadKey: 'alert:1' });
    post('alerts', 'edited', { op: 'update', refKey: 'alert:1' });
    post('alerts', 'no original yet', { op: 'update', refKey: 'alert:2' });
    await deliverAll();
    const [original, reply, edit, orphan] = adapter.sent;
    expect(original).toMatchObject({ op: 'post' });
    expect(reply).toMatchObject({ op: 'post', thread: { channel: '#alerts', id: '1' } });
    expect(edit).toMatchObject({ op: 'update', ref: { channel: '#alerts', id: '1' } });
    expect(orphan).toMatchObject({ op: 'post' });
    expect(orphan?.ref).toBeUndefined();
    expect(refs.get('alert:2', 'scripted')).toEqual({ channel: '#alerts', id: '4' });
  });

  it('sends a burst of edits of one posted message as its last edit, replies all kept', async () => {
    post('alerts', 'incident opened', { op: 'update', refKey: 'incident:1' });
    await deliverAll();
    for (let i = 1; i <= 6; i += 1) {
      post('alerts', `folded ${i} of 6`, { op: 'update', refKey: 'incident:1' });
      post('alerts', `reply ${i}`, { threadKey: 'incident:1' });
    }
    post('alerts', 'other message', { op: 'update', refKey: 'incident:2' });
    post('alerts', 'other message, edited', { op: 'update', refKey: 'incident:2' });
    await deliverAll();
    expect(adapter.texts('#alerts')).toEqual([
      'incident opened',
      'reply 1',
      'reply 2',
      'reply 3',
      'reply 4',
      'reply 5',
      'folded 6 of 6',
      'reply 6',
      // Not posted yet when the burst came: each edit goes out, the first one posts it.
      'other message',
      'other message, edited',
    ]);
    expect(outbox.counts()).toEqual({ pending: 0, failed: 0, sent: 15 });
    const superseded = db
      .prepare('SELECT id, superseded_by AS by FROM outbox WHERE superseded_by IS NOT NULL')
      .all();
    expect(superseded).toEqual([2, 4, 6, 8, 10].map((id) => ({ id, by: 12 })));
  });

  it('ignores a second enqueue with the same dedupe key', () => {
    expect(post('alerts', 'once', { dedupeKey: 'alert:1:opened' })).toBeTypeOf('number');
    expect(post('alerts', 'twice', { dedupeKey: 'alert:1:opened' })).toBeUndefined();
    expect(outbox.counts().pending).toBe(1);
  });

  it('treats an adapter that throws as a transient failure', async () => {
    const throwing = new ScriptedAdapter();
    throwing.deliver = async () => {
      throw new Error('socket hang up');
    };
    dispatcher = new Dispatcher({
      outbox,
      refs,
      route: () => ({ adapter: throwing, destination: '#x', locale: 'en' }),
      clock,
      log: silentLogger(),
    });
    post('alerts', 'retry me');
    await dispatcher.drain();
    expect(outbox.counts()).toEqual({ pending: 1, failed: 0, sent: 0 });
    expect(db.prepare('SELECT attempts, last_error FROM outbox').get()).toEqual({
      attempts: 1,
      last_error: 'Error: socket hang up',
    });
  });
});
