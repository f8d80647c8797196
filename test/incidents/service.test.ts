import { describe, expect, it } from 'vitest';
import { harness, transition } from './helpers.js';

describe('IncidentService', () => {
  it('opens one incident per alert, announced as one message edited in place', () => {
    const h = harness();
    h.incidents.onTransition(transition('opened', 'api-health', 1));
    const [incident] = h.incidents.open();
    expect(incident).toMatchObject({
      id: 1,
      targetId: 'api-health',
      status: 'open',
      kind: 'http/probe_slow',
    });
    const sent = h.sent();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: 'alerts', op: 'update', ref: 'incident:1' });
  });

  it('folds alerts of related targets into the open incident and posts in its thread', () => {
    const h = harness({
      dependsOn: { 'api-services': ['api-health'], 'api-auth': ['api-health'] },
    });
    h.incidents.onTransition(transition('opened', 'api-services', 1));
    h.incidents.onTransition(transition('opened', 'api-auth', 2));
    h.incidents.onTransition(transition('opened', 'db-health', 3));
    expect(h.incidents.open().map((i) => i.targetId)).toEqual(['api-services', 'db-health']);
    expect(h.incidents.store.alertTargets(1).map((a) => a.targetId)).toEqual([
      'api-services',
      'api-auth',
    ]);
    expect(
      h
        .sent()
        .filter((m) => m.thread === 'incident:1')
        .map((m) => m.text),
    ).toEqual(['#1 · folded in: Target api-auth failing too (slow)']);
  });

  it('names the incident after the target the others depend on once it fails too', () => {
    const h = harness({
      dependsOn: { 'api-auth': ['api-gateway'], 'api-gateway': ['api-health'] },
    });
    h.incidents.onTransition(transition('opened', 'api-auth', 1));
    h.incidents.onTransition(transition('opened', 'api-health', 2));
    // Upstream of the incident's target: the cause, not one more symptom.
    h.incidents.onTransition(transition('opened', 'api-gateway', 3));
    const [incident] = h.incidents.open();
    expect(incident).toMatchObject({ targetId: 'api-health', title: 'Target api-health' });
    expect(h.incidents.store.alertTargets(1).map((a) => a.targetId)).toEqual([
      'api-auth',
      'api-health',
      'api-gateway',
    ]);
    expect(
      h
        .sent()
        .filter((m) => m.thread === 'incident:1')
        .map((m) => m.text),
    ).toEqual([
      '#1 · folded in: Target api-health failing too (slow); Target api-auth depends on it, ' +
        'so it is the probable cause',
      '#1 · folded in: Target api-gateway failing too (slow)',
    ]);
  });

  it('resolves only when every folded alert has recovered', () => {
    const h = harness({ dependsOn: { b: ['a'] } });
    h.incidents.onTransition(transition('opened', 'a', 1));
    h.incidents.onTransition(transition('opened', 'b', 2));
    h.incidents.onTransition(transition('resolved', 'a', 1));
    expect(h.incidents.get(1)?.status).toBe('open');
    h.incidents.onTransition(transition('resolved', 'b', 2));
    expect(h.incidents.get(1)).toMatchObject({ status: 'resolved', resolvedBy: 'guardia' });
  });

  it('lets the first ack win, stops escalation and audits both attempts', () => {
    const h = harness({ escalation: [{ action: 'mention', after: 0, group: 'subteam^S1' }] });
    h.incidents.onTransition(transition('opened', 'a', 1));
    expect(h.incidents.store.pendingEscalations(1)).toHaveLength(1);
    expect(h.incidents.acknowledge(1, 'ana', 'slack').ok).toBe(true);
    expect(h.incidents.acknowledge(1, 'beto', 'slack')).toMatchObject({
      ok: false,
      reason: 'already',
    });
    expect(h.incidents.get(1)).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'ana' });
    expect(h.incidents.store.pendingEscalations(1)).toEqual([]);
    expect(h.audit.latest().map((a) => [a.actor, a.action, a.result])).toEqual([
      ['beto', 'ack', 'already'],
      ['ana', 'ack', 'ok'],
    ]);
    expect(h.incidents.acknowledge(99, 'ana').ok).toBe(false);
  });

  it('records notes on the timeline and in the thread', () => {
    const h = harness();
    h.incidents.onTransition(transition('opened', 'a', 1));
    h.incidents.addNote(1, 'ana', 'gateway restarted by hand', 'whatsapp');
    expect(h.incidents.events(1).map((e) => e.type)).toEqual(['opened', 'note']);
    expect(h.sent().at(-1)).toMatchObject({
      thread: 'incident:1',
      text: '#1 · note from ana: gateway restarted by hand',
    });
  });

  it('keeps recording but announces nothing while a target is silenced', () => {
    const h = harness({ escalation: [{ action: 'dm', after: 0, user: 'U1' }] });
    h.incidents.silence('api-*', h.clock.now() + 60_000, 'ana', 'console');
    h.incidents.onTransition(transition('opened', 'api-health', 1));
    expect(h.sent()).toEqual([]);
    expect(h.incidents.events(1).map((e) => e.type)).toEqual(['suppressed', 'opened']);
    expect(h.incidents.store.pendingEscalations(1)).toEqual([]);
    h.clock.advance(61_000);
    h.incidents.addNote(1, 'ana', 'back');
    expect(h.sent()).toHaveLength(2);
  });

  it('announces an incident that opened in a silence once it ends, and starts its clock then', () => {
    const h = harness({ ackWithin: 120_000, escalation: [{ action: 'dm', after: 0, user: 'U1' }] });
    h.incidents.silence('api-*', h.clock.now() + 60_000, 'ana', 'console');
    h.incidents.onTransition(transition('opened', 'api-health', 1));
    h.incidents.releaseQuiet();
    expect(h.sent()).toEqual([]);
    h.clock.advance(61_000);
    h.incidents.releaseQuiet();
    const released = h.clock.now();
    expect(h.sent().map((m) => m.text)).toEqual([
      expect.stringContaining('Incident #1'),
      '#1 · the quiet period is over: announced now, and the response clock starts',
    ]);
    expect(h.incidents.store.pendingEscalations(1).map((e) => e.dueAt)).toEqual([
      released + 120_000,
    ]);
    // Once is enough: the next ticks change nothing.
    h.incidents.releaseQuiet();
    expect(h.sent()).toHaveLength(2);
  });

  it('resumes the escalation a silence cancelled once the silence ends', () => {
    const h = harness({ ackWithin: 60_000, escalation: [{ action: 'dm', after: 0, user: 'U1' }] });
    h.incidents.onTransition(transition('opened', 'api-health', 1));
    expect(h.incidents.store.pendingEscalations(1)).toHaveLength(1);
    h.incidents.silence('api-*', h.clock.now() + 120_000, 'ana', 'console');
    expect(h.incidents.store.pendingEscalations(1)).toEqual([]);
    h.clock.advance(121_000);
    h.incidents.releaseQuiet();
    expect(h.sent().at(-1)?.text).toBe('#1 · the silence is over: escalation resumes');
    expect(h.incidents.store.pendingEscalations(1).map((e) => e.dueAt)).toEqual([h.clock.now()]);
  });

  it('keeps recording but announces nothing during a maintenance window', () => {
    const h = harness({
      maintenance: [
        { name: 'deploy', targets: ['*'], start: '2025-06-02 11:30', end: '2025-06-02 12:30' },
      ],
    });
    h.incidents.onTransition(transition('opened', 'a', 1));
    expect(h.sent()).toEqual([]);
    expect(h.incidents.events(1)[0]?.detail).toEqual({ reason: 'maintenance', name: 'deploy' });
  });
});
