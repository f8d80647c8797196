import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit-log.js';
import { auditToCsv, auditToJson } from '../../src/audit/export.js';
import { openDatabase } from '../../src/store/db.js';

function setup() {
  const db = openDatabase({ path: ':memory:' });
  let now = Date.UTC(2025, 5, 1, 12);
  const audit = new AuditLog(db, { now: () => now++, monotonic: () => now });
  return { db, audit };
}

describe('AuditLog', () => {
  it('keeps entries newest first and refuses edits and deletes', () => {
    const { db, audit } = setup();
    audit.record({
      actor: 'ana',
      via: 'slack',
      action: 'ack',
      subject: 'incident:1',
      result: 'ok',
    });
    audit.record({
      actor: 'beto',
      via: 'console',
      action: 'run',
      subject: 'runbook:x',
      params: { a: 1 },
      result: 'started',
    });
    expect(audit.latest().map((r) => r.actor)).toEqual(['beto', 'ana']);
    expect(() => db.prepare(`UPDATE audit_log SET result = 'x'`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('exports CSV with quoting and JSON with ISO times', () => {
    const { audit } = setup();
    audit.record({
      actor: 'ana',
      via: 'slack',
      action: 'note',
      subject: 'incident:1',
      params: { text: 'a, "b"' },
      result: 'ok',
    });
    const csv = auditToCsv(audit.all());
    expect(csv.split('\r\n')[0]).toBe('id,at,actor,via,action,subject,params,result');
    expect(csv.split('\r\n')[1]).toBe(
      '1,2025-06-01T12:00:00.000Z,ana,slack,note,incident:1,"{""text"":""a, \\""b\\""""}",ok',
    );
    expect(JSON.parse(auditToJson(audit.all()))[0]).toMatchObject({
      actor: 'ana',
      atIso: '2025-06-01T12:00:00.000Z',
    });
  });
});
