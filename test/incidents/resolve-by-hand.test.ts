import { describe, expect, it } from 'vitest';
import { AlertEngine } from '../../src/alerts/engine.js';
import { AlertStore } from '../../src/alerts/store.js';
import { AuditLog } from '../../src/audit/audit-log.js';
import { incidentsConfigSchema } from '../../src/config/incidents.js';
import { silentLogger } from '../../src/core/logger.js';
import { IncidentService } from '../../src/incidents/service.js';
import { IncidentStore } from '../../src/incidents/store.js';
import { Outbox } from '../../src/outbox/outbox.js';
import { openDatabase } from '../../src/store/db.js';
import { FakeClock, target } from './helpers.js';

describe('resolving an incident by hand while its target still fails', () => {
  it('closes its alert and opens a new incident after failuresToOpen more failures', () => {
    const db = openDatabase({ path: ':memory:' });
    const clock = new FakeClock();
    const engine = new AlertEngine({
      store: new AlertStore(db),
      clock,
      log: silentLogger(),
      policy: { failuresToOpen: 3, successesToResolve: 2, remindEveryMs: 600_000 },
    });
    const incidents = new IncidentService({
      store: new IncidentStore(db),
      audit: new AuditLog(db, clock),
      outbox: new Outbox(db, clock),
      clock,
      log: silentLogger(),
      config: incidentsConfigSchema.parse({}),
      timeZone: 'UTC',
      localeFor: () => 'en',
      targetName: (id) => id,
      suggest: () => undefined,
      dismissAlert: (id) => engine.dismiss(id),
    });
    engine.onTransition((t) => incidents.onTransition(t));
    const api = target('api');
    const fail = (times: number) => {
      for (let i = 0; i < times; i += 1) {
        clock.advance(5_000);
        engine.observe(api, { ok: false, code: 'PROBE_STATUS', reason: 'status 503' });
      }
    };
    fail(3);
    expect(incidents.open().map((i) => i.id)).toEqual([1]);
    expect(incidents.resolve(1, 'ana').ok).toBe(true);
    expect(engine.store.open()).toEqual([]);
    expect(incidents.store.alertTargets(1)).toEqual([{ targetId: 'api', open: false }]);
    fail(2);
    expect(incidents.open()).toEqual([]);
    fail(1);
    expect(incidents.open().map((i) => i.id)).toEqual([2]);
  });
});
