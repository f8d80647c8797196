import { describe, expect, it } from 'vitest';
import { buildStatusSummary } from '../../src/sim/statuspage.js';
import { type ActiveFault, DEPENDENCIES, type StatusSummary } from '../../src/sim/types.js';

const NOW = '2025-06-01T12:00:00.000Z';
const COMPONENT_STATUSES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
];
const fault = (kind: ActiveFault['kind']): ActiveFault => ({
  id: `${kind}-1`,
  kind,
  options: {},
  since: '2025-06-01T11:59:00.000Z',
});

function expectStatuspageShape(summary: StatusSummary): void {
  expect(Object.keys(summary).sort()).toEqual(['components', 'incidents', 'page', 'status']);
  expect(summary.page).toMatchObject({ id: expect.any(String), name: expect.any(String) });
  expect(['none', 'minor', 'major', 'critical']).toContain(summary.status.indicator);
  expect(summary.status.description).toEqual(expect.any(String));
  expect(summary.components.length).toBeGreaterThan(0);
  for (const c of summary.components) {
    expect(c).toMatchObject({ id: expect.any(String), name: expect.any(String) });
    expect(COMPONENT_STATUSES).toContain(c.status);
  }
}

describe('buildStatusSummary', () => {
  it.each(DEPENDENCIES)('%s is operational with no faults', (dependency) => {
    const summary = buildStatusSummary(dependency, [], NOW);
    expectStatuspageShape(summary);
    expect(summary.status.indicator).toBe('none');
    expect(summary.components.every((c) => c.status === 'operational')).toBe(true);
    expect(summary.incidents).toEqual([]);
  });

  it.each([
    ['mercadopago', 'gateway-down'],
    ['notifications', 'dependency-outage'],
  ] as const)('%s shows a major incident under %s', (dependency, kind) => {
    const summary = buildStatusSummary(dependency, [fault(kind)], NOW);
    expectStatuspageShape(summary);
    expect(summary.status.indicator).toBe('major');
    expect(summary.components.some((c) => c.status === 'major_outage')).toBe(true);
    expect(summary.incidents).toHaveLength(1);
  });

  it('ignores faults of other dependencies', () => {
    const summary = buildStatusSummary('notifications', [fault('gateway-down')], NOW);
    expect(summary.status.indicator).toBe('none');
  });
});
