import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Guardia, startGuardia } from '../src/app.js';
import { parseConfig } from '../src/config/load.js';
import { secretsFromEnv } from '../src/config/secrets.js';
import { silentLogger } from '../src/core/logger.js';
import { FakeSlack } from './helpers/fake-slack.js';
import { LoopbackServer } from './helpers/loopback.js';

let dir: string;
let server: LoopbackServer;
let slack: FakeSlack;
let guardia: Guardia;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'guardia-app-slack-'));
  server = await LoopbackServer.start();
  slack = await FakeSlack.start();
  const result = parseConfig({
    store: { path: join(dir, 'guardia.db') },
    server: { port: 0 },
    slack: { mode: 'http', port: 0, apiUrl: slack.apiUrl },
    channels: { alerts: { slack: '#ops-alerts', locale: 'en' } },
    alerting: { failuresToOpen: 2, successesToResolve: 1 },
    defaults: { interval: '50ms', timeout: '1s', latencyThreshold: '1s' },
    targets: [{ id: 'loop', name: 'Loopback API', url: `${server.url}/health` }],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  guardia = await startGuardia(
    result.config,
    secretsFromEnv({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret' }),
    {
      log: silentLogger(),
      io: { stdin: new PassThrough(), stdout: new PassThrough() },
      features: [],
    },
  );
});

afterAll(async () => {
  await guardia.stop();
  await slack.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('startGuardia with Slack tokens', () => {
  it('uses the Slack adapter and posts the alert to the configured channel', async () => {
    expect(guardia.chat.name).toBe('slack');
    expect(slack.callsTo('auth.test')).toHaveLength(1);
    server.set({ status: 502 });
    const call = await slack.waitForCall('chat.postMessage');
    expect(call.body).toMatchObject({
      channel: '#ops-alerts',
      text: 'Alert #1: Loopback API is failing: status 502, expected 200',
    });
    expect(call.token).toBe('xoxb-test');
  });
});
