import { afterEach, describe, expect, it } from 'vitest';
import { ingestHandler } from '../../src/analytics/http.js';
import { EventStore } from '../../src/analytics/ingest.js';
import { silentLogger } from '../../src/core/logger.js';
import { HttpServer } from '../../src/http/server.js';
import { openDatabase } from '../../src/store/db.js';

const event = (id: string) =>
  JSON.stringify({ id, type: 'share', at: 1_740_000_000_000, userId: 'u1', channel: 'whatsapp' });

let server: HttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(token: string | undefined) {
  const db = openDatabase({ path: ':memory:' });
  server = new HttpServer({ host: '127.0.0.1', port: 0, log: silentLogger() });
  const store = new EventStore(db);
  server.route('POST', '/v1/events', ingestHandler({ store, token, log: silentLogger() }));
  const { url } = await server.listen();
  const post = (body: string, auth?: string) =>
    fetch(`${url}/v1/events`, {
      method: 'POST',
      body,
      headers: auth ? { authorization: auth, 'content-type': 'application/x-ndjson' } : {},
    });
  return { db, post };
}

describe('POST /v1/events over loopback', () => {
  it.each([
    ['no header', 'secret', undefined],
    ['a wrong token', 'secret', 'Bearer nope'],
    ['a token while ingestion is off', undefined, 'Bearer secret'],
  ])('refuses %s with 401', async (_name, token, auth) => {
    const { db, post } = await serve(token);
    const res = await post(event('a'), auth);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'INGEST_UNAUTHORIZED' });
    expect(db.prepare('SELECT COUNT(*) FROM analytics_events').pluck().get()).toBe(0);
  });

  it('stores NDJSON with the right token and answers 207 with rejected lines', async () => {
    const { db, post } = await serve('secret');
    const res = await post(`${event('a')}\n{"id":"b"}\n${event('c')}\n`, 'Bearer secret');
    expect(res.status).toBe(207);
    const body = (await res.json()) as { rejected: unknown[] };
    expect(body).toMatchObject({ received: 3, accepted: 2, duplicates: 0 });
    expect(body.rejected).toEqual([{ line: 2, reason: expect.stringContaining('type') }]);
    const again = await post(`[${event('a')},${event('c')}]`, 'Bearer secret');
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 2, rejected: [] });
    expect(db.prepare('SELECT COUNT(*) FROM analytics_events').pluck().get()).toBe(2);
  });

  it('rejects an event stamped far in the future with its line and reason', async () => {
    const { db, post } = await serve('secret');
    const future = JSON.stringify({ ...JSON.parse(event('f')), at: 9_999_999_999_999 });
    const res = await post(`${event('a')}\n${future}\n`, 'Bearer secret');
    expect(res.status).toBe(207);
    expect(await res.json()).toMatchObject({
      accepted: 1,
      rejected: [
        { line: 2, reason: expect.stringMatching(/^at: .*more than a day in the future/) },
      ],
    });
    expect(db.prepare('SELECT COUNT(*) FROM analytics_events').pluck().get()).toBe(1);
  });
});
