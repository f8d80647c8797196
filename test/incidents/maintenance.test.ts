import { describe, expect, it } from 'vitest';
import { maintenanceSchema } from '../../src/config/incidents.js';
import { activeMaintenance, windowCovers, zonedToEpoch } from '../../src/incidents/maintenance.js';
import { relatedTargets } from '../../src/incidents/related.js';

const TZ = 'America/Argentina/Buenos_Aires';
const at = (local: string) => zonedToEpoch(local, TZ);

describe('maintenance windows', () => {
  it('reads local times in the configured zone (UTC-3)', () => {
    expect(new Date(at('2025-06-01 02:00')).toISOString()).toBe('2025-06-01T05:00:00.000Z');
  });

  const cases: Array<[string, object, string, boolean]> = [
    [
      'one-off inside',
      { start: '2025-06-01 02:00', end: '2025-06-01 03:00' },
      '2025-06-01 02:30',
      true,
    ],
    [
      'one-off at end',
      { start: '2025-06-01 02:00', end: '2025-06-01 03:00' },
      '2025-06-01 03:00',
      false,
    ],
    ['daily inside', { from: '04:00', to: '04:30' }, '2025-06-03 04:10', true],
    ['daily outside', { from: '04:00', to: '04:30' }, '2025-06-03 04:31', false],
    [
      'sunday only, on sunday',
      { days: ['sun'], from: '04:00', to: '04:30' },
      '2025-06-01 04:10',
      true,
    ],
    [
      'sunday only, on monday',
      { days: ['sun'], from: '04:00', to: '04:30' },
      '2025-06-02 04:10',
      false,
    ],
    [
      'over midnight, evening',
      { days: ['sat'], from: '23:00', to: '01:00' },
      '2025-05-31 23:30',
      true,
    ],
    [
      'over midnight, morning after',
      { days: ['sat'], from: '23:00', to: '01:00' },
      '2025-06-01 00:30',
      true,
    ],
    [
      'over midnight, wrong day',
      { days: ['sat'], from: '23:00', to: '01:00' },
      '2025-06-02 00:30',
      false,
    ],
  ];
  it.each(cases)('%s', (_name, window, local, expected) => {
    const parsed = maintenanceSchema.parse({ name: 'w', ...window });
    expect(windowCovers(parsed, at(local), TZ)).toBe(expected);
  });

  it('matches targets by glob and names the window', () => {
    const w = maintenanceSchema.parse({
      name: 'deploy',
      targets: ['api-*'],
      from: '00:00',
      to: '23:59',
    });
    expect(activeMaintenance([w], 'api-health', at('2025-06-01 10:00'), TZ)).toBe('deploy');
    expect(activeMaintenance([w], 'db-health', at('2025-06-01 10:00'), TZ)).toBeUndefined();
  });

  it('rejects a window that is neither one-off nor recurring', () => {
    expect(maintenanceSchema.safeParse({ name: 'x', from: '04:00' }).success).toBe(false);
    expect(
      maintenanceSchema.safeParse({
        name: 'x',
        start: '2025-06-01 02:00',
        from: '04:00',
        to: '05:00',
      }).success,
    ).toBe(false);
  });
});

describe('relatedTargets', () => {
  it('connects targets through dependsOn in both directions, transitively', () => {
    const deps = { a: ['root'], b: ['root'], pay: ['mp'] };
    expect(relatedTargets(deps, 'a').sort()).toEqual(['a', 'b', 'root']);
    expect(relatedTargets(deps, 'mp').sort()).toEqual(['mp', 'pay']);
    expect(relatedTargets(deps, 'alone')).toEqual(['alone']);
  });
});
