import { formatTime } from '../../i18n/format.js';
import { defineCatalog, type Locale } from '../../i18n/locale.js';
import type { SummarySnapshot } from '../../summaries/snapshot.js';
import type { DocBlock, MessageDoc } from './doc.js';
import { healthLine } from './summary-exec.js';
import {
  alertLine,
  capped,
  endpointLine,
  otherLine,
  rateLine,
  st,
  trendLine,
} from './summary-lines.js';

const t = defineCatalog({
  en: {
    title: 'guardia · live dashboard',
    updated:
      'Updated {time}; refreshed every 60 s while this tab is open. /ops summary team posts the full summary.',
  },
  'es-AR': {
    title: 'guardia · tablero en vivo',
    updated:
      'Actualizado {time}; se refresca cada 60 s mientras esta pestaña está abierta. /ops ' +
      'summary team publica el resumen completo.',
  },
});

/** Lines per group on the Home tab, which allows 100 blocks and long sections. */
const MAX_LINES = 40;

export interface DashboardView {
  snapshot: SummarySnapshot;
  timeZone: string;
}

/** The Slack Home tab: health, every group of checks, open alerts, trend. */
export function dashboardDoc(locale: Locale, view: DashboardView): MessageDoc {
  const s = view.snapshot;
  const health = healthLine(locale, s);
  const blocks: DocBlock[] = [
    { type: 'header', text: t(locale, 'title') },
    { type: 'section', text: `*${health}*` },
    { type: 'divider' },
  ];
  const group = (label: string, lines: string[]) => {
    if (lines.length === 0) return;
    blocks.push({ type: 'section', text: `*${label}*\n${lines.join('\n')}` });
  };
  const names = new Map(
    [...s.endpoints, ...s.rates, ...s.others].map((r) => [r.target.id, r.target.name]),
  );
  const alerts = s.openAlerts.map((a) =>
    alertLine(locale, a, names.get(a.targetId) ?? a.targetId, s.now),
  );
  group(st(locale, 'openAlerts'), alerts.length ? alerts : [st(locale, 'noAlerts')]);
  group(
    st(locale, 'rates'),
    capped(locale, s.rates, MAX_LINES, (r) => rateLine(locale, r)),
  );
  group(
    st(locale, 'endpoints'),
    capped(locale, s.endpoints, MAX_LINES, (r) => endpointLine(locale, r, s.periodMs)),
  );
  group(
    st(locale, 'others'),
    capped(locale, s.others, MAX_LINES, (r) => otherLine(locale, r)),
  );
  blocks.push(
    { type: 'divider' },
    { type: 'context', text: trendLine(locale, s.trend.lastHour, s.trend.previousHour) },
    {
      type: 'context',
      text: t(locale, 'updated', { time: formatTime(locale, view.timeZone, s.now) }),
    },
  );
  return { text: health, tone: s.openAlerts.length ? 'critical' : 'ok', blocks };
}
