import { describe, expect, it } from 'vitest';
import { incidentsConfigSchema } from '../../src/config/incidents.js';
import { silentLogger } from '../../src/core/logger.js';
import { ClosedLoop, type ClosedLoopOptions } from '../../src/runbooks/closed-loop.js';
import { RunStore } from '../../src/runbooks/runs.js';
import { runbookSchema } from '../../src/runbooks/schema.js';
import type { RunbookService } from '../../src/runbooks/service.js';
import { harness, target, transition } from '../incidents/helpers.js';

const runbook = runbookSchema.parse({
  id: 'clear-api-cache',
  title: { en: 'Clear the API cache', 'es-AR': 'Limpiar la caché' },
  description: { en: 'd', 'es-AR': 'd' },
  allowed: { users: ['console'] },
  steps: [{ type: 'wait', duration: '1s' }],
});

function setup(
  judgeSince?: ClosedLoopOptions['judgeSince'],
  overrides: Parameters<typeof harness>[0] = {},
) {
  const h = harness(overrides);
  const runs = new RunStore(h.db);
  const loop = new ClosedLoop({
    db: h.db,
    runs,
    outbox: h.outbox,
    clock: h.clock,
    log: silentLogger(),
    config: incidentsConfigSchema.parse({ verdictWithin: '2m' }),
    localeFor: () => 'en',
    target: (id) => target(id),
    judgeSince,
    incidents: () => h.incidents,
    runbooks: () => ({ get: () => runbook }) as unknown as RunbookService,
  });
  h.incidents.onTransition(transition('opened', 'api-health', 1));
  const sample = h.db.prepare('INSERT INTO samples (target_id, at, ok, value) VALUES (?, ?, ?, ?)');
  for (let i = 0; i < 4; i += 1) sample.run('api-health', h.clock.now() - 10_000 * (i + 1), 0, 450);
  const started = runs.start({
    runbookId: 'clear-api-cache',
    incidentId: 1,
    params: {},
    startedBy: 'ana',
    deliveryId: undefined,
    before: JSON.stringify({ count: 4, failures: 4, avg: 450 }),
    now: h.clock.now(),
  });
  if (!started.ok) throw new Error('not started');
  runs.finish(started.run.id, 'succeeded', undefined, h.clock.now());
  const verdicts = () => h.sent().filter((m) => m.text.startsWith('Verdict'));
  return { ...h, loop, sample, verdicts };
}

describe('ClosedLoop', () => {
  it('waits for the monitor, never resolves the incident itself, and gives a verdict with figures', () => {
    const s = setup();
    s.clock.advance(10_000);
    s.loop.tick();
    expect(s.verdicts()).toEqual([]);
    expect(s.incidents.get(1)?.status).toBe('open');
    for (let i = 0; i < 3; i += 1) s.sample.run('api-health', s.clock.now() - 1000 * i, 1, 3);
    s.incidents.onTransition(transition('resolved', 'api-health', 1));
    s.loop.tick();
    s.loop.tick();
    expect(s.verdicts().map((m) => m.text)).toEqual([
      'Verdict on run #1 (Clear the API cache): Target api-health recovered. Target api-health: before 450 ms avg, 4 of 4 checks failing → after 3 ms avg, 0 of 3 checks failing',
    ]);
  });

  it('says "not recovered" after its deadline and hands the incident back', () => {
    const s = setup();
    s.clock.advance(121_000);
    s.loop.tick();
    expect(s.verdicts()[0]?.text).toContain('has not recovered after 2 min');
    expect(s.incidents.get(1)?.status).toBe('open');
  });

  it('takes a rate healthy since the run as recovered while its window still holds the failures', () => {
    const healthy = {
      ok: true,
      value: 0.996,
      detail: { attempts: 150, successes: 149, windowMs: 70_000 },
    };
    const s = setup((id, since) => (id === 'api-health' && since > 0 ? healthy : undefined));
    for (let i = 0; i < 3; i += 1) s.sample.run('api-health', s.clock.now() + 1000 * i, 0, 0.9);
    s.clock.advance(10_000);
    s.loop.tick();
    const [verdict] = s.verdicts().map((m) => m.text);
    expect(verdict).toContain('Target api-health recovered.');
    expect(verdict).toContain(
      'Target api-health: before 450 ms avg, 4 of 4 checks failing → since the run 99.6% over 150 attempts in 1 min 10 s',
    );
    // The alert engine still resolves the incident, once the rate's own window clears.
    expect(s.incidents.get(1)?.status).toBe('open');
  });

  it('lets a folded rate with too few attempts since the run pass, but not one still failing', () => {
    const since = (credit: { ok: boolean; inconclusive?: boolean }) =>
      setup(
        (id) =>
          id === 'api-health'
            ? { ok: true, value: 0.996, detail: { attempts: 150, windowMs: 70_000 } }
            : { ...credit, value: 0.9, detail: { attempts: 30, windowMs: 70_000 } },
        { dependsOn: { 'pay-credit': ['api-health'] } },
      );
    const quiet = since({ ok: true, inconclusive: true });
    quiet.incidents.onTransition(transition('opened', 'pay-credit', 2));
    for (let i = 0; i < 3; i += 1) quiet.sample.run('api-health', quiet.clock.now() + i, 0, 0.9);
    quiet.clock.advance(10_000);
    quiet.loop.tick();
    expect(quiet.verdicts()[0]?.text).toContain('Target api-health recovered.');

    const failing = since({ ok: false });
    failing.incidents.onTransition(transition('opened', 'pay-credit', 2));
    for (let i = 0; i < 3; i += 1)
      failing.sample.run('api-health', failing.clock.now() + i, 0, 0.9);
    failing.clock.advance(10_000);
    failing.loop.tick();
    expect(failing.verdicts()).toEqual([]);
    failing.clock.advance(121_000);
    failing.loop.tick();
    expect(failing.verdicts()[0]?.text).toContain('has not recovered after 2 min');
  });
});
