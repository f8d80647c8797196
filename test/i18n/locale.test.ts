import { describe, expect, it } from 'vitest';
import { defineCatalog } from '../../src/i18n/locale.js';

const t = defineCatalog({
  en: { window: 'errors {errors} over {count|the last check|the last # checks}', plain: '{a} {b}' },
  'es-AR': {
    window: 'errores {errors} en {count|el último chequeo|los últimos # chequeos}',
    plain: '{a} {b}',
  },
});

describe('defineCatalog', () => {
  it.each([
    ['en', 1, 'errors 0% over the last check'],
    ['en', 3, 'errors 0% over the last 3 checks'],
    ['en', 0, 'errors 0% over the last 0 checks'],
    ['es-AR', 1, 'errores 0% en el último chequeo'],
    ['es-AR', 50, 'errores 0% en los últimos 50 chequeos'],
    // Already formatted: only an exact "1" is singular, never "1.000".
    ['es-AR', '1.000', 'errores 0% en los últimos 1.000 chequeos'],
    ['es-AR', '1', 'errores 0% en el último chequeo'],
  ] as const)('%s with count %j', (locale, count, expected) => {
    expect(t(locale, 'window', { errors: '0%', count })).toBe(expected);
  });

  it('leaves a placeholder without its parameter as written', () => {
    expect(t('en', 'window', { errors: '1%' })).toBe(
      'errors 1% over {count|the last check|the last # checks}',
    );
    expect(t('en', 'plain', { a: 'x' })).toBe('x {b}');
  });
});
