import { formatNumber, formatPercent, formatTime } from '../../i18n/format.js';
import { defineCatalog, type Locale } from '../../i18n/locale.js';
import type { SummarySnapshot, TargetRow } from '../../summaries/snapshot.js';
import { type DocBlock, type MessageDoc, plain } from './doc.js';
import { rateLine, trendLine } from './summary-lines.js';

const t = defineCatalog({
  en: {
    title: 'Executive summary · {time}',
    allGood:
      '🟢 BarberPro is healthy: {passing|1 check passing|# checks passing}{pending}, uptime 24 h {uptime}',
    pending: ' ({count} still without enough data)',
    degraded: '🟠 BarberPro is degraded: {failing} of {total} checks failing',
    down: '🔴 BarberPro has {count|1 open alert|# open alerts}: {names}',
    rates: 'Key rates',
    incidents: 'Incidents',
    incidentsValue: '{opened} in the last 24 h, {open} open',
    trend: 'Trend',
    uptime: 'Uptime 24 h',
    uptimeValue: '{ratio} over {count|1 check|# checks} (target {target})',
    noData: 'not enough data yet',
  },
  'es-AR': {
    title: 'Resumen ejecutivo · {time}',
    allGood:
      '🟢 BarberPro está bien: {passing|1 chequeo sin fallas|# chequeos sin fallas}{pending}, ' +
      'disponibilidad 24 h {uptime}',
    pending: ' ({count} todavía sin datos suficientes)',
    degraded: '🟠 BarberPro está degradado: {failing} de {total} chequeos fallando',
    down: '🔴 BarberPro tiene {count|1 alerta abierta|# alertas abiertas}: {names}',
    rates: 'Tasas clave',
    incidents: 'Incidentes',
    incidentsValue: '{opened} en las últimas 24 h, {open|1 abierto|# abiertos}',
    trend: 'Tendencia',
    uptime: 'Disponibilidad 24 h',
    uptimeValue: '{ratio} en {count|1 chequeo|# chequeos} (objetivo {target})',
    noData: 'todavía sin datos suficientes',
  },
});

/** Rates shown: the failing ones first, then in config order. */
const KEY_RATES = 4;

export interface ExecSummaryView {
  snapshot: SummarySnapshot;
  timeZone: string;
}

/** Short by design: one line of health, key rates, incidents, trend. At most 8 blocks. */
export function execSummaryDoc(locale: Locale, view: ExecSummaryView): MessageDoc {
  const s = view.snapshot;
  const health = healthLine(locale, s);
  const rates = [...s.rates]
    .sort((a, b) => Number(isBad(b)) - Number(isBad(a)))
    .slice(0, KEY_RATES)
    .map((r) => rateLine(locale, r));
  const uptime = overallUptime(s);
  const blocks: DocBlock[] = [
    {
      type: 'header',
      text: t(locale, 'title', { time: formatTime(locale, view.timeZone, s.now) }),
    },
    { type: 'section', text: health },
  ];
  if (rates.length) {
    blocks.push({ type: 'section', text: `*${t(locale, 'rates')}*\n${rates.join('\n')}` });
  }
  // Incidents fold related alerts; without the incidents feature each alert counts as one.
  const opened =
    s.incidentCounts?.opened ??
    s.incidents24h.filter((a) => a.openedAt >= s.now - 86_400_000).length;
  const open = s.incidentCounts?.open ?? s.openAlerts.length;
  blocks.push({
    type: 'fields',
    fields: [
      {
        label: t(locale, 'incidents'),
        value: t(locale, 'incidentsValue', { opened, open }),
      },
      {
        label: t(locale, 'uptime'),
        value: uptime
          ? t(locale, 'uptimeValue', {
              ratio: formatPercent(locale, uptime.ratio, 2),
              count: formatNumber(locale, uptime.count, 0),
              target: formatPercent(locale, s.uptimeTarget, 1),
            })
          : t(locale, 'noData'),
      },
      {
        label: t(locale, 'trend'),
        value: trendLine(locale, s.trend.lastHour, s.trend.previousHour),
      },
    ],
  });
  const tone = s.openAlerts.length ? 'critical' : health.startsWith('🟠') ? 'warning' : 'ok';
  return { text: health, tone, blocks };
}

function isBad(r: TargetRow): boolean {
  return Boolean(r.alert) || r.ok === false;
}

export function healthLine(locale: Locale, s: SummarySnapshot): string {
  const rows = [...s.endpoints, ...s.rates, ...s.others];
  if (s.openAlerts.length) {
    const names = new Map(rows.map((r) => [r.target.id, r.target.name]));
    const listed = s.openAlerts
      .slice(0, 3)
      .map((a) => plain(names.get(a.targetId) ?? a.targetId))
      .join(', ');
    const more = s.openAlerts.length > 3 ? ` +${s.openAlerts.length - 3}` : '';
    return t(locale, 'down', { count: s.openAlerts.length, names: listed + more });
  }
  const failing = rows.filter(isBad).length;
  if (failing) return t(locale, 'degraded', { failing, total: rows.length });
  const uptime = overallUptime(s);
  const pending = rows.filter((r) => r.ok === undefined || r.insufficient).length;
  return t(locale, 'allGood', {
    passing: rows.length - pending,
    pending: pending ? t(locale, 'pending', { count: pending }) : '',
    uptime: uptime ? formatPercent(locale, uptime.ratio, 2) : '—',
  });
}

/** Good checks over all checks of every target in the last 24 h. */
export function overallUptime(s: SummarySnapshot): { ratio: number; count: number } | undefined {
  let count = 0;
  let good = 0;
  for (const r of [...s.endpoints, ...s.rates, ...s.others]) {
    if (!r.uptime24h) continue;
    count += r.uptime24h.count;
    good += r.uptime24h.ratio * r.uptime24h.count;
  }
  return count ? { ratio: good / count, count } : undefined;
}
