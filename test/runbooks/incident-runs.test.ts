// biome-ignore-all lint/suspicious/noTemplateCurlyInString: runbook templates are ${…} strings on purpose
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/bot/router.js';
import { incidentsConfigSchema, runbooksConfigSchema } from '../../src/config/incidents.js';
import { silentLogger } from '../../src/core/logger.js';
import { ClosedLoop } from '../../src/runbooks/closed-loop.js';
import { ConfirmationStore } from '../../src/runbooks/confirmations.js';
import { RunExecutor } from '../../src/runbooks/executor.js';
import { RunStore } from '../../src/runbooks/runs.js';
import { runbookSchema } from '../../src/runbooks/schema.js';
import { RunbookService } from '../../src/runbooks/service.js';
import { harness, target, transition } from '../incidents/helpers.js';
import { fakeRunner } from './steps/helpers.js';

const oncall: Caller = { id: 'console', groups: [], adapter: 'console' };
const req = { caller: oncall, locale: 'en' as const };

/** Like the bundled retry-failed-payments: its default monitor is an HTTP probe. */
const retry = runbookSchema.parse({
  id: 'retry-failed-payments',
  title: { en: 'Retry failed payments', 'es-AR': 'Reintentar pagos' },
  description: { en: 'd', 'es-AR': 'd' },
  params: { monitor: { default: 'api-payments', pattern: '[a-z0-9][a-z0-9._-]*' } },
  allowed: { users: ['console'] },
  suggestFor: { targets: ['payment*'] },
  steps: [
    { type: 'verify', monitor: '${params.monitor}', within: '1s', every: '2s', successes: 1 },
  ],
});

const agents: Agent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
});

function setup(verifyOk = true) {
  const h = harness({
    ackWithin: 60_000,
    escalation: [
      { action: 'dm', after: 0, user: 'U_LEAD' },
      { action: 'page', after: 120_000, manager: 'ana' },
    ],
  });
  const agent = new Agent();
  agents.push(agent);
  const runner = fakeRunner('payments-success', [{ ok: verifyOk }]);
  const runs = new RunStore(h.db);
  const executor = new RunExecutor({
    db: h.db,
    runs,
    audit: h.audit,
    outbox: h.outbox,
    clock: h.clock,
    log: silentLogger(),
    http: agent,
    env: {},
    runner,
    localeFor: () => 'en',
    defaultChannel: 'alerts',
    incidents: () => h.incidents,
  });
  const service = new RunbookService({
    runbooks: [retry],
    config: runbooksConfigSchema.parse({}),
    runs,
    confirmations: new ConfirmationStore(h.db),
    executor,
    audit: h.audit,
    clock: h.clock,
    log: silentLogger(),
    timeZone: 'UTC',
    incidents: () => h.incidents,
    knownTargets: () => ['payments-success', 'other'],
  });
  const loop = new ClosedLoop({
    db: h.db,
    runs,
    outbox: h.outbox,
    clock: h.clock,
    log: silentLogger(),
    config: incidentsConfigSchema.parse({ verdictWithin: '2m' }),
    localeFor: () => 'en',
    target: (id) => target(id),
    incidents: () => h.incidents,
    runbooks: () => service,
  });
  h.incidents.onTransition(transition('opened', 'payments-success', 9001));
  const token = (doc: { actions?: Array<{ command: string }> }) =>
    doc.actions?.[0]?.command.split(' ')[1] ?? '';
  const pending = () => h.incidents.store.pendingEscalations(1).map((e) => [e.step, e.dueAt]);
  return { ...h, service, executor, runs, runner, loop, token, pending };
}

describe('runbook runs for an incident', () => {
  it("verifies the incident's failing monitor, not the runbook's default, and says so", async () => {
    const s = setup();
    const doc = s.service.request(req, 'retry-failed-payments', ['incident=1']);
    expect(doc.blocks?.map((b) => ('text' in b ? b.text : '')).join(' ')).toContain(
      'monitor=payments-success',
    );
    expect(JSON.stringify(doc)).toContain("payments-success, the incident's failing monitor");
    s.service.confirm(req, s.token(doc));
    await s.executor.idle();
    expect(s.runner.calls()).toBeGreaterThan(0);
    expect(s.runs.get(1)?.status).toBe('succeeded');
  });

  it('keeps a monitor the caller named explicitly', () => {
    const s = setup();
    const doc = s.service.request(req, 'retry-failed-payments', ['incident=1', 'monitor=other']);
    expect(JSON.stringify(doc)).toContain('monitor=other');
    expect(JSON.stringify(doc)).not.toContain('failing monitor');
  });

  it('refuses a monitor that does not exist before anything runs or asks to confirm', () => {
    const s = setup();
    expect(() =>
      s.service.request({ ...req, locale: 'en' }, 'retry-failed-payments', ['monitor=nope']),
    ).toThrow(/no monitor named "nope" \(known: payments-success, other\)/);
    expect(s.runner.calls()).toBe(0);
  });

  it('refuses a run for a resolved incident', () => {
    const s = setup();
    s.incidents.resolve(1, 'ana');
    expect(() => s.service.request(req, 'retry-failed-payments', ['incident=1'])).toThrow(
      /already resolved/,
    );
  });

  it('pauses escalation while a run remediates, and re-arms it when the verdict is "not recovered"', async () => {
    const s = setup();
    const opened = s.clock.now();
    expect(s.pending()).toEqual([
      [1, opened + 60_000],
      [2, opened + 180_000],
    ]);
    s.clock.advance(30_000);
    s.service.confirm(req, s.token(s.service.request(req, 'retry-failed-payments', [])));
    expect(s.pending()).toEqual([]);
    expect(s.sent().map((m) => m.text)).toContainEqual(
      expect.stringContaining('escalation paused while it runs'),
    );
    await s.executor.idle();
    s.clock.advance(121_000);
    s.loop.tick();
    const now = s.clock.now();
    expect(s.pending()).toEqual([
      [1, now],
      [2, now + 120_000],
    ]);
    expect(s.incidents.events(1).at(-1)).toMatchObject({ type: 'verdict', detail: { rearmed: 2 } });
  });

  it('re-arms escalation when the run itself fails', async () => {
    const s = setup(false);
    s.service.confirm(req, s.token(s.service.request(req, 'retry-failed-payments', [])));
    expect(s.pending()).toEqual([]);
    await s.executor.idle();
    expect(s.runs.get(1)?.status).toBe('failed');
    s.loop.tick();
    expect(s.pending()).toHaveLength(2);
    expect(s.incidents.events(1).map((e) => e.type)).toContain('rearmed');
  });
});
