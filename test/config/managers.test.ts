import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';

const base = { channels: { alerts: {} } };

describe('managers config', () => {
  it.each([
    ['+54 9 11 5555-0123', '+5491155550123'],
    ['011 15 5555-0123', '+5491155550123'],
    ['+54 11 15 5555 0123', '+5491155550123'],
    ['0351 15-555-1234', '+5493515551234'],
    ['+1 415 555 2671', '+14155552671'],
  ])('normalises %s to %s', (phone, e164) => {
    const result = parseConfig({ ...base, managers: [{ id: 'ana', name: 'Ana', phone }] });
    expect(result.ok && result.config.managers[0]?.phone).toBe(e164);
  });

  it('reports an invalid phone and a bad schedule with their paths', () => {
    const result = parseConfig({
      ...base,
      managers: [
        { id: 'ana', name: 'Ana', phone: '+5491155550123' },
        { id: 'bo', name: 'Bo', phone: '12345', digest: 'every day' },
      ],
    });
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['managers[1].phone', 'managers[1].digest']));
  });

  it('defaults to es-AR and pages on', () => {
    const result = parseConfig({
      ...base,
      managers: [{ id: 'ana', name: 'Ana', phone: '+5491155550123' }],
    });
    expect(result.ok && result.config.managers[0]).toMatchObject({ locale: 'es-AR', pages: true });
  });
});
