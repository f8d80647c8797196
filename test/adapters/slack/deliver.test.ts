import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../../src/adapters/slack/adapter.js';
import type { DeliveryOutcome, OutgoingMessage } from '../../../src/adapters/types.js';
import type { MessageDoc } from '../../../src/bot/messages/doc.js';
import { silentLogger } from '../../../src/core/logger.js';
import { FakeSlack, type ScriptedFailure } from '../../helpers/fake-slack.js';

const DOC: MessageDoc = {
  text: 'API lenta',
  tone: 'warning',
  blocks: [{ type: 'section', text: 'p95 *412 ms*' }],
};

let fake: FakeSlack;
let adapter: SlackAdapter;

beforeEach(async () => {
  fake = await FakeSlack.start();
  // deliver() needs only the Web API client, so these tests never start a receiver.
  adapter = new SlackAdapter({
    botToken: 'xoxb-test',
    signingSecret: 'secret',
    mode: 'http',
    port: 0,
    apiUrl: fake.apiUrl,
    log: silentLogger(),
    timeoutMs: 2_000,
  });
});

afterEach(async () => {
  await adapter.stop();
  await fake.close();
});

function message(extra: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    outboxId: 1,
    channelKey: 'alerts',
    destination: '#ops-alerts',
    locale: 'es-AR',
    doc: DOC,
    op: 'post',
    ...extra,
  };
}

describe('SlackAdapter.deliver', () => {
  it('posts and returns the channel id and ts as the ref', async () => {
    const outcome = await adapter.deliver(message());
    const channel = fake.channelId('#ops-alerts');
    expect(outcome).toEqual({ status: 'sent', ref: { channel, id: '1700000000.000001' } });
    const [call] = fake.callsTo('chat.postMessage');
    expect(call?.body).toMatchObject({ channel: '#ops-alerts', text: 'API lenta' });
    expect(call?.body.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '🟠 p95 *412 ms*' } },
    ]);
    expect(call?.body.thread_ts).toBeUndefined();
  });

  it('posts a reply into the thread it belongs to', async () => {
    const thread = { channel: 'C0000OPS', id: '1699999999.000001' };
    await adapter.deliver(message({ thread }));
    expect(fake.callsTo('chat.postMessage')[0]?.body).toMatchObject({
      channel: 'C0000OPS',
      thread_ts: '1699999999.000001',
    });
  });

  it('updates a message in place', async () => {
    const first = await adapter.deliver(message());
    const ref = first.status === 'sent' ? first.ref : undefined;
    const outcome = await adapter.deliver(message({ op: 'update', ref }));
    expect(outcome).toEqual({ status: 'sent', ref });
    expect(fake.callsTo('chat.update')[0]?.body).toMatchObject({ ts: ref?.id });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('posts a new message when the one to update is gone', async () => {
    const ref = { channel: 'C0000OPS', id: '1600000000.000001' };
    const outcome = await adapter.deliver(message({ op: 'update', ref }));
    expect(fake.callsTo('chat.update')).toHaveLength(1);
    expect(fake.callsTo('chat.postMessage')[0]?.body.channel).toBe('C0000OPS');
    expect(outcome).toEqual({
      status: 'sent',
      ref: { channel: 'C0000OPS', id: '1700000000.000001' },
    });
  });

  it.each<[string, ScriptedFailure, DeliveryOutcome]>([
    ['HTTP 500', { status: 500 }, { status: 'retry', reason: 'slack: HTTP 500' }],
    ['HTTP 503', { status: 503 }, { status: 'retry', reason: 'slack: HTTP 503' }],
    [
      '429 with Retry-After: 7',
      { status: 429, retryAfter: 7 },
      { status: 'retry', reason: 'slack: rate limited', retryAfterMs: 7000 },
    ],
    [
      'internal_error',
      { error: 'internal_error' },
      { status: 'retry', reason: 'slack: internal_error' },
    ],
    [
      'channel_not_found',
      { error: 'channel_not_found' },
      {
        status: 'failed',
        reason: 'slack: channel_not_found (check the channel name or id in the config)',
      },
    ],
    [
      'not_in_channel',
      { error: 'not_in_channel' },
      { status: 'failed', reason: 'slack: not_in_channel (invite the bot with /invite @guardia)' },
    ],
    [
      'an unlisted platform error',
      { error: 'cant_update_message' },
      { status: 'failed', reason: 'slack: cant_update_message' },
    ],
  ])('classifies %s', async (_name, failure, expected) => {
    fake.fail('chat.postMessage', failure);
    expect(await adapter.deliver(message())).toEqual(expected);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('asks for a retry when Slack cannot be reached', async () => {
    await fake.close();
    const outcome = await adapter.deliver(message());
    expect(outcome).toMatchObject({ status: 'retry' });
  });

  it('uploads images to the channel of the posted message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'guardia-slack-'));
    try {
      const path = join(dir, 'latency.png');
      await writeFile(path, Buffer.from('89504e470d0a1a0a', 'hex'));
      const doc: MessageDoc = {
        ...DOC,
        blocks: [...DOC.blocks, { type: 'image', path, alt: 'latency chart', title: 'Latencia' }],
      };
      const outcome = await adapter.deliver(message({ doc }));
      expect(outcome.status).toBe('sent');
      expect(fake.callsTo('files.getUploadURLExternal')[0]?.body).toMatchObject({
        filename: 'latency.png',
        alt_text: 'latency chart',
      });
      expect(fake.callsTo('upload')).toHaveLength(1);
      const complete = fake.callsTo('files.completeUploadExternal')[0];
      expect(complete?.body.channel_id).toBe(fake.channelId('#ops-alerts'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('still reports sent when the image cannot be uploaded', async () => {
    fake.fail('files.getUploadURLExternal', { error: 'missing_scope' });
    const doc: MessageDoc = {
      ...DOC,
      blocks: [{ type: 'image', path: '/nonexistent/x.png', alt: 'x' }],
    };
    expect((await adapter.deliver(message({ doc }))).status).toBe('sent');
  });
});
