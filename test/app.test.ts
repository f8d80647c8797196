import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Guardia, startGuardia } from '../src/app.js';
import { parseConfig } from '../src/config/load.js';
import { secretsFromEnv } from '../src/config/secrets.js';
import { silentLogger } from '../src/core/logger.js';
import { LoopbackServer } from './helpers/loopback.js';

let dir: string;
let server: LoopbackServer;
let stdin: PassThrough;
let printed = '';
let guardia: Guardia;

/** Waits until the console has printed `text`; the test timeout bounds it. */
async function shown(text: string | RegExp): Promise<void> {
  const found = () => (typeof text === 'string' ? printed.includes(text) : text.test(printed));
  while (!found()) await sleep(20);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'guardia-app-'));
  server = await LoopbackServer.start();
  const result = parseConfig({
    locale: 'en',
    store: { path: join(dir, 'guardia.db') },
    server: { port: 0 },
    channels: { alerts: { locale: 'en' } },
    alerting: { failuresToOpen: 2, successesToResolve: 2 },
    defaults: { interval: '50ms', timeout: '1s', latencyThreshold: '1s' },
    targets: [{ id: 'loop', name: 'Loopback API', url: `${server.url}/health` }],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  stdin = new PassThrough();
  const stdout = new PassThrough();
  stdout.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  guardia = await startGuardia(result.config, secretsFromEnv({}), {
    log: silentLogger(),
    io: { stdin, stdout },
    features: [],
  });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('startGuardia with the console adapter', () => {
  it('serves its health endpoint on the port it picked', async () => {
    expect(guardia.serverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${guardia.serverUrl}/healthz`);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('answers status typed on standard input', async () => {
    stdin.write('/ops status\n');
    await shown('reply to /ops status');
    expect(printed).toContain('Loopback API');
  });

  it('shows the alert when the target fails and the resolution when it recovers', async () => {
    server.set({ status: 500 });
    await shown('Alert #1: Loopback API is failing');
    expect(printed).toContain('── #alerts');
    server.set({ status: 200 });
    await shown(/Resolved: Loopback API is healthy again after .+ \(alert #1\)/);
    await shown('edit of message');
  });

  it('stops cleanly, closing the database and the server', async () => {
    await guardia.stop();
    expect(guardia.db.open).toBe(false);
    await expect(fetch(`${guardia.serverUrl}/healthz`)).rejects.toThrow();
  });
});
