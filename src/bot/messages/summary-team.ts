import { formatDuration, formatTime } from '../../i18n/format.js';
import { defineCatalog, type Locale } from '../../i18n/locale.js';
import type { Change } from '../../summaries/changes.js';
import type { SummarySnapshot } from '../../summaries/snapshot.js';
import { type DocBlock, type MessageDoc, plain } from './doc.js';
import { localReason } from './reasons.js';
import {
  alertLine,
  capped,
  endpointLine,
  otherLine,
  rateLine,
  reasonOf,
  st,
  trendLine,
} from './summary-lines.js';

const t = defineCatalog({
  en: {
    title: 'Team status · {time}',
    healthy: '{passing|1 check healthy|# checks healthy}{pending}',
    pending: ' ({count} still without enough data)',
    problems: '{count|1 open alert|# open alerts}, {failing|1 failing check|# failing checks}',
    footer:
      'Endpoint figures over the last {period}; rates over their own window. Next update in {next}.',
  },
  'es-AR': {
    title: 'Estado del equipo · {time}',
    healthy: '{passing|1 chequeo bien|# chequeos bien}{pending}',
    pending: ' ({count} todavía sin datos suficientes)',
    problems:
      '{count|1 alerta abierta|# alertas abiertas}, {failing|1 chequeo fallando|# chequeos fallando}',
    footer:
      'Cifras de endpoints de los últimos {period}; las tasas, en su propia ventana. Próxima actualización en {next}.',
  },
});

/** Lines per group before the rest is counted; keeps the message far from 50 blocks. */
const MAX_LINES = 25;

export interface TeamSummaryView {
  snapshot: SummarySnapshot;
  changes: Change[];
  /** No summary of this kind before: there is nothing to compare with yet. */
  first?: boolean;
  timeZone: string;
  /** Time to the next scheduled summary, for the footer. */
  nextInMs: number;
}

export function teamSummaryDoc(locale: Locale, view: TeamSummaryView): MessageDoc {
  const s = view.snapshot;
  const rows = [...s.endpoints, ...s.rates, ...s.others];
  const failing = rows.filter((r) => r.ok === false || r.alert).length;
  const headline =
    s.openAlerts.length || failing
      ? t(locale, 'problems', { count: s.openAlerts.length, failing })
      : healthyLine(locale, rows);
  const title = t(locale, 'title', { time: formatTime(locale, view.timeZone, s.now) });
  const blocks: DocBlock[] = [
    { type: 'header', text: title },
    { type: 'section', text: headline },
  ];
  const group = (label: string, lines: string[]) => {
    if (lines.length === 0) return;
    blocks.push({ type: 'section', text: `*${label}*\n${lines.join('\n')}` });
  };
  group(
    st(locale, 'endpoints'),
    capped(locale, s.endpoints, MAX_LINES, (r) => endpointLine(locale, r, s.periodMs)),
  );
  group(
    st(locale, 'rates'),
    capped(locale, s.rates, MAX_LINES, (r) => rateLine(locale, r)),
  );
  group(
    st(locale, 'others'),
    capped(locale, s.others, MAX_LINES, (r) => otherLine(locale, r)),
  );
  const names = new Map(rows.map((r) => [r.target.id, r.target.name]));
  const alertLines = s.openAlerts
    .slice(0, MAX_LINES)
    .map((a) => alertLine(locale, a, names.get(a.targetId) ?? a.targetId, s.now));
  group(st(locale, 'openAlerts'), alertLines.length ? alertLines : [st(locale, 'noAlerts')]);
  group(
    st(locale, 'changes'),
    view.first ? [st(locale, 'firstSummary')] : changeLines(locale, view.changes, s.now),
  );
  blocks.push({
    type: 'context',
    text: `${trendLine(locale, s.trend.lastHour, s.trend.previousHour)}. ${t(locale, 'footer', {
      period: formatDuration(locale, s.periodMs),
      next: formatDuration(locale, view.nextInMs),
    })}`,
  });
  const tone = s.openAlerts.some((a) => a.severity === 'critical')
    ? 'critical'
    : s.openAlerts.length || failing
      ? 'warning'
      : 'ok';
  return { text: `${title}: ${headline}`, tone, blocks };
}

/** Every check passing; those still without enough data are counted apart, not as healthy. */
function healthyLine(locale: Locale, rows: SummarySnapshot['endpoints']): string {
  const pending = rows.filter((r) => r.ok === undefined || r.insufficient).length;
  return t(locale, 'healthy', {
    passing: rows.length - pending,
    pending: pending ? t(locale, 'pending', { count: pending }) : '',
  });
}

export function changeLines(locale: Locale, changes: Change[], now: number): string[] {
  if (changes.length === 0) return [st(locale, 'noChanges')];
  const lines = changes.slice(0, MAX_LINES).map((c) => changeLine(locale, c, now));
  if (changes.length > MAX_LINES) lines.push(`+${changes.length - MAX_LINES}`);
  return lines;
}

function changeLine(locale: Locale, c: Change, now: number): string {
  switch (c.type) {
    case 'opened':
      return st(locale, 'opened', {
        name: plain(c.name),
        reason: plain((c.alert.cause && localReason(locale, c.alert.cause)) ?? c.alert.reason),
      });
    case 'resolved':
      return st(locale, 'resolved', {
        name: plain(c.name),
        duration: formatDuration(locale, (c.alert.resolvedAt ?? now) - c.alert.openedAt),
      });
    case 'failing':
      return st(locale, 'flipBad', {
        name: plain(c.row.target.name),
        reason: plain(reasonOf(locale, c.row)),
      });
    case 'recovered':
      return st(locale, 'flipGood', { name: plain(c.row.target.name) });
  }
}

/** The thread reply posted under the edited summary when something changed. */
export function changesDoc(locale: Locale, changes: Change[], now: number): MessageDoc {
  const lines = changeLines(locale, changes, now);
  const title = st(locale, 'changes');
  return {
    text: `${title}: ${lines.join(' · ')}`,
    tone: changes.some((c) => c.type === 'opened' || c.type === 'failing') ? 'warning' : 'info',
    blocks: [{ type: 'section', text: `*${title}*\n${lines.join('\n')}` }],
  };
}
