import { describe, expect, it } from 'vitest';
import type { IncidentRecord } from '../../src/incidents/store.js';
import { incidentTarget } from '../../src/runbooks/incident-target.js';
import { runbookSchema } from '../../src/runbooks/schema.js';

const runbook = runbookSchema.parse({
  id: 'retry-failed-payments',
  title: { en: 'Retry', 'es-AR': 'Reintentar' },
  description: { en: 'd', 'es-AR': 'd' },
  params: { monitor: { default: 'api-payments' } },
  allowed: { users: ['console'] },
  suggestFor: { targets: ['payment*'] },
  steps: [{ type: 'wait', duration: '1s' }],
});

function incident(targetId: string): IncidentRecord {
  return {
    id: 2,
    kind: 'rate/rate_low',
    targetId,
    title: targetId,
    severity: 'critical',
    status: 'open',
    channelKey: 'alerts',
    openedAt: 0,
    acknowledgedAt: undefined,
    acknowledgedBy: undefined,
    resolvedAt: undefined,
    resolvedBy: undefined,
    escalationLevel: 0,
    autoAttempts: 0,
  };
}

describe('incidentTarget', () => {
  // The incident opened on the MercadoPago rate, then the overall rate it depends on failed too
  // and became its main target: the run must heal the cause, not the first alert.
  const targets = [
    { targetId: 'payments-mercadopago', open: true },
    { targetId: 'payments-success', open: true },
  ];

  it("prefers the incident's main target while it fails", () => {
    expect(incidentTarget(runbook, incident('payments-success'), targets)).toBe('payments-success');
  });

  it('falls back to the first failing match once the main target recovered', () => {
    const recovered = [targets[0]!, { targetId: 'payments-success', open: false }];
    expect(incidentTarget(runbook, incident('payments-success'), recovered)).toBe(
      'payments-mercadopago',
    );
  });
});
