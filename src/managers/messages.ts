import type { AlertRecord } from '../alerts/store.js';
import { causeText, formatValue } from '../bot/messages/alerts.js';
import { type DocBlock, type MessageDoc, plain } from '../bot/messages/doc.js';
import { formatDuration, formatPercent, formatTime } from '../i18n/format.js';
import { defineCatalog, type Locale } from '../i18n/locale.js';
import type { TargetStatus } from '../monitors/runner.js';

const t = defineCatalog({
  en: {
    digestTitle: 'guardia digest · {time}',
    healthy: '{up} of {total} targets healthy',
    noTargets: 'No targets are monitored yet.',
    noChecks: '{name}: no checks yet',
    target: '{emoji} {name}: avg {avg}, p95 {p95}, errors {errors} (last {count} checks)',
    openAlerts: '{count|1 open alert|# open alerts}:',
    alert: '• #{id} {target}: {reason} (open for {duration})',
    noAlerts: 'No open alerts.',
    source: 'Figures from the last checks guardia ran; full summary in Slack.',
    heldTitle: 'Held back: {count|1 message|# messages} I could not send earlier',
    heldItem: '• {time} — {title} ({why})',
    heldMore: '…and {count} more',
    why_window: 'outside the 24 h WhatsApp window',
    why_stopped: 'you had sent STOP',
    why_paused: 'delivery was paused',
    pausedTitle: 'WhatsApp paused for {name}',
    pausedBody:
      'Twilio refused a message permanently: {reason}. guardia will not send more to {name} ' +
      'until they write in or the number is fixed.',
    help: 'Commands: *estado*/*status*, *readiness*, *mercado*/*market*, *reconocer N*/*ack N*, *STOP*, *START*.',
    helpNote:
      'Anything else you write within {hours} h of a page is added as a note to that incident.',
    noteFailed:
      'I could not attach your note to incident #{id}: notes are not available in this guardia.',
    started: 'Welcome back, {name}: you will receive digests and pages again.',
  },
  'es-AR': {
    digestTitle: 'Resumen de guardia · {time}',
    healthy: '{up} de {total} objetivos bien',
    noTargets: 'Todavía no hay objetivos monitoreados.',
    noChecks: '{name}: todavía sin chequeos',
    target: '{emoji} {name}: prom. {avg}, p95 {p95}, errores {errors} (últimos {count} chequeos)',
    openAlerts: '{count|1 alerta abierta|# alertas abiertas}:',
    alert: '• #{id} {target}: {reason} (abierta hace {duration})',
    noAlerts: 'No hay alertas abiertas.',
    source: 'Cifras de los últimos chequeos de guardia; el resumen completo está en Slack.',
    heldTitle: 'Retenidos: {count|1 mensaje|# mensajes} que no pude enviar antes',
    heldItem: '• {time} — {title} ({why})',
    heldMore: '…y {count} más',
    why_window: 'fuera de la ventana de 24 h de WhatsApp',
    why_stopped: 'habías enviado STOP',
    why_paused: 'el envío estaba pausado',
    pausedTitle: 'WhatsApp pausado para {name}',
    pausedBody:
      'Twilio rechazó un mensaje de forma permanente: {reason}. guardia no le enviará más a ' +
      '{name} hasta que escriba o se corrija el número.',
    help: 'Comandos: *estado*/*status*, *readiness*, *mercado*/*market*, *reconocer N*/*ack N*, *STOP*, *START*.',
    helpNote:
      'Lo que escribas dentro de las {hours} h de un aviso se agrega como nota a ese incidente.',
    noteFailed:
      'No pude agregar tu nota al incidente #{id}: las notas no están disponibles en este guardia.',
    started: 'Hola de nuevo, {name}: vas a volver a recibir resúmenes y avisos.',
  },
});

export interface DigestView {
  now: number;
  timeZone: string;
  targets: TargetStatus[];
  openAlerts: AlertRecord[];
  /** The executive summary, when the summaries feature offers one. */
  exec?: MessageDoc;
  /** One line from the readiness report, when that feature exists. */
  readiness?: string;
}

