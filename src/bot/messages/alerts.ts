import type { AlertRecord } from '../../alerts/store.js';
import { formatDuration, formatMs, formatPercent, formatTime } from '../../i18n/format.js';
import { defineCatalog, type Locale } from '../../i18n/locale.js';
import type { CheckResult, TargetInfo } from '../../monitors/types.js';
import type { WindowStats } from '../../monitors/window.js';
import { type MessageDoc, plain } from './doc.js';
import { localReason } from './reasons.js';

const t = defineCatalog({
  en: {
    opened: 'Alert #{id}: {name} is failing',
    reminder: 'Still failing: {name} (alert #{id}, open for {duration})',
    resolved: 'Resolved: {name} is healthy again after {duration} (alert #{id})',
    resolvedShort: 'Resolved after {duration}',
    closed: 'Alert #{id}: {name} (resolved after {duration})',
    reason: 'Reason',
    since: 'Since',
    severity: 'Severity',
    window: '{count|Last check|Last # checks}',
    windowValue: 'avg {avg} · p95 {p95} · errors {errors}',
    value: 'Now',
    lasted: 'Lasted',
    critical: 'critical',
    warning: 'warning',
  },
  'es-AR': {
    opened: 'Alerta #{id}: {name} está fallando',
    reminder: 'Sigue fallando: {name} (alerta #{id}, abierta hace {duration})',
    resolved: 'Resuelta: {name} volvió a estar bien después de {duration} (alerta #{id})',
    resolvedShort: 'Resuelta después de {duration}',
    closed: 'Alerta #{id}: {name} (resuelta después de {duration})',
    reason: 'Motivo',
    since: 'Desde',
    severity: 'Severidad',
    window: '{count|Último chequeo|Últimos # chequeos}',
    windowValue: 'prom. {avg} · p95 {p95} · errores {errors}',
    value: 'Ahora',
    lasted: 'Duró',
    critical: 'crítica',
    warning: 'advertencia',
  },
});

export interface AlertView {
  alert: AlertRecord;
  target: TargetInfo;
  result: CheckResult;
  stats?: WindowStats;
  timeZone: string;
  now: number;
}

export function formatValue(locale: Locale, target: TargetInfo, value: number | undefined): string {
  if (value === undefined) return '—';
  if (target.unit === 'ms') return formatMs(locale, value);
  if (target.unit === 'ratio') return formatPercent(locale, value);
  return String(value);
}

function statsField(locale: Locale, view: AlertView) {
  const s = view.stats;
  if (!s || s.count === 0) return [];
  const fmt = (v: number | undefined) => formatValue(locale, view.target, v);
  return [
    {
      label: t(locale, 'window', { count: s.count }),
      value: t(locale, 'windowValue', {
        avg: fmt(s.avg),
        p95: fmt(s.p95),
        errors: formatPercent(locale, s.errorRate ?? 0),
      }),
    },
  ];
}

export function alertOpenedDoc(locale: Locale, view: AlertView): MessageDoc {
  const { alert, target, result } = view;
  const title = t(locale, 'opened', { id: alert.id, name: plain(target.name) });
  return {
    text: `${title}: ${localReason(locale, result) ?? alert.reason}`,
    tone: alert.severity === 'critical' ? 'critical' : 'warning',
    blocks: [
      { type: 'header', text: title },
      {
        type: 'fields',
        fields: [
          {
            label: t(locale, 'reason'),
            value: plain(localReason(locale, result) ?? causeText(locale, alert)),
          },
          { label: t(locale, 'value'), value: formatValue(locale, target, result.value) },
          { label: t(locale, 'severity'), value: t(locale, alert.severity) },
          { label: t(locale, 'since'), value: formatTime(locale, view.timeZone, alert.openedAt) },
          ...statsField(locale, view),
        ],
      },
    ],
  };
}

export function alertReminderDoc(locale: Locale, view: AlertView): MessageDoc {
  const { alert, target, result } = view;
  const text = t(locale, 'reminder', {
    id: alert.id,
    name: plain(target.name),
    duration: formatDuration(locale, view.now - alert.openedAt),
  });
  return {
    text,
    tone: 'warning',
    blocks: [
      { type: 'section', text },
      {
        type: 'context',
        text: `${t(locale, 'reason')}: ${plain(localReason(locale, result) ?? causeText(locale, alert))}`,
      },
    ],
  };
}

export function alertResolvedDoc(locale: Locale, view: AlertView): MessageDoc {
  const { alert, target, result } = view;
  const duration = formatDuration(locale, (alert.resolvedAt ?? view.now) - alert.openedAt);
  const text = t(locale, 'resolved', { id: alert.id, name: plain(target.name), duration });
  return {
    text,
    tone: 'ok',
    blocks: [
      { type: 'section', text: `*${text}*` },
      {
        type: 'fields',
        fields: [
          { label: t(locale, 'lasted'), value: duration },
          { label: t(locale, 'value'), value: formatValue(locale, target, result.value) },
          ...statsField(locale, view),
        ],
      },
    ],
  };
}

/** The original alert message, edited in place once the alert resolves. */
export function alertClosedDoc(locale: Locale, view: AlertView): MessageDoc {
  const { alert, target } = view;
  const duration = formatDuration(locale, (alert.resolvedAt ?? view.now) - alert.openedAt);
  const title = t(locale, 'closed', { id: alert.id, name: plain(target.name), duration });
  return {
    text: title,
    tone: 'ok',
    blocks: [
      { type: 'header', text: title },
      {
        type: 'fields',
        fields: [
          { label: t(locale, 'reason'), value: plain(causeText(locale, alert)) },
          { label: t(locale, 'since'), value: formatTime(locale, view.timeZone, alert.openedAt) },
          { label: t(locale, 'lasted'), value: duration },
        ],
      },
    ],
  };
}

/** Why an alert opened, in the reader's language when its cause is a known code. */
export function causeText(locale: Locale, alert: AlertRecord): string {
  return (alert.cause && localReason(locale, alert.cause)) ?? alert.reason;
}
