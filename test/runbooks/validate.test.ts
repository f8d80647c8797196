import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { escalationProblems, monitorIds, runbookProblems } from '../../src/runbooks/validate.js';

function config(raw: Record<string, unknown>) {
  const parsed = parseConfig(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config;
}

describe('runbook and escalation references', () => {
  it('knows every monitor id of a config', () => {
    const c = config({ targets: [{ id: 'a', url: 'http://127.0.0.1:1/' }] });
    expect([...monitorIds(c)]).toEqual(['a', 'uptime']);
  });

  it('accepts the bundled runbooks with the bundled example monitors', () => {
    const c = config({
      targets: ['api-health', 'api-payments', 'api-bookings', 'db-health', 'db-queries'].map(
        (id) => ({ id, url: 'http://127.0.0.1:1/' }),
      ),
    });
    const { errors } = runbookProblems(c);
    expect(errors).toEqual([]);
  });

  it('warns about monitors a runbook names that the config lacks', () => {
    const c = config({ targets: [{ id: 'mine', url: 'http://127.0.0.1:1/' }] });
    const { warnings } = runbookProblems(c);
    expect(warnings.some((w) => w.message.startsWith('no monitor "api-health"'))).toBe(true);
  });

  it('names a page to a manager that is not configured', () => {
    const c = config({
      incidents: { escalation: [{ action: 'page', after: '1m', manager: 'nobody' }] },
    });
    expect(escalationProblems(c)).toEqual([
      {
        path: 'incidents.escalation[0].manager',
        message: 'no manager "nobody" under managers: (known: none)',
      },
    ]);
  });
});
