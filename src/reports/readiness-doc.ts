import { PROVINCE_BY_CODE } from '../analytics/census.js';
import type { DocBlock, MessageDoc } from '../bot/messages/doc.js';
import {
  formatDuration,
  formatMs,
  formatNumber,
  formatPercent,
  formatTime,
} from '../i18n/format.js';
import { defineCatalog, type Locale } from '../i18n/locale.js';
import type { DocExtras } from './market-doc.js';
import type { ReadinessReport } from './readiness.js';
import type { Decision } from './rules.js';
import type { Component, Score } from './score.js';

const t = defineCatalog({
  en: {
    title: 'Readiness report',
    headline: 'Readiness: infrastructure {infra} · market {market} · template {template}',
    scoreLine: '*{name}: {score}* — {components}',
    nodata: 'not enough data',
    infrastructure: 'Infrastructure',
    market: 'Market validation',
    template: 'Template readiness',
    component: '{name} {value} → {score} (w {weight}, n={n})',
    componentNone: '{name} {nodata} (n={n})',
    // Time without an open alert, not the summaries' share of good checks: named apart.
    uptime: 'alert-free time',
    latency: 'avg response',
    errors: 'failed checks',
    response: 'acked within target',
    recovery: 'recovered within target',
    open: 'open problems',
    adoption: 'adoption score',
    growth: 'sign-up growth',
    paymentSuccess: 'payment success (events)',
    paymentLive: 'payment success (live monitor)',
    genericUsage: 'use of vertical-agnostic features',
    decisions: '*Recommendations*',
    go: '✅ *{title}*: go — {reasons}',
    notYet: '⏳ *{title}*: not yet — {reasons}',
    cond: '{metric} {actual} {op} {limit}',
    m_infrastructure: 'infrastructure',
    m_market: 'market',
    m_template: 'template',
    m_adoption: 'adoption',
    m_signups: 'sign-ups',
    m_growth: 'sign-up growth',
    m_paymentSuccess: 'payment success',
    m_region: 'sign-ups in {name}',
    context:
      'Market window {from} – {to} · infrastructure over the last {infra} · growth: {cur} ' +
      'sign-ups vs {prev} in the previous {period}',
    chart: 'Readiness scores',
  },
  'es-AR': {
    title: 'Informe de preparación',
    headline: 'Preparación: infraestructura {infra} · mercado {market} · plantilla {template}',
    scoreLine: '*{name}: {score}* — {components}',
    nodata: 'sin datos suficientes',
    infrastructure: 'Infraestructura',
    market: 'Validación de mercado',
    template: 'Preparación de la plantilla',
    component: '{name} {value} → {score} (p {weight}, n={n})',
    componentNone: '{name} {nodata} (n={n})',
    uptime: 'tiempo sin alertas',
    latency: 'respuesta prom.',
    errors: 'chequeos fallidos',
    response: 'reconocidos a tiempo',
    recovery: 'recuperados a tiempo',
    open: 'problemas abiertos',
    adoption: 'puntaje de adopción',
    growth: 'crecimiento de altas',
    paymentSuccess: 'pagos aprobados (eventos)',
    paymentLive: 'pagos aprobados (monitor en vivo)',
    genericUsage: 'uso de funciones genéricas',
    decisions: '*Recomendaciones*',
    go: '✅ *{title}*: adelante — {reasons}',
    notYet: '⏳ *{title}*: todavía no — {reasons}',
    cond: '{metric} {actual} {op} {limit}',
    m_infrastructure: 'infraestructura',
    m_market: 'mercado',
    m_template: 'plantilla',
    m_adoption: 'adopción',
    m_signups: 'altas',
    m_growth: 'crecimiento de altas',
    m_paymentSuccess: 'pagos aprobados',
    m_region: 'altas en {name}',
    context:
      'Ventana de mercado {from} – {to} · infraestructura en una ventana de {infra} · crecimiento: ' +
      '{cur} altas vs {prev} en los {period} anteriores',
    chart: 'Puntajes de preparación',
  },
});

type Key = Parameters<typeof t>[1];

function score(locale: Locale, s: Score): string {
  return s.score === null ? t(locale, 'nodata') : `${formatNumber(locale, s.score)}/100`;
}

