import { formatDuration, formatPercent } from '../../i18n/format.js';
import { defineCatalog, type Locale } from '../../i18n/locale.js';
import type { CheckDetail } from '../../monitors/types.js';
import { count, num, type PhraseTable, ratioAsWritten, text } from './reasons-facts.js';
import { valueProblem } from './reasons-probe.js';

// Business rates from counters, and uptime from stored checks. A parser's message and the
// configured metric, labels and target names are shown as written.
const t = defineCatalog({
  en: {
    rateLow: 'success rate {rate} < {threshold}, {attempts} attempts in {window}',
    countersNotJson: 'counters body is not JSON',
    notPrometheus: 'not Prometheus text format: {error}',
    noMetric: 'no metric {metric} in the exposition',
    noSeries: 'no series of {metric} matches {labels}',
    fewAttempts: 'not enough data ({attempts} attempts in {window})',
    withinNoise:
      '{rate} (below {threshold}) over only {attempts} attempts in {window}: too few to tell a drop from chance',
    uptimeLow: 'below {target}: {targets}',
    uptimeTarget: '{name} {day} 24 h / {week} 7 d ({checks} checks in 24 h)',
    fewChecks: 'not enough data (fewer than {min} checks in 24 h)',
  },
  'es-AR': {
    rateLow: 'tasa de éxito {rate} < {threshold}, {attempts} intentos en {window}',
    countersNotJson: 'el cuerpo de los contadores no es JSON',
    notPrometheus: 'no es formato de texto de Prometheus: {error}',
    noMetric: 'no está la métrica {metric} en la exposición',
    noSeries: 'ninguna serie de {metric} coincide con {labels}',
    fewAttempts: 'datos insuficientes ({attempts} intentos en {window})',
    withinNoise:
      '{rate} (debajo de {threshold}) en sólo {attempts} intentos en {window}: muy pocos para ' +
      'distinguir una caída del azar',
    uptimeLow: 'por debajo de {target}: {targets}',
    uptimeTarget: '{name} {day} en 24 h / {week} en 7 d ({checks} chequeos en 24 h)',
    fewChecks: 'datos insuficientes (menos de {min} chequeos en 24 h)',
  },
});

/** `412 attempts in 5 min`: the sample a rate was computed from. */
function sample(locale: Locale, d: CheckDetail): { attempts: string; window: string } | undefined {
  const [attempts, windowMs] = [count(locale, d.attempts), num(d.windowMs)];
  if (attempts === undefined || windowMs === undefined) return undefined;
  return { attempts, window: formatDuration(locale, windowMs) };
}

function uptimeTarget(locale: Locale, entry: unknown): string | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  const e = entry as Record<string, unknown>;
  const [name, day, week, checks] = [text(e.name), num(e.uptime24h), num(e.uptime7d), e.checks24h];
  if (name === undefined || day === undefined || week === undefined) return undefined;
  return t(locale, 'uptimeTarget', {
    name,
    day: formatPercent(locale, day, 2),
    week: formatPercent(locale, week, 2),
    checks: count(locale, checks) ?? '?',
  });
}

export const rateReasons: PhraseTable = {
  RATE_LOW: (locale, r, d) => rateFigures(locale, 'rateLow', r.value, d),

  RATE_SOURCE(locale, _r, d) {
    switch (d.because) {
      case 'countersNotJson':
        return t(locale, 'countersNotJson');
      case 'notNumber':
        return valueProblem(locale, d, 'notNumber');
      case 'notPrometheus': {
        const error = text(d.error);
        return error && t(locale, 'notPrometheus', { error });
      }
      case 'noMetric': {
        const metric = text(d.metric);
        return metric && t(locale, 'noMetric', { metric });
      }
      case 'noSeries': {
        const [metric, labels] = [text(d.metric), text(d.labels)];
        return metric && labels && t(locale, 'noSeries', { metric, labels });
      }
    }
    return undefined;
  },

  UPTIME_LOW(locale, _r, d) {
    const target = num(d.target);
    if (target === undefined || !Array.isArray(d.below)) return undefined;
    const targets = d.below.map((entry) => uptimeTarget(locale, entry));
    if (targets.length === 0 || targets.some((line) => line === undefined)) return undefined;
    return t(locale, 'uptimeLow', {
      target: ratioAsWritten(locale, target),
      targets: targets.join('; '),
    });
  },
};

/** A rate's ratio against its threshold, with the sample it comes from. */
function rateFigures(
  locale: Locale,
  key: 'rateLow' | 'withinNoise',
  value: number | undefined,
  d: CheckDetail,
): string | undefined {
  const [figures, threshold] = [sample(locale, d), num(d.threshold)];
  if (value === undefined || figures === undefined || threshold === undefined) return undefined;
  return t(locale, key, {
    ...figures,
    rate: formatPercent(locale, value),
    threshold: ratioAsWritten(locale, threshold),
  });
}

/**
 * A rate or uptime check with too little data to judge; it has no error code. `value` is the
 * ratio a rate read, for one below its threshold by no more than chance (`withinNoise`).
 */
export function insufficientReason(
  locale: Locale,
  d: CheckDetail,
  value?: number,
): string | undefined {
  switch (d.because) {
    case 'withinNoise':
      return rateFigures(locale, 'withinNoise', value, d);
    case 'fewAttempts': {
      const figures = sample(locale, d);
      return figures && t(locale, 'fewAttempts', figures);
    }
    case 'fewChecks': {
      const min = count(locale, d.minSamples);
      return min && t(locale, 'fewChecks', { min });
    }
  }
  return undefined;
}
