import type { AlertRecord } from '../../alerts/store.js';
import { formatDuration, formatNumber, formatPercent } from '../../i18n/format.js';
import { defineCatalog, type Locale } from '../../i18n/locale.js';
import type { TargetStatus } from '../../monitors/runner.js';
import { formatValue } from './alerts.js';
import { type DocBlock, type MessageDoc, plain } from './doc.js';
import { localReason } from './reasons.js';

const t = defineCatalog({
  en: {
    title: 'guardia status: {up} of {total} targets healthy',
    titleNone: 'guardia status: no targets configured',
    noChecks: 'no checks yet',
    noData: 'not enough data to judge',
    line: '{emoji} *{name}* — {state}',
    healthy: 'healthy',
    recovering: 'recovering: the last check passed, the alert closes after enough good ones',
    failing: 'failing: {reason}',
    figures:
      'last {last} · avg {avg} · p95 {p95} · errors {errors} over {count|the last check|the last # checks}',
    checksOnly: 'errors {errors} over {count|the last check|the last # checks}',
    rate: 'rate {rate} · {attempts} attempts in {window}',
    uptime:
      'worst 24 h uptime {worst} (target {target}) · {count|1 endpoint|# endpoints}, {checks} checks in 24 h',
    insufficient: 'not enough data ({attempts} attempts in {window})',
    alert: 'alert open for {duration}',
    openAlerts: '{count|1 open alert|# open alerts}',
    noAlerts: 'No open alerts',
  },
  'es-AR': {
    title: 'Estado de guardia: {up} de {total} objetivos bien',
    titleNone: 'Estado de guardia: no hay objetivos configurados',
    noChecks: 'todavía sin chequeos',
    noData: 'sin datos suficientes para juzgar',
    line: '{emoji} *{name}* — {state}',
    healthy: 'bien',
    recovering:
      'recuperándose: el último chequeo salió bien, la alerta se cierra tras varios buenos',
    failing: 'fallando: {reason}',
    figures:
      'último {last} · prom. {avg} · p95 {p95} · errores {errors} en {count|el último chequeo|los últimos # chequeos}',
    checksOnly: 'errores {errors} en {count|el último chequeo|los últimos # chequeos}',
    rate: 'tasa {rate} · {attempts} intentos en {window}',
    uptime:
      'peor disponibilidad 24 h {worst} (objetivo {target}) · {count|1 endpoint|# endpoints}, ' +
      '{checks} chequeos en 24 h',
    insufficient: 'datos insuficientes ({attempts} intentos en {window})',
    alert: 'alerta abierta hace {duration}',
    openAlerts: '{count|1 alerta abierta|# alertas abiertas}',
    noAlerts: 'No hay alertas abiertas',
  },
});

export interface StatusView {
  targets: TargetStatus[];
  openAlerts: AlertRecord[];
  now: number;
}

export function statusDoc(locale: Locale, view: StatusView): MessageDoc {
  const alertsByTarget = new Map(view.openAlerts.map((a) => [a.targetId, a]));
  const up = view.targets.filter(
    (s) => s.last?.result.ok && !s.last.result.inconclusive && !alertsByTarget.has(s.target.id),
  ).length;
  const failing = view.targets.some((s) => s.last && !s.last.result.ok);
  const title =
    view.targets.length === 0
      ? t(locale, 'titleNone')
      : t(locale, 'title', { up, total: view.targets.length });
  const blocks: DocBlock[] = [{ type: 'header', text: title }];
  for (const s of view.targets) {
    const alert = alertsByTarget.get(s.target.id);
    blocks.push({ type: 'section', text: targetLine(locale, s, alert, view.now) });
  }
  blocks.push({
    type: 'context',
    text: view.openAlerts.length
      ? t(locale, 'openAlerts', { count: view.openAlerts.length })
      : t(locale, 'noAlerts'),
  });
  const tone = view.openAlerts.some((a) => a.severity === 'critical')
    ? 'critical'
    : view.openAlerts.length || failing
      ? 'warning'
      : 'ok';
  return { text: title, tone, blocks };
}

function targetLine(
  locale: Locale,
  s: TargetStatus,
  alert: AlertRecord | undefined,
  now: number,
): string {
  const name = plain(s.target.name);
  if (!s.last) return t(locale, 'line', { emoji: '⚪', name, state: t(locale, 'noChecks') });
  const ok = s.last.result.ok;
  const unknown = s.last.result.inconclusive === true;
  const emoji = alert ? (ok && !unknown ? '🟡' : '🔴') : unknown ? '⚪' : ok ? '🟢' : '🟠';
  const state = unknown
    ? t(locale, 'noData')
    : ok
      ? t(locale, alert ? 'recovering' : 'healthy')
      : t(locale, 'failing', { reason: plain(localReason(locale, s.last.result) ?? '?') });
  const lines = [t(locale, 'line', { emoji, name, state }), figuresLine(locale, s)];
  if (alert)
    lines.push(t(locale, 'alert', { duration: formatDuration(locale, now - alert.openedAt) }));
  return lines.join('\n');
}

/** The figures behind a target's state, always with the sample they come from. */
function figuresLine(locale: Locale, s: TargetStatus): string {
  const result = s.last?.result;
  const d = result?.detail ?? {};
  const value = result?.value;
  // Too little data to judge (a rate with few attempts or a dip within noise, uptime before
  // its minimum of checks): the reason says why, with the sample.
  const why = result?.inconclusive && localReason(locale, result);
  if (why) return plain(why);
  if (typeof d.attempts === 'number' && typeof d.windowMs === 'number') {
    const sample = {
      attempts: formatNumber(locale, d.attempts, 0),
      window: formatDuration(locale, d.windowMs),
    };
    if (d.insufficient === true) return t(locale, 'insufficient', sample);
    if (value !== undefined)
      return t(locale, 'rate', { ...sample, rate: formatPercent(locale, value) });
  }
  // Uptime is one figure over every endpoint, not a series of its own checks.
  if (s.target.kind === 'uptime' && value !== undefined && typeof d.target === 'number') {
    const per = Object.values((d.targets ?? {}) as Record<string, { checks24h?: number }>);
    const checks = per.reduce((sum, p) => sum + (p.checks24h ?? 0), 0);
    return t(locale, 'uptime', {
      worst: formatPercent(locale, value, 2),
      target: formatPercent(locale, d.target, 1),
      count: per.length,
      checks: formatNumber(locale, checks, 0),
    });
  }
  const errors = formatPercent(locale, s.stats.errorRate ?? 0);
  if (s.stats.avg === undefined) return t(locale, 'checksOnly', { errors, count: s.stats.count });
  const fmt = (v: number | undefined) => formatValue(locale, s.target, v);
  return t(locale, 'figures', {
    last: fmt(value),
    avg: fmt(s.stats.avg),
    p95: fmt(s.stats.p95),
    errors,
    count: s.stats.count,
  });
}
