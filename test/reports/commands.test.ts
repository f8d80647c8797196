import { describe, expect, it } from 'vitest';
import { GuardiaError } from '../../src/core/errors.js';
import { parseMarketArgs } from '../../src/reports/commands.js';

const DAY = 86_400_000;

describe('market arguments', () => {
  it.each([
    [['AR-X', '7d'], { province: 'AR-X', windowMs: 7 * DAY }],
    [['24h', 'cordoba'], { province: 'AR-X', windowMs: DAY }],
    [['365d'], { windowMs: 365 * DAY }],
    [[], {}],
  ])('reads %j', (args, query) => {
    expect(parseMarketArgs('en', args)).toEqual(query);
  });

  it.each([['99999d'], ['366d'], ['0d'], ['30m'], ['1h30m'], ['narnia']])(
    'refuses %s with REPORT_ARGS',
    (word) => {
      let error: unknown;
      try {
        parseMarketArgs('es-AR', ['AR-X', word]);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(GuardiaError);
      expect(error).toMatchObject({ code: 'REPORT_ARGS', message: expect.stringContaining(word) });
    },
  );
});
