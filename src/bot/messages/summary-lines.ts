import type { AlertRecord } from '../../alerts/store.js';
import { formatDuration, formatNumber, formatPercent } from '../../i18n/format.js';
import { defineCatalog, type Locale } from '../../i18n/locale.js';
import type { Share, TargetRow } from '../../summaries/snapshot.js';
import { formatValue } from './alerts.js';
import { plain } from './doc.js';
import { localReason } from './reasons.js';

export const st = defineCatalog({
  en: {
    endpoints: 'Endpoints',
    rates: 'Business rates',
    others: 'Database, dependencies and real time',
    openAlerts: 'Open alerts',
    noAlerts: 'No open alerts.',
    changes: 'Since the last summary',
    noChanges: 'Nothing changed since the last summary.',
    firstSummary: 'First summary since guardia started: changes are listed from the next one.',
    noChecks: 'no checks yet',
    insufficient: 'not enough data yet',
    endpointLine:
      '{emoji} *{name}* — avg {avg} · {count|1 check|# checks}, {failures} failed in {period}',
    uptime: 'uptime 24 h {ratio} ({count|1 check|# checks})',
    rateLine:
      '{emoji} *{name}* {value} (alert below {threshold}) · {attempts} attempts in {window}',
    rateLow: 'not enough data ({attempts} attempts in {window})',
    otherLine: '{emoji} *{name}* — {state}',
    failing: 'failing: {reason}',
    healthy: 'healthy',
    alertLine: '*{name}* — open {duration}; opened on: {reason}',
    more: '…and {count} more healthy',
    opened: '🔴 {name}: alert opened — {reason}',
    resolved: '✅ {name}: alert resolved after {duration}',
    flipBad: '🟠 {name} started failing: {reason}',
    flipGood: '🟢 {name} is healthy again',
    trendUp: 'worse',
    trendDown: 'better',
    trendFlat: 'steady',
    trend:
      'failed checks {last} in the last hour ({lastCount|1 check|# checks}) vs {prev} the hour before — {word}',
    trendNone: 'not enough data for a trend yet',
  },
  'es-AR': {
    endpoints: 'Endpoints',
    rates: 'Tasas del negocio',
    others: 'Base de datos, dependencias y tiempo real',
    openAlerts: 'Alertas abiertas',
    noAlerts: 'No hay alertas abiertas.',
    changes: 'Desde el último resumen',
    noChanges: 'Nada cambió desde el último resumen.',
    firstSummary:
      'Primer resumen desde que arrancó guardia: los cambios se listan a partir del próximo.',
    noChecks: 'todavía sin chequeos',
    insufficient: 'todavía sin datos suficientes',
    endpointLine:
      '{emoji} *{name}* — prom. {avg} · {count|1 chequeo|# chequeos}, {failures} fallidos en {period}',
    uptime: 'disponibilidad 24 h {ratio} ({count|1 chequeo|# chequeos})',
    rateLine:
      '{emoji} *{name}* {value} (alerta debajo de {threshold}) · {attempts} intentos en {window}',
    rateLow: 'datos insuficientes ({attempts} intentos en {window})',
    otherLine: '{emoji} *{name}* — {state}',
    failing: 'fallando: {reason}',
    healthy: 'bien',
    alertLine: '*{name}* — abierta hace {duration}; se abrió por: {reason}',
    more: '…y {count} más, bien',
    opened: '🔴 {name}: se abrió una alerta — {reason}',
    resolved: '✅ {name}: se resolvió la alerta después de {duration}',
    flipBad: '🟠 {name} empezó a fallar: {reason}',
    flipGood: '🟢 {name} volvió a estar bien',
    trendUp: 'peor',
    trendDown: 'mejor',
    trendFlat: 'estable',
    trend:
      'chequeos fallidos {last} en la última hora ({lastCount|1 chequeo|# chequeos}) contra {prev} la ' +
      'hora anterior — {word}',
    trendNone: 'todavía no hay datos suficientes para una tendencia',
  },
});

export function emojiFor(row: TargetRow): string {
  if (row.alert) return '🔴';
  if (row.ok === undefined || row.insufficient) return '⚪';
  return row.ok ? '🟢' : '🟠';
}

