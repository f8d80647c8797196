// biome-ignore-all lint/suspicious/noTemplateCurlyInString: runbook templates are ${…} strings on purpose
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/bot/router.js';
import { runbooksConfigSchema } from '../../src/config/incidents.js';
import { silentLogger } from '../../src/core/logger.js';
import { ConfirmationStore } from '../../src/runbooks/confirmations.js';
import { RunExecutor } from '../../src/runbooks/executor.js';
import { RunStore } from '../../src/runbooks/runs.js';
import { runbookSchema } from '../../src/runbooks/schema.js';
import { RunbookService } from '../../src/runbooks/service.js';
import { harness, transition } from '../incidents/helpers.js';
import { fakeRunner } from './steps/helpers.js';

const oncall: Caller = { id: 'U_ONCALL', groups: [], adapter: 'slack' };
const stranger: Caller = { id: 'U_OTHER', groups: [], adapter: 'slack' };

describe('RunbookService', () => {
  let server: Server;
  let calls = 0;
  let base = '';
  let agent: Agent;

  beforeEach(async () => {
    calls = 0;
    agent = new Agent();
    server = createServer((_req, res) => {
      calls += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true,"lifted":["api-latency"]}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await agent.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  function setup(extra: object = {}) {
    const h = harness();
    const runbook = runbookSchema.parse({
      id: 'clear-api-cache',
      title: { en: 'Clear the API cache', 'es-AR': 'Limpiar la caché de la API' },
      description: { en: 'd', 'es-AR': 'd' },
      allowed: { groups: ['oncall'] },
      cooldown: '1m',
      suggestFor: { targets: ['api-*'] },
      steps: [{ type: 'http', url: '${BASE}/admin/cache/clear' }],
      ...extra,
    });
    const runs = new RunStore(h.db);
    const executor = new RunExecutor({
      db: h.db,
      runs,
      audit: h.audit,
      outbox: h.outbox,
      clock: h.clock,
      log: silentLogger(),
      http: agent,
      env: { BASE: base },
      runner: fakeRunner('api-health', [{ ok: true }]),
      localeFor: () => 'en',
      defaultChannel: 'alerts',
      incidents: () => h.incidents,
    });
    const service = new RunbookService({
      runbooks: [runbook],
      config: runbooksConfigSchema.parse({ groups: { oncall: ['U_ONCALL'] } }),
      runs,
      confirmations: new ConfirmationStore(h.db),
      executor,
      audit: h.audit,
      clock: h.clock,
      log: silentLogger(),
      timeZone: 'UTC',
      incidents: () => h.incidents,
    });
    h.incidents.onTransition(transition('opened', 'api-health', 1));
    return { ...h, service, executor, runs };
  }

  const tokenOf = (doc: { actions?: Array<{ command: string }> }) =>
    doc.actions?.[0]?.command.split(' ')[1] ?? '';

  it('shows and runs nothing for a caller without permission, by any path, and audits it', async () => {
    const s = setup();
    expect(s.service.visibleTo(stranger)).toEqual([]);
    expect(() =>
      s.service.request({ caller: stranger, locale: 'en' }, 'clear-api-cache', []),
    ).toThrow(/not allowed/);
    const doc = s.service.request({ caller: oncall, locale: 'en' }, 'clear-api-cache', []);
    // A replayed or forwarded confirmation from someone else is refused too.
    expect(() => s.service.confirm({ caller: stranger, locale: 'en' }, tokenOf(doc))).toThrow(
      /someone else/,
    );
    await s.executor.idle();
    expect(calls).toBe(0);
    expect(s.audit.latest().map((a) => [a.actor, a.action, a.result])).toContainEqual([
      'U_OTHER',
      'refuse',
      'refused: not allowed',
    ]);
  });

  it('asks to confirm, then runs once, lands on the incident and reports in its thread', async () => {
    const s = setup();
    const doc = s.service.request({ caller: oncall, locale: 'en' }, 'clear-api-cache', []);
    expect(doc.actions?.map((a) => a.command)).toEqual([
      `confirm ${tokenOf(doc)}`,
      `cancel ${tokenOf(doc)}`,
    ]);
    expect(calls).toBe(0);
    const started = s.service.confirm({ caller: oncall, locale: 'en' }, tokenOf(doc));
    expect(started.text).toContain('Run #1 of clear-api-cache started for incident #1');
    expect(() => s.service.confirm({ caller: oncall, locale: 'en' }, tokenOf(doc))).toThrow(
      /already used/,
    );
    await s.executor.idle();
    expect(calls).toBe(1);
    expect(s.runs.get(1)).toMatchObject({ status: 'succeeded', incidentId: 1 });
    expect(s.incidents.get(1)?.status).toBe('remediating');
    expect(
      s
        .sent()
        .filter((m) => m.thread === 'incident:1')
        .map((m) => m.text)
        .join('\n'),
    ).toContain('finished: all 1 steps succeeded');
    expect(s.sent().filter((m) => m.ref === 'run:1').length).toBeGreaterThanOrEqual(3);
  });

  it('starts one run for a dozen concurrent requests and one for a retried delivery', async () => {
    const s = setup({ confirm: false, cooldown: 0 });
    const outcomes = Array.from({ length: 12 }, (_v, i) => {
      try {
        return s.service.request(
          { caller: oncall, locale: 'en', deliveryId: `d${i % 2}` },
          'clear-api-cache',
          [],
        ).text;
      } catch (err) {
        return String(err);
      }
    });
    expect(outcomes.filter((o) => o.startsWith('Run #1'))).toHaveLength(1);
    expect(outcomes.filter((o) => o.includes('already'))).toHaveLength(11);
    await s.executor.idle();
    expect(calls).toBe(1);
  });

  it('says when a runbook in cooldown may run again', async () => {
    const s = setup({ confirm: false });
    s.service.request({ caller: oncall, locale: 'en' }, 'clear-api-cache', []);
    await s.executor.idle();
    s.clock.advance(30_000);
    expect(() =>
      s.service.request({ caller: oncall, locale: 'en' }, 'clear-api-cache', []),
    ).toThrow(/ran recently; it may run again at 06\/02, 15:01/);
    s.clock.advance(31_000);
    expect(
      s.service.request({ caller: oncall, locale: 'en' }, 'clear-api-cache', []).text,
    ).toContain('started');
    await s.executor.idle();
  });

  it('dry-runs without calling anything', async () => {
    const s = setup();
    const doc = s.service.request({ caller: oncall, locale: 'en' }, 'clear-api-cache', [
      '--dry-run',
    ]);
    expect(doc.text).toBe('Dry run of clear-api-cache: nothing was called');
    expect(JSON.stringify(doc.blocks)).toContain('POST ${BASE}/admin/cache/clear');
    await s.executor.idle();
    expect(calls).toBe(0);
    expect(s.audit.latest()[0]).toMatchObject({ action: 'run', result: 'dry-run' });
  });

  it('expires a pending confirmation', () => {
    const s = setup();
    const doc = s.service.request({ caller: oncall, locale: 'en' }, 'clear-api-cache', []);
    s.clock.advance(5 * 60_000 + 1);
    expect(() => s.service.confirm({ caller: oncall, locale: 'en' }, tokenOf(doc))).toThrow(
      /expired/,
    );
  });
});
