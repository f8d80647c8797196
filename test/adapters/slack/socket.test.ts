import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../../src/adapters/slack/adapter.js';
import { silentLogger } from '../../../src/core/logger.js';
import {
  buttonClickPayload,
  eventCallback,
  FakeSlack,
  slashCommandPayload,
} from '../../helpers/fake-slack.js';
import { FakeRouter } from './fake-router.js';

let fake: FakeSlack;
let router: FakeRouter;
let adapter: SlackAdapter;

beforeEach(async () => {
  fake = await FakeSlack.start();
  router = new FakeRouter();
  adapter = new SlackAdapter({
    botToken: 'xoxb-test',
    appToken: 'xapp-test',
    mode: 'auto',
    port: 0,
    apiUrl: fake.apiUrl,
    log: silentLogger(),
    localeFor: (channel) => (channel === 'C0000ENG' ? 'en' : 'es-AR'),
  });
  await adapter.start(router);
});

afterEach(async () => {
  await adapter.stop();
  await fake.close();
});

describe('SlackAdapter over Socket Mode', () => {
  it('opens the connection through apiUrl with the app token and listens on no port', async () => {
    const open = await fake.waitForCall('apps.connections.open');
    expect(open.token).toBe('xapp-test');
    expect(fake.callsTo('auth.test')[0]?.token).toBe('xoxb-test');
    expect(adapter.listeningPort()).toBeUndefined();
  });

  it('acks a slash command envelope before the command finishes, then responds', async () => {
    router.hold();
    const payload = slashCommandPayload({
      text: 'status',
      channelId: 'C0000ENG',
      responseUrl: fake.responseUrl('sm'),
    });
    const ack = await fake.sendEnvelope('slash_commands', payload);

    expect(ack.envelope_id).toEqual(expect.any(String));
    const request = await router.nextRequest(0);
    expect(request).toMatchObject({ text: 'status', locale: 'en', channel: 'C0000ENG' });
    expect(fake.callsTo('response_url')).toHaveLength(0);

    router.release();
    const reply = await fake.waitForCall('response_url');
    expect(reply.target).toBe('sm');
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', text: 'ok: status' });
  });

  it('routes an app_mention envelope and replies in the thread', async () => {
    router.reply = () => ({ doc: { text: 'listo', blocks: [] }, visibility: 'channel' });
    const event = {
      type: 'app_mention',
      user: 'U0000BEA',
      text: `<@${fake.botUserId}>   report team`,
      ts: '1700000003.000100',
      channel: 'C0000OPS',
      event_ts: '1700000003.000100',
    };
    await fake.sendEnvelope('events_api', eventCallback(event));

    const posted = await fake.waitForCall('chat.postMessage');
    expect(router.requests[0]?.text).toBe('report team');
    expect(posted.body).toMatchObject({ channel: 'C0000OPS', thread_ts: '1700000003.000100' });
  });

  it('routes a button click envelope with the clicking user as caller', async () => {
    const payload = buttonClickPayload({
      actionId: 'guardia:runbook.run:1',
      value: '/ops run clear-cache',
      userId: 'U0000CAR',
      responseUrl: fake.responseUrl('btn'),
    });
    await fake.sendEnvelope('interactive', payload);

    const reply = await fake.waitForCall('response_url');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(router.requests[0]).toMatchObject({ text: 'run clear-cache' });
    expect(router.requests[0]?.caller.id).toBe('U0000CAR');
  });
});
