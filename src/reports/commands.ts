import { PROVINCES } from '../analytics/census.js';
import type { CommandSpec } from '../bot/router.js';
import { parseDuration } from '../config/duration.js';
import { GuardiaError } from '../core/errors.js';
import type { Locale } from '../i18n/locale.js';
import type { MarketQuery, ReportService } from './service.js';

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** `AR-X`, `x` or a province name such as `cordoba` → `AR-X`. */
export function provinceCode(word: string): string | undefined {
  const w = fold(word);
  const found = PROVINCES.find(
    (p) => fold(p.code) === w || fold(p.code.slice(3)) === w || fold(p.name) === w,
  );
  return found?.code;
}

/** The longest market window: the rollups behind it are days, and a year covers any plan. */
export const MAX_WINDOW_MS = 365 * 86_400_000;

/** Rollups are hourly, so a window is whole hours or days (`24h`, `7d`), 1h to 365d. */
function marketWindow(locale: Locale, word: string): number | undefined {
  const ms = parseDuration(word);
  if (ms === undefined) return undefined;
  if (/^\d+[hd]$/.test(word.trim()) && ms >= 3_600_000 && ms <= MAX_WINDOW_MS) return ms;
  throw new GuardiaError(
    'REPORT_ARGS',
    locale === 'en'
      ? `window "${word}" must be whole hours or days between 1h and 365d (e.g. 24h, 7d, 30d)`
      : `la ventana "${word}" debe ser de horas o días enteros, entre 1h y 365d (p. ej. 24h, 7d, 30d)`,
  );
}

/** Reads `[province] [window]` in any order, e.g. `AR-X 7d`, `24h`, `cordoba`. */
export function parseMarketArgs(locale: Locale, args: string[]): MarketQuery {
  const query: MarketQuery = {};
  for (const word of args) {
    const ms = marketWindow(locale, word);
    const code = ms === undefined ? provinceCode(word) : undefined;
    if (ms !== undefined) query.windowMs = ms;
    else if (code) query.province = code;
    else {
      throw new GuardiaError(
        'REPORT_ARGS',
        locale === 'en'
          ? `"${word}" is neither a province (AR-X, cordoba) nor a window (24h, 7d, 30d)`
          : `"${word}" no es una provincia (AR-X, cordoba) ni una ventana (24h, 7d, 30d)`,
      );
    }
  }
  return query;
}

export function marketCommand(service: () => ReportService): CommandSpec {
  return {
    name: 'market',
    aliases: ['mercado'],
    usage: '[province] [window]',
    summary: {
      en: 'cultural adoption score and market report (e.g. market AR-X 7d)',
      'es-AR': 'puntaje de adopción cultural e informe de mercado (p. ej. mercado AR-X 7d)',
    },
    sideEffects: false,
    run: async (ctx, args) => {
      const query = parseMarketArgs(ctx.locale, args);
      return { doc: service().marketDoc(ctx.locale, query), visibility: 'channel' };
    },
  };
}

export function readinessCommand(service: () => ReportService): CommandSpec {
  return {
    name: 'readiness',
    aliases: ['preparacion'],
    summary: {
      en: 'infrastructure, market and template readiness with recommendations',
      'es-AR': 'preparación de infraestructura, mercado y plantilla, con recomendaciones',
    },
    sideEffects: false,
    run: async (ctx) => ({ doc: service().readinessDoc(ctx.locale), visibility: 'channel' }),
  };
}
