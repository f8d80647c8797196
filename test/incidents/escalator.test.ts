import { describe, expect, it } from 'vitest';
import { mentionLabel, replaceMentions } from '../../src/bot/messages/doc.js';
import type { EscalationStep } from '../../src/config/incidents.js';
import { silentLogger } from '../../src/core/logger.js';
import type { Locale } from '../../src/i18n/locale.js';
import { Escalator } from '../../src/incidents/escalator.js';
import { harness, transition } from './helpers.js';

const chain = [
  { action: 'mention' as const, after: 0, group: 'subteam^S1' },
  { action: 'dm' as const, after: 60_000, user: 'U1' },
  { action: 'page' as const, after: 180_000, manager: 'ana' },
];

function setup(steps: EscalationStep[] = chain, locale: Locale = 'en') {
  const h = harness({ ackWithin: 120_000, escalation: steps });
  const escalator = new Escalator({
    incidents: h.incidents,
    audit: h.audit,
    outbox: h.outbox,
    clock: h.clock,
    log: silentLogger(),
    chain: steps,
    localeFor: () => locale,
  });
  h.incidents.onTransition(transition('opened', 'api-health', 1));
  return { ...h, escalator };
}

describe('Escalator', () => {
  it('does nothing before the SLA is missed', () => {
    const s = setup();
    s.clock.advance(119_000);
    s.escalator.tick();
    expect(s.incidents.get(1)?.escalationLevel).toBe(0);
  });

  it('walks the chain: mention, DM, then a page to the manager, each once and recorded', () => {
    const s = setup();
    const channels = () =>
      s
        .sent()
        .filter((m) => m.thread === null && m.ref === null)
        .map((m) => m.channel);
    s.clock.advance(120_000);
    s.escalator.tick();
    s.escalator.tick();
    expect(channels()).toEqual(['alerts']);
    s.clock.advance(60_000);
    s.escalator.tick();
    s.clock.advance(120_000);
    s.escalator.tick();
    expect(channels()).toEqual(['alerts', 'slack-user:U1', 'manager:ana']);
    expect(s.incidents.get(1)?.escalationLevel).toBe(3);
    expect(
      s.incidents
        .events(1)
        .filter((e) => e.type === 'escalated')
        .map((e) => e.detail.action),
    ).toEqual(['mention', 'dm', 'page']);
    expect(s.audit.latest().filter((a) => a.action === 'escalate')).toHaveLength(3);
    expect(
      s.sent().find((m) => m.channel === 'alerts' && m.ref === null && m.thread === null)?.text,
    ).toContain('has not been acknowledged for 2 min');
  });

  it('shows configured names instead of Slack ids outside Slack and in the history', () => {
    const named = [
      { action: 'mention' as const, after: 0, group: 'subteam^S1', name: 'guardia-oncall' },
      { action: 'dm' as const, after: 0, user: 'U1', name: 'Lucía' },
    ];
    const { escalator, ...h } = setup(named, 'es-AR');
    h.clock.advance(120_000);
    escalator.tick();
    escalator.tick();
    const notice = h.sent().find((m) => m.channel === 'alerts' && !m.ref && !m.thread);
    expect(replaceMentions(notice?.text ?? '', mentionLabel)).toMatch(/^@guardia-oncall: el inc/);
    expect(
      h.incidents
        .events(1)
        .filter((e) => e.type === 'escalated')
        .map((e) => e.detail.to),
    ).toEqual(['guardia-oncall', 'Lucía']);
    expect(
      h.audit
        .latest()
        .filter((a) => a.action === 'escalate')
        .map((a) => a.params.to),
    ).toEqual(['U1', 'subteam^S1']);
  });

  it('stops once the incident is acknowledged, and survives a restart', () => {
    const s = setup();
    s.clock.advance(120_000);
    s.escalator.tick();
    s.incidents.acknowledge(1, 'ana');
    s.clock.advance(600_000);
    s.escalator.tick();
    expect(s.incidents.get(1)?.escalationLevel).toBe(1);
  });

  it('puts an undelivered page on the timeline once', () => {
    const s = setup();
    s.clock.advance(300_000);
    s.escalator.tick();
    s.db
      .prepare(`UPDATE outbox SET status = 'failed', last_error = 'no route for channel "manager:ana"'
      WHERE channel_key = 'manager:ana'`)
      .run();
    s.escalator.tick();
    s.escalator.tick();
    const undelivered = s.incidents.events(1).filter((e) => e.type === 'undelivered');
    expect(undelivered).toHaveLength(1);
    expect(undelivered[0]?.detail.error).toContain('no route');
  });
});
