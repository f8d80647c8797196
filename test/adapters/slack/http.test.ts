import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../../src/adapters/slack/adapter.js';
import type { MessageDoc } from '../../../src/bot/messages/doc.js';
import { silentLogger } from '../../../src/core/logger.js';
import {
  buttonClickPayload,
  eventCallback,
  FakeSlack,
  slackSignatureHeaders,
  slashCommandPayload,
} from '../../helpers/fake-slack.js';
import { FakeRouter } from './fake-router.js';

const SECRET = 'test-signing-secret';

let fake: FakeSlack;
let router: FakeRouter;
let adapter: SlackAdapter;
let homeFor: string[];

beforeEach(async () => {
  fake = await FakeSlack.start({
    userGroups: [{ id: 'S0ONCALL', handle: 'oncall', users: ['U0000ANA'] }],
  });
  router = new FakeRouter();
  homeFor = [];
  adapter = new SlackAdapter({
    botToken: 'xoxb-test',
    signingSecret: SECRET,
    mode: 'auto',
    port: 0,
    apiUrl: fake.apiUrl,
    log: silentLogger(),
    homeView: async (userId): Promise<MessageDoc> => {
      homeFor.push(userId);
      return { text: 'home', blocks: [{ type: 'header', text: 'guardia' }] };
    },
  });
  await adapter.start(router);
});

afterEach(async () => {
  await adapter.stop();
  await fake.close();
});

function eventsUrl(): string {
  return `http://127.0.0.1:${adapter.listeningPort()}/slack/events`;
}

type Signing = 'valid' | 'none' | 'stale' | 'wrong-secret' | 'tampered';

async function post(body: string, contentType: string, signing: Signing = 'valid') {
  const now = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': contentType };
  if (signing === 'valid') Object.assign(headers, slackSignatureHeaders(SECRET, body, now));
  if (signing === 'stale')
    Object.assign(headers, slackSignatureHeaders(SECRET, body, now - 6 * 60));
  if (signing === 'wrong-secret') Object.assign(headers, slackSignatureHeaders('other', body, now));
  if (signing === 'tampered')
    Object.assign(headers, slackSignatureHeaders(SECRET, `${body}x`, now));
  const res = await fetch(eventsUrl(), { method: 'POST', headers, body });
  await res.arrayBuffer();
  return res.status;
}

const postForm = (fields: Record<string, string>, signing?: Signing) =>
  post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', signing);

const postJson = (value: unknown, signing?: Signing) =>
  post(JSON.stringify(value), 'application/json', signing);

