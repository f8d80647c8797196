import { describe, expect, it } from 'vitest';
import { infrastructureScore } from '../../src/reports/infrastructure.js';
import type { Db } from '../../src/store/db.js';
import { fixtureDb, NOW } from './fixture.js';

const MIN = 60_000;
const window = { from: NOW - 24 * 60 * MIN, to: NOW };
const options = {
  targets: [{ id: 'api', baseline: 100, threshold: 200 }],
  minSample: 2,
  ackTarget: 15 * MIN,
  recoveryTarget: 30 * MIN,
};

const component = (db: Db, id: string) =>
  infrastructureScore(db, window, options).components.find((c) => c.id === id);

function addIncident(
  db: Db,
  i: { opened: number; acked?: number; resolved?: number; alerts?: number },
): void {
  const id = db
    .prepare(`INSERT INTO incidents (kind, target_id, title, severity, status, channel_key,
        opened_at, acknowledged_at, resolved_at)
      VALUES ('http/down', 'api', 'API', 'critical', ?, 'alerts', ?, ?, ?)`)
    .run(
      i.resolved ? 'resolved' : 'open',
      i.opened,
      i.acked ?? null,
      i.resolved ?? null,
    ).lastInsertRowid;
  // Every incident folds several alerts; readiness must count the incident once.
  for (let a = 0; a < (i.alerts ?? 3); a++) {
    const alert = db
      .prepare(`INSERT INTO alerts (target_id, kind, severity, status, reason, opened_at,
          resolved_at, last_notified_at) VALUES (?, 'down', 'critical', ?, 'x', ?, ?, ?)`)
      .run(
        `api-${id}-${a}`,
        i.resolved ? 'resolved' : 'open',
        i.opened,
        i.resolved ?? null,
        i.opened,
      ).lastInsertRowid;
    db.prepare(
      'INSERT INTO incident_alerts (incident_id, alert_id, target_id, open) VALUES (?, ?, ?, ?)',
    ).run(id, alert, 'api', i.resolved ? 0 : 1);
  }
}

describe('infrastructure score', () => {
  it('counts open problems and recoveries by incident, not by folded alert', () => {
    const { db } = fixtureDb();
    addIncident(db, { opened: NOW - 120 * MIN, acked: NOW - 118 * MIN, resolved: NOW - 100 * MIN });
    addIncident(db, { opened: NOW - 90 * MIN, acked: NOW - 88 * MIN, resolved: NOW - 20 * MIN });
    addIncident(db, { opened: NOW - 10 * MIN });
    expect(component(db, 'open')).toMatchObject({ value: 1 });
    expect(component(db, 'recovery')).toMatchObject({ value: 0.5, sample: 2 });
    db.close();
  });

  it('falls back to alerts without an incidents table', () => {
    const { db } = fixtureDb({ incidents: false });
    db.prepare(`INSERT INTO alerts (target_id, kind, severity, status, reason, opened_at,
        last_notified_at) VALUES ('api', 'down', 'critical', 'open', 'x', ?, ?)`).run(NOW, NOW);
    expect(component(db, 'open')).toMatchObject({ value: 1 });
    db.close();
  });

  it('averages every measured latency, slow failed probes included', () => {
    const { db } = fixtureDb();
    const insert = db.prepare('INSERT INTO samples (target_id, at, ok, value) VALUES (?, ?, ?, ?)');
    for (let i = 0; i < 10; i++) insert.run('api', NOW - (i + 1) * MIN, 0, 450);
    insert.run('api', NOW - 11 * MIN, 1, 2);
    insert.run('api', NOW - 12 * MIN, 0, null);
    const latency = component(db, 'latency');
    expect(latency?.value).toBeCloseTo((10 * 450 + 2) / 11, 6);
    expect(latency?.score).toBe(0);
    db.close();
  });

  it('judges acknowledgements over every incident whose deadline passed', () => {
    const { db } = fixtureDb();
    addIncident(db, { opened: NOW - 200 * MIN, acked: NOW - 195 * MIN }); // on time
    addIncident(db, { opened: NOW - 100 * MIN, acked: NOW - 60 * MIN }); // late
    addIncident(db, { opened: NOW - 50 * MIN }); // never: escalated
    addIncident(db, { opened: NOW - 5 * MIN }); // still inside its deadline
    addIncident(db, { opened: NOW - 80 * MIN, resolved: NOW - 78 * MIN }); // healed unasked
    expect(component(db, 'response')).toMatchObject({ value: 1 / 3, sample: 3 });
    db.close();
  });
});
