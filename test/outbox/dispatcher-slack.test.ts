import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../src/adapters/slack/adapter.js';
import { silentLogger } from '../../src/core/logger.js';
import { Dispatcher } from '../../src/outbox/dispatcher.js';
import { Outbox } from '../../src/outbox/outbox.js';
import { MessageRefs } from '../../src/outbox/refs.js';
import { type Db, openDatabase } from '../../src/store/db.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeSlack } from '../helpers/fake-slack.js';

let fake: FakeSlack;
let adapter: SlackAdapter;
let db: Db;

beforeEach(async () => {
  fake = await FakeSlack.start();
  adapter = new SlackAdapter({
    botToken: 'xoxb-test',
    signingSecret: 'secret',
    mode: 'http',
    port: 0,
    apiUrl: fake.apiUrl,
    log: silentLogger(),
    timeoutMs: 2_000,
  });
  db = openDatabase({ path: ':memory:' });
});

afterEach(async () => {
  db.close();
  await adapter.stop();
  await fake.close();
});

describe('outbox → SlackAdapter → fake Slack', () => {
  it('gets every message through 500s and a 429 exactly once, in order', async () => {
    const clock = new FakeClock();
    const outbox = new Outbox(db, clock);
    const dispatcher = new Dispatcher({
      outbox,
      refs: new MessageRefs(db, clock),
      route: () => ({ adapter, destination: '#ops-alerts', locale: 'es-AR' }),
      clock,
      log: silentLogger(),
      random: () => 0.5,
    });
    fake.fail('chat.postMessage', { status: 500, times: 3 });
    fake.fail('chat.postMessage', { status: 429, retryAfter: 3 });
    fake.fail('chat.postMessage', { status: 503 });
    const texts = ['uno', 'dos', 'tres', 'cuatro'];
    for (const text of texts) outbox.enqueue({ channelKey: 'alerts', doc: { text, blocks: [] } });
    for (let s = 0; s < 300 && outbox.counts().pending > 0; s += 1) {
      await dispatcher.drain();
      clock.advance(1000);
    }
    expect(outbox.counts()).toEqual({ pending: 0, failed: 0, sent: 4 });
    const posted = fake.callsTo('chat.postMessage').map((c) => c.body.text);
    // Five scripted failures, all of the first message, then each message once.
    expect(posted).toEqual(['uno', 'uno', 'uno', 'uno', 'uno', ...texts]);
  });

  it('marks a message Slack refuses for good as failed after one attempt', async () => {
    const clock = new FakeClock();
    const outbox = new Outbox(db, clock);
    const dispatcher = new Dispatcher({
      outbox,
      refs: new MessageRefs(db, clock),
      route: () => ({ adapter, destination: '#nope', locale: 'en' }),
      clock,
      log: silentLogger(),
    });
    fake.fail('chat.postMessage', { error: 'channel_not_found' });
    outbox.enqueue({ channelKey: 'alerts', doc: { text: 'hola', blocks: [] } });
    await dispatcher.drain();
    clock.advance(3_600_000);
    await dispatcher.drain();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(outbox.counts().failed).toBe(1);
  });
});