function componentValue(locale: Locale, c: Component): string {
  if (c.value === null) return '–';
  if (c.unit === 'ms') return formatMs(locale, c.value);
  if (c.unit === 'ratio') return formatPercent(locale, c.value);
  return formatNumber(locale, c.value);
}

function componentText(locale: Locale, c: Component): string {
  const name = t(locale, c.id as Key);
  if (c.score === null)
    return t(locale, 'componentNone', { name, nodata: t(locale, 'nodata'), n: c.sample });
  return t(locale, 'component', {
    name,
    value: componentValue(locale, c),
    score: formatNumber(locale, c.score),
    weight: formatNumber(locale, c.weight, 2),
    n: c.sample,
  });
}

/** One line for headers and digests: the three scores. */
export function readinessHeadline(locale: Locale, r: ReadinessReport): string {
  return t(locale, 'headline', {
    infra: score(locale, r.infrastructure),
    market: score(locale, r.market),
    template: score(locale, r.template),
  });
}

const METRIC_KEYS: ReadonlyMap<string, Key> = new Map<string, Key>([
  ['infrastructure', 'm_infrastructure'],
  ['market', 'm_market'],
  ['template', 'm_template'],
  ['adoption', 'm_adoption'],
  ['signups', 'm_signups'],
  ['growth', 'm_growth'],
  ['paymentSuccess', 'm_paymentSuccess'],
]);

/** A rule metric as people read it: `region:AR-X` → "altas en Córdoba". */
export function metricLabel(locale: Locale, metric: string): string {
  if (metric.startsWith('region:')) {
    const code = metric.slice('region:'.length);
    return t(locale, 'm_region', { name: PROVINCE_BY_CODE.get(code)?.name ?? code });
  }
  const key = METRIC_KEYS.get(metric);
  return key ? t(locale, key) : metric;
}

/** Rule metrics that are percentages (the rest are 0–100 scores or counts). */
const isPercent = (metric: string) =>
  metric === 'growth' || metric === 'paymentSuccess' || metric.startsWith('region:');

function decisionLine(locale: Locale, d: Decision): string {
  const reasons = d.conditions
    .map((c) => {
      const figure = (x: number) =>
        isPercent(c.metric)
          ? `${formatNumber(locale, x)}${locale === 'en' ? '%' : ' %'}`
          : formatNumber(locale, x);
      return t(locale, 'cond', {
        metric: metricLabel(locale, c.metric),
        actual: c.actual === null ? t(locale, 'nodata') : figure(c.actual),
        op: c.min !== undefined ? (c.met ? '≥' : '<') : c.met ? '≤' : '>',
        limit: figure(c.min ?? c.max ?? 0),
      });
    })
    .join(', ');
  return t(locale, d.go ? 'go' : 'notYet', { title: d.title[locale], reasons });
}

export function readinessDoc(locale: Locale, r: ReadinessReport, extras: DocExtras): MessageDoc {
  const sections = (['infrastructure', 'market', 'template'] as const).map((key) => ({
    type: 'section' as const,
    text: t(locale, 'scoreLine', {
      name: t(locale, key),
      score: score(locale, r[key]),
      components: r[key].components.map((c) => componentText(locale, c)).join('; '),
    }),
  }));
  const blocks: DocBlock[] = [
    { type: 'header', text: t(locale, 'title') },
    ...sections,
    { type: 'divider' },
    {
      type: 'section',
      text: [t(locale, 'decisions'), ...r.decisions.map((d) => decisionLine(locale, d))].join('\n'),
    },
  ];
  if (extras.chartPath)
    blocks.push({ type: 'image', path: extras.chartPath, alt: t(locale, 'chart') });
  const time = (ms: number) => formatTime(locale, extras.timeZone, ms);
  blocks.push({
    type: 'context',
    text: t(locale, 'context', {
      from: time(r.window.from),
      to: time(r.window.to),
      infra: formatDuration(locale, r.infraWindow.to - r.infraWindow.from),
      cur: r.growth.current,
      prev: r.growth.previous,
      period: formatDuration(locale, r.growth.period),
    }),
  });
  const go = r.decisions.filter((d) => d.go).length;
  const tone = r.infrastructure.score !== null && r.infrastructure.score < 60 ? 'warning' : 'info';
  return {
    text: `${t(locale, 'title')}: ${readinessHeadline(locale, r)} · ${go}/${r.decisions.length} go`,
    tone,
    blocks,
  };
}
