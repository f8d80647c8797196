// biome-ignore-all lint/suspicious/noTemplateCurlyInString: runbook templates are ${…} strings on purpose
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpStep, httpStepSchema } from '../../../src/runbooks/steps/http.js';
import { stepContext } from './helpers.js';

describe('http step', () => {
  let server: Server;
  let base: string;
  let seen: Array<{ method?: string; url?: string; auth?: string; body: string }>;
  let hang = false;

  beforeEach(async () => {
    seen = [];
    hang = false;
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
        if (hang) return;
        const ok = req.headers.authorization === 'Bearer s3cret';
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            ok ? { ok: true, lifted: ['api-latency'], detail: 'cache cleared' } : { error: 'no' },
          ),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const step = (extra: object = {}) =>
    httpStepSchema.parse({
      type: 'http',
      url: '${BASE}/admin/cache/clear',
      headers: { Authorization: 'Bearer ${TOKEN:-wrong}' },
      ...extra,
    });

  it('resolves ${ENV} from the environment and reports what the API said', async () => {
    const out = await httpStep.run(
      step({ body: { all: true } }),
      stepContext({ env: { BASE: base, TOKEN: 's3cret' } }),
    );
    expect(out.ok).toBe(true);
    expect(out.text.en).toMatch(
      /^POST \/admin\/cache\/clear → 200 \(\d+ ms\) · lifted: api-latency · cache cleared$/,
    );
    expect(seen).toEqual([
      { method: 'POST', url: '/admin/cache/clear', auth: 'Bearer s3cret', body: '{"all":true}' },
    ]);
  });

  it('uses the default after :- and fails on an unexpected status', async () => {
    const out = await httpStep.run(step(), stepContext({ env: { BASE: base } }));
    expect(out.ok).toBe(false);
    expect(out.text.en).toContain('→ 401');
  });

  it('gives up at its timeout', async () => {
    hang = true;
    const out = await httpStep.run(
      step({ timeout: '100ms' }),
      stepContext({ env: { BASE: base, TOKEN: 's3cret' } }),
    );
    expect(out).toMatchObject({ ok: false });
    expect(out.text.en).toContain('timeout after 100 ms');
  });

  it('describes the call without revealing secrets', () => {
    expect(httpStep.describe(step(), {}, 'en')).toBe(
      'POST ${BASE}/admin/cache/clear (Authorization: Bearer ${TOKEN:-wrong})',
    );
  });
});
