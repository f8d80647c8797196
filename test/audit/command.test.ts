import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit-log.js';
import { auditCommand } from '../../src/audit/command.js';
import { Router } from '../../src/bot/router.js';
import { silentLogger } from '../../src/core/logger.js';
import { openDatabase } from '../../src/store/db.js';

function setup() {
  const db = openDatabase({ path: ':memory:' });
  const audit = new AuditLog(db, { now: () => 1_750_000_000_000, monotonic: () => 0 });
  for (let i = 0; i < 3; i += 1) {
    audit.record({
      actor: 'ana',
      via: 'console',
      action: 'ack',
      subject: `incident:${i}`,
      result: 'ok',
    });
  }
  const router = new Router(silentLogger()).register(auditCommand(audit, 'UTC'));
  return (text: string) =>
    router.dispatch({
      text,
      caller: { id: 'console', groups: [], adapter: 'console' },
      locale: 'en',
    });
}

describe('audit command', () => {
  it.each(['audit -1', 'audit abc', 'audit 0', 'audit 101', 'audit 2.5', 'audit 3 4'])(
    '%s is a usage error',
    async (text) => {
      const reply = await setup()(text);
      expect(reply.doc.text).toContain('COMMAND_USAGE');
      expect(reply.doc.text).toContain('Usage: audit [N]');
    },
  );

  it.each([
    ['audit', 3],
    ['audit 2', 2],
  ])('%s lists the latest entries', async (text, n) => {
    const reply = await setup()(text);
    expect(reply.doc.text).toBe(`Audit log: latest ${n}`);
  });
});