export function endpointLine(locale: Locale, row: TargetRow, periodMs: number): string {
  const name = plain(row.target.name);
  if (row.ok === undefined) return `⚪ *${name}* — ${st(locale, 'noChecks')}`;
  const line = st(locale, 'endpointLine', {
    emoji: emojiFor(row),
    name,
    avg: formatValue(locale, row.target, row.period.avg),
    count: formatNumber(locale, row.period.count, 0),
    failures: formatNumber(locale, row.period.failures, 0),
    period: formatDuration(locale, periodMs),
  });
  const uptime = row.uptime24h
    ? ` · ${st(locale, 'uptime', {
        ratio: formatPercent(locale, row.uptime24h.ratio, 2),
        count: formatNumber(locale, row.uptime24h.count, 0),
      })}`
    : '';
  const failing = row.ok
    ? ''
    : `\n    ${st(locale, 'failing', { reason: plain(reasonOf(locale, row)) })}`;
  return line + uptime + failing;
}

/** A rate always shows its sample: attempts and the window they were counted in. */
export function rateLine(locale: Locale, row: TargetRow): string {
  const name = plain(row.target.name);
  const r = row.rate;
  if (row.ok === undefined || !r) return `⚪ *${name}* — ${st(locale, 'noChecks')}`;
  const window = formatDuration(locale, r.windowMs);
  const attempts = formatNumber(locale, r.attempts, 0);
  if (r.insufficient) {
    const why =
      (row.result && localReason(locale, row.result)) ??
      st(locale, 'rateLow', { attempts, window });
    return `⚪ *${name}* — ${plain(why)}`;
  }
  return st(locale, 'rateLine', {
    emoji: emojiFor(row),
    name,
    value: row.value === undefined ? '—' : formatPercent(locale, row.value),
    threshold: formatPercent(locale, r.threshold, Number.isInteger(r.threshold * 100) ? 0 : 1),
    attempts,
    window,
  });
}

export function otherLine(locale: Locale, row: TargetRow): string {
  const name = plain(row.target.name);
  if (row.ok === undefined) return `⚪ *${name}* — ${st(locale, 'noChecks')}`;
  if (row.insufficient) return `⚪ *${name}* — ${st(locale, 'insufficient')}`;
  const value = row.value === undefined ? '' : ` · ${formatValue(locale, row.target, row.value)}`;
  const state = row.ok
    ? st(locale, 'healthy')
    : st(locale, 'failing', { reason: plain(reasonOf(locale, row)) });
  return st(locale, 'otherLine', { emoji: emojiFor(row), name, state }) + value;
}

export function alertLine(locale: Locale, alert: AlertRecord, name: string, now: number): string {
  return st(locale, 'alertLine', {
    name: plain(name),
    reason: plain((alert.cause && localReason(locale, alert.cause)) ?? alert.reason),
    duration: formatDuration(locale, now - alert.openedAt),
  });
}

/** Lines with problems first, then healthy ones up to `max`, then a count of the rest. */
export function capped(
  locale: Locale,
  rows: TargetRow[],
  max: number,
  line: (row: TargetRow) => string,
): string[] {
  const bad = rows.filter((r) => r.alert || r.ok === false);
  const good = rows.filter((r) => !(r.alert || r.ok === false));
  const shown = [...bad, ...good].slice(0, Math.max(max, bad.length));
  const lines = shown.map(line);
  const rest = rows.length - shown.length;
  if (rest > 0) lines.push(st(locale, 'more', { count: rest }));
  return lines;
}

export function trendLine(locale: Locale, last: Share, previous: Share): string {
  if (last.count === 0 || previous.count === 0) return st(locale, 'trendNone');
  const a = last.failures / last.count;
  const b = previous.failures / previous.count;
  const word = a > b * 1.2 + 0.001 ? 'trendUp' : a < b / 1.2 - 0.001 ? 'trendDown' : 'trendFlat';
  return st(locale, 'trend', {
    last: formatPercent(locale, a, 2),
    lastCount: formatNumber(locale, last.count, 0),
    prev: formatPercent(locale, b, 2),
    word: st(locale, word),
  });
}

/** The row's failure reason in the reader's language when its code is known. */
export function reasonOf(locale: Locale, row: TargetRow): string {
  return (row.result && localReason(locale, row.result)) ?? row.reason ?? '?';
}