describe('SlackAdapter over HTTP', () => {
  it('acks /ops before the command finishes, then answers on response_url', async () => {
    router.hold();
    const responseUrl = fake.responseUrl('cmd1');
    const status = await postForm(slashCommandPayload({ text: 'status', responseUrl }));

    expect(status).toBe(200);
    const request = await router.nextRequest(0);
    expect(request.text).toBe('status');
    expect(request.caller).toEqual({
      id: 'U0000ANA',
      name: 'ana',
      groups: ['S0ONCALL', 'oncall'],
      adapter: 'slack',
    });
    expect(request.locale).toBe('es-AR');
    expect(fake.callsTo('response_url')).toHaveLength(0);

    router.release();
    const reply = await fake.waitForCall('response_url');
    expect(reply.target).toBe('cmd1');
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', text: 'ok: status' });
  });

  it('answers in the channel when the router says so', async () => {
    router.reply = () => ({ doc: { text: 'hola', blocks: [] }, visibility: 'channel' });
    await postForm(slashCommandPayload({ text: 'report', responseUrl: fake.responseUrl() }));
    const reply = await fake.waitForCall('response_url');
    expect(reply.body.response_type).toBe('in_channel');
  });

  it.each<[Signing, string]>([
    ['none', 'unsigned'],
    ['stale', 'signed more than five minutes ago'],
    ['wrong-secret', 'signed with another secret'],
    ['tampered', 'signed over a different body'],
  ])('refuses a request %s (%s) with 401', async (signing) => {
    const status = await postForm(
      slashCommandPayload({ text: 'status', responseUrl: fake.responseUrl() }),
      signing,
    );
    expect(status).toBe(401);
    expect(router.requests).toHaveLength(0);
  });

  it('routes an app_mention without the mention and replies in its thread', async () => {
    const event = {
      type: 'app_mention',
      user: 'U0000BEA',
      text: `<@${fake.botUserId}> status`,
      ts: '1700000001.000100',
      channel: 'C0000OPS',
      event_ts: '1700000001.000100',
    };
    router.reply = () => ({ doc: { text: 'todo bien', blocks: [] }, visibility: 'channel' });
    expect(await postJson(eventCallback(event))).toBe(200);

    const request = await router.nextRequest(0);
    expect(request).toMatchObject({ text: 'status', channel: 'C0000OPS' });
    expect(request.caller.id).toBe('U0000BEA');
    const posted = await fake.waitForCall('chat.postMessage');
    expect(posted.body).toMatchObject({
      channel: 'C0000OPS',
      thread_ts: '1700000001.000100',
      text: 'todo bien',
    });
    expect(posted.token).toBe('xoxb-test');
  });

  it('answers an ephemeral reply to a mention only to its author', async () => {
    const event = {
      type: 'app_mention',
      user: 'U0000BEA',
      text: `<@${fake.botUserId}> help`,
      ts: '1700000001.000200',
      channel: 'C0000OPS',
      event_ts: '1700000001.000200',
    };
    await postJson(eventCallback(event));
    const posted = await fake.waitForCall('chat.postEphemeral');
    expect(posted.body).toMatchObject({ channel: 'C0000OPS', user: 'U0000BEA' });
  });

  it('routes a direct message and ignores bot posts and edits', async () => {
    const dm = (extra: Record<string, unknown>) =>
      eventCallback({
        type: 'message',
        channel: 'D0000ANA',
        channel_type: 'im',
        user: 'U0000ANA',
        text: 'ack 12',
        ts: '1700000002.000100',
        event_ts: '1700000002.000100',
        ...extra,
      });
    expect(await postJson(dm({ bot_id: 'B0OTHER1', text: 'from a bot' }))).toBe(200);
    expect(await postJson(dm({ subtype: 'message_changed', text: 'edited' }))).toBe(200);
    expect(await postJson(dm({}))).toBe(200);

    const posted = await fake.waitForCall('chat.postMessage');
    expect(posted.body).toMatchObject({ channel: 'D0000ANA', thread_ts: '1700000002.000100' });
    expect(router.requests.map((r) => r.text)).toEqual(['ack 12']);
  });

  it('routes a button click as the clicking user and answers ephemerally', async () => {
    const payload = buttonClickPayload({
      actionId: 'guardia:incident.ack:0',
      value: '/ops ack 12',
      userId: 'U0000CAR',
      userName: 'carla',
      responseUrl: fake.responseUrl('click'),
    });
    expect(await postForm({ payload: JSON.stringify(payload) })).toBe(200);

    const request = await router.nextRequest(0);
    expect(request.text).toBe('ack 12');
    expect(request.caller).toEqual({
      id: 'U0000CAR',
      name: 'carla',
      groups: [],
      adapter: 'slack',
    });
    const reply = await fake.waitForCall('response_url');
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  });

  it('gives the caller the Slack user groups it belongs to, from one cached lookup', async () => {
    const groups: string[][] = [];
    for (const [index, user] of ['U0000ANA', 'U0000CAR', 'U0000ANA'].entries()) {
      const fields = slashCommandPayload({
        text: 'status',
        userId: user,
        responseUrl: fake.responseUrl(),
      });
      expect(await postForm(fields)).toBe(200);
      groups.push((await router.nextRequest(index)).caller.groups);
    }
    expect(groups).toEqual([['S0ONCALL', 'oncall'], [], ['S0ONCALL', 'oncall']]);
    expect(fake.callsTo('usergroups.list')).toHaveLength(1);
  });

  it('publishes the Home tab when it is opened', async () => {
    const event = { type: 'app_home_opened', user: 'U0000ANA', channel: 'D0000ANA', tab: 'home' };
    await postJson(eventCallback(event));
    const published = await fake.waitForCall('views.publish');
    expect(published.body.user_id).toBe('U0000ANA');
    expect(published.body.view).toMatchObject({ type: 'home' });
    expect(homeFor).toEqual(['U0000ANA']);
  });
});

describe('Home tab refresh', () => {
  it('re-publishes for people who opened it recently, and lets the others go', async () => {
    let now = 1_000_000;
    const refreshFake = await FakeSlack.start();
    const published: string[] = [];
    const refreshing = new SlackAdapter({
      botToken: 'xoxb-test',
      signingSecret: SECRET,
      mode: 'http',
      port: 0,
      apiUrl: refreshFake.apiUrl,
      log: silentLogger(),
      homeView: async (userId) => {
        published.push(userId);
        return { text: 'home', blocks: [{ type: 'section', text: `now ${now}` }] };
      },
      homeRefresh: { everyMs: 40, activeForMs: 10 * 60_000 },
      now: () => now,
    });
    await refreshing.start(new FakeRouter());
    try {
      const url = `http://127.0.0.1:${refreshing.listeningPort()}/slack/events`;
      const body = JSON.stringify(
        eventCallback({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home' }),
      );
      const ts = Math.floor(Date.now() / 1000);
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...slackSignatureHeaders(SECRET, body, ts) },
        body,
      });
      await refreshFake.waitForCall('views.publish');
      // The timer publishes again while U1 counts as active.
      await waitUntil(() => published.length >= 3);
      now += 11 * 60_000;
      const settled = published.length;
      await new Promise((resolve) => setTimeout(resolve, 150));
      // At most one round was already in flight when U1 stopped counting as active.
      expect(published.length).toBeLessThanOrEqual(settled + 1);
      expect(new Set(published)).toEqual(new Set(['U1']));
    } finally {
      await refreshing.stop();
      await refreshFake.close();
    }
  });
});

async function waitUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(check()).toBe(true);
}