/** A short digest for a manager's phone, built only from what guardia has collected. */
export function digestDoc(locale: Locale, view: DigestView): MessageDoc {
  const title = t(locale, 'digestTitle', { time: formatTime(locale, view.timeZone, view.now) });
  const blocks: DocBlock[] = [{ type: 'header', text: title }];
  if (view.exec) {
    blocks.push(...view.exec.blocks.filter((b) => b.type !== 'image' && b.type !== 'header'));
  } else {
    blocks.push(...healthBlocks(locale, view));
  }
  if (view.readiness) blocks.push({ type: 'section', text: plain(view.readiness) });
  if (!view.exec) blocks.push({ type: 'context', text: t(locale, 'source') });
  const tone = view.openAlerts.length ? 'warning' : 'ok';
  return { text: title, tone: view.exec?.tone ?? tone, blocks };
}

function healthBlocks(locale: Locale, view: DigestView): DocBlock[] {
  if (view.targets.length === 0) return [{ type: 'section', text: t(locale, 'noTargets') }];
  const alerted = new Set(view.openAlerts.map((a) => a.targetId));
  const up = view.targets.filter((s) => s.last?.result.ok && !alerted.has(s.target.id)).length;
  const lines = view.targets.map((s) => {
    const name = plain(s.target.name);
    if (!s.last || s.stats.count === 0) return t(locale, 'noChecks', { name });
    const fmt = (v: number | undefined) => formatValue(locale, s.target, v);
    const emoji = alerted.has(s.target.id) ? '🔴' : s.last.result.ok ? '🟢' : '🟠';
    return t(locale, 'target', {
      emoji,
      name,
      avg: fmt(s.stats.avg),
      p95: fmt(s.stats.p95),
      errors: formatPercent(locale, s.stats.errorRate ?? 0),
      count: s.stats.count,
    });
  });
  const names = new Map(view.targets.map((s) => [s.target.id, s.target.name]));
  const alerts = view.openAlerts.map((a) =>
    t(locale, 'alert', {
      id: a.id,
      target: plain(names.get(a.targetId) ?? a.targetId),
      reason: plain(causeText(locale, a)),
      duration: formatDuration(locale, view.now - a.openedAt),
    }),
  );
  return [
    { type: 'section', text: `*${t(locale, 'healthy', { up, total: view.targets.length })}*` },
    { type: 'section', text: lines.join('\n') },
    {
      type: 'section',
      text: alerts.length
        ? [t(locale, 'openAlerts', { count: alerts.length }), ...alerts].join('\n')
        : t(locale, 'noAlerts'),
    },
  ];
}

export type HeldReason = 'window' | 'stopped' | 'paused';

export interface HeldSummary {
  heldAt: number;
  title: string;
  reason: HeldReason;
}

/** The "held back" banner folded into the next message that can be sent. */
export function heldBlock(
  locale: Locale,
  timeZone: string,
  held: readonly HeldSummary[],
  maxItems = 8,
): DocBlock {
  const items = held.slice(-maxItems).map((h) =>
    t(locale, 'heldItem', {
      time: formatTime(locale, timeZone, h.heldAt),
      title: plain(h.title),
      why: t(locale, `why_${h.reason}`),
    }),
  );
  if (held.length > maxItems)
    items.unshift(t(locale, 'heldMore', { count: held.length - maxItems }));
  return {
    type: 'section',
    text: [`*${t(locale, 'heldTitle', { count: held.length })}*`, ...items].join('\n'),
  };
}

/** Posted in the Slack alerts channel when a manager can no longer be reached. */
export function pausedDoc(locale: Locale, name: string, reason: string): MessageDoc {
  const title = t(locale, 'pausedTitle', { name: plain(name) });
  return {
    text: title,
    tone: 'warning',
    blocks: [
      { type: 'header', text: title },
      {
        type: 'section',
        text: t(locale, 'pausedBody', { name: plain(name), reason: plain(reason) }),
      },
    ],
  };
}

export function helpDoc(locale: Locale, replyWindowMs: number): MessageDoc {
  const hours = Math.round(replyWindowMs / 3_600_000);
  const text = t(locale, 'help');
  return {
    text,
    blocks: [
      { type: 'section', text },
      { type: 'context', text: t(locale, 'helpNote', { hours }) },
    ],
  };
}

export function noteFailedDoc(locale: Locale, incidentId: number): MessageDoc {
  const text = t(locale, 'noteFailed', { id: incidentId });
  return { text, tone: 'warning', blocks: [{ type: 'section', text }] };
}

export function startedDoc(locale: Locale, name: string): MessageDoc {
  const text = t(locale, 'started', { name: plain(name) });
  return { text, tone: 'ok', blocks: [{ type: 'section', text }] };
}
