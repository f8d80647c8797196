import { afterEach, describe, expect, it } from 'vitest';
import {
  SlackAdapter,
  type SlackAdapterOptions,
  slackTransport,
} from '../../../src/adapters/slack/adapter.js';
import { GuardiaError } from '../../../src/core/errors.js';
import { silentLogger } from '../../../src/core/logger.js';
import { FakeSlack } from '../../helpers/fake-slack.js';
import { FakeRouter } from './fake-router.js';

const base: SlackAdapterOptions = {
  botToken: 'xoxb-test',
  mode: 'auto',
  port: 0,
  log: silentLogger(),
};

describe('slackTransport', () => {
  it.each<[string, Partial<SlackAdapterOptions>, 'socket' | 'http']>([
    ['auto with an app token', { appToken: 'xapp' }, 'socket'],
    ['auto without an app token', { signingSecret: 's' }, 'http'],
    ['socket', { mode: 'socket', appToken: 'xapp' }, 'socket'],
    ['http even with an app token', { mode: 'http', appToken: 'xapp', signingSecret: 's' }, 'http'],
  ])('%s → %s', (_name, options, transport) => {
    expect(slackTransport({ ...base, ...options })).toBe(transport);
  });

  it.each<[string, Partial<SlackAdapterOptions>, string, string]>([
    ['no bot token', { botToken: '', appToken: 'xapp' }, 'SLACK_BOT_TOKEN', 'OAuth & Permissions'],
    ['socket mode without app token', { mode: 'socket' }, 'SLACK_APP_TOKEN', 'connections:write'],
    ['http mode without secret', { mode: 'http' }, 'SLACK_SIGNING_SECRET', 'Signing Secret'],
    ['auto with neither', {}, 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'],
  ])('%s → SECRET_MISSING naming %s', (_name, options, envVar, where) => {
    const attempt = () => new SlackAdapter({ ...base, ...options });
    expect(attempt).toThrow(GuardiaError);
    expect(attempt).toThrow(envVar);
    expect(attempt).toThrow(where);
    try {
      attempt();
    } catch (err) {
      expect((err as GuardiaError).code).toBe('SECRET_MISSING');
    }
  });
});

describe('SlackAdapter.start', () => {
  let fake: FakeSlack | undefined;
  afterEach(async () => {
    await fake?.close();
  });

  it('reports a refused bot token as SLACK_AUTH without listening', async () => {
    fake = await FakeSlack.start();
    fake.fail('auth.test', { error: 'invalid_auth' });
    const adapter = new SlackAdapter({ ...base, signingSecret: 's', apiUrl: fake.apiUrl });
    await expect(adapter.start(new FakeRouter())).rejects.toMatchObject({
      code: 'SLACK_AUTH',
      message: expect.stringContaining('invalid_auth'),
    });
    expect(adapter.listeningPort()).toBeUndefined();
    await adapter.stop();
  });
});
