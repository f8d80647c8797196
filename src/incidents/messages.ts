import { type DocAction, type MessageDoc, mention, plain } from '../bot/messages/doc.js';
import { formatDuration, formatTime } from '../i18n/format.js';
import { defineCatalog, type Locale } from '../i18n/locale.js';
import { eventText } from './event-text.js';
import type { IncidentEvent, IncidentRecord, IncidentStatus } from './store.js';

const t = defineCatalog({
  en: {
    title: 'Incident #{id}: {title}',
    status: 'Status',
    severity: 'Severity',
    critical: 'critical',
    warning: 'warning',
    targets: 'Monitors',
    opened: 'Opened',
    clock: 'Response clock',
    clockOpen: '{elapsed} open, ack due by {due}',
    clockOverdue: '{elapsed} open, ack overdue since {due}',
    clockAcked: 'acknowledged by {who} after {elapsed}',
    clockResolved: 'resolved after {elapsed}',
    escalation: 'Escalation',
    escalationLevel: 'step {level}',
    failing: 'failing',
    healthy: 'healthy',
    ack: 'Acknowledge',
    run: 'Run {runbook}',
    silence: 'Silence {duration}',
    resolve: 'Resolve',
    asOf: 'as of {time}',
    listTitle: 'Active incidents',
    listEmpty: 'No active incidents.',
    listRow: '#{id} {status} · {title} · open {elapsed}{ack}',
    listAck: ' · ack by {who}',
    escalateText: '{who}: incident #{id} ({title}) has not been acknowledged for {elapsed}.',
    dmText: 'You are on call: incident #{id} ({title}) is unacknowledged after {elapsed}.',
    pageText:
      'guardia: incident #{id}, {title} is failing ({reason}). Nobody has acknowledged it for {elapsed}.',
    pageCommand: 'ack {id}',
    pageAction: 'take it',
  },
  'es-AR': {
    title: 'Incidente #{id}: {title}',
    status: 'Estado',
    severity: 'Severidad',
    critical: 'crítica',
    warning: 'advertencia',
    targets: 'Monitores',
    opened: 'Abierto',
    clock: 'Reloj de respuesta',
    clockOpen: '{elapsed} abierto, reconocer antes de las {due}',
    clockOverdue: '{elapsed} abierto, el plazo para reconocer venció a las {due}',
    clockAcked: 'reconocido por {who} a los {elapsed}',
    clockResolved: 'resuelto después de {elapsed}',
    escalation: 'Escalamiento',
    escalationLevel: 'paso {level}',
    failing: 'fallando',
    healthy: 'bien',
    ack: 'Reconocer',
    run: 'Ejecutar {runbook}',
    silence: 'Silenciar {duration}',
    resolve: 'Resolver',
    asOf: 'al {time}',
    listTitle: 'Incidentes activos',
    listEmpty: 'No hay incidentes activos.',
    listRow: '#{id} {status} · {title} · abierto hace {elapsed}{ack}',
    listAck: ' · reconocido por {who}',
    escalateText: '{who}: el incidente #{id} ({title}) lleva {elapsed} sin reconocer.',
    dmText: 'Estás de guardia: el incidente #{id} ({title}) lleva {elapsed} sin reconocer.',
    pageText:
      'guardia: incidente #{id}, {title} está fallando ({reason}). Lleva {elapsed} sin que nadie lo reconozca.',
    pageCommand: 'reconocer {id}',
    pageAction: 'avisar que lo tomás',
  },
});

const STATUS: Record<Locale, Record<IncidentStatus, string>> = {
  en: {
    open: 'open',
    acknowledged: 'acknowledged',
    remediating: 'remediating',
    resolved: 'resolved',
  },
  'es-AR': {
    open: 'abierto',
    acknowledged: 'reconocido',
    remediating: 'en remediación',
    resolved: 'resuelto',
  },
};

const STATUS_EMOJI: Record<IncidentStatus, string> = {
  open: '🚨',
  acknowledged: '👀',
  remediating: '🛠️',
  resolved: '✅',
};

export function statusLabel(locale: Locale, status: IncidentStatus): string {
  return STATUS[locale][status];
}

export interface IncidentView {
  incident: IncidentRecord;
  targets: Array<{ name: string; open: boolean }>;
  now: number;
  timeZone: string;
  ackWithinMs: number;
  /** The runbook the incident suggests, shown as a button. */
  suggested?: { id: string; title: string };
  /** Latest timeline entry, shown under the message. */
  latest?: IncidentEvent;
}

function clockText(locale: Locale, v: IncidentView): string {
  const i = v.incident;
  const due = i.openedAt + v.ackWithinMs;
  if (i.resolvedAt !== undefined) {
    return t(locale, 'clockResolved', {
      elapsed: formatDuration(locale, i.resolvedAt - i.openedAt),
    });
  }
  if (i.acknowledgedAt !== undefined) {
    return t(locale, 'clockAcked', {
      who: plain(i.acknowledgedBy ?? '?'),
      elapsed: formatDuration(locale, i.acknowledgedAt - i.openedAt),
    });
  }
  const key = v.now > due ? 'clockOverdue' : 'clockOpen';
  return t(locale, key, {
    elapsed: formatDuration(locale, v.now - i.openedAt),
    due: formatTime(locale, v.timeZone, due),
  });
}

/** The buttons an incident offers in its current state. */
export function incidentActions(locale: Locale, v: IncidentView): DocAction[] {
  const i = v.incident;
  if (i.status === 'resolved') return [];
  const actions: DocAction[] = [];
  if (i.acknowledgedAt === undefined) {
    actions.push({
      id: 'incident.ack',
      label: t(locale, 'ack'),
      command: `ack ${i.id}`,
      style: 'primary',
    });
  }
  if (v.suggested && i.status !== 'remediating') {
    actions.push({
      id: 'incident.run',
      label: t(locale, 'run', { runbook: plain(v.suggested.title) }),
      command: `run ${v.suggested.id} incident=${i.id}`,
    });
  }
  for (const duration of ['30m', '2h']) {
    actions.push({
      id: `incident.silence.${duration}`,
      label: t(locale, 'silence', { duration }),
      command: `silence ${i.targetId} ${duration}`,
    });
  }
  actions.push({
    id: 'incident.resolve',
    label: t(locale, 'resolve'),
    command: `resolve ${i.id}`,
    style: 'danger',
  });
  return actions;
}

/** The one message per incident, edited in place on every state change. */
export function incidentDoc(locale: Locale, v: IncidentView): MessageDoc {
  const i = v.incident;
  const title = `${STATUS_EMOJI[i.status]} ${t(locale, 'title', { id: i.id, title: plain(i.title) })}`;
  const targets = v.targets
    .map((x) => `${plain(x.name)} (${t(locale, x.open ? 'failing' : 'healthy')})`)
    .join(', ');
  const fields = [
    { label: t(locale, 'status'), value: statusLabel(locale, i.status) },
    {
      label: t(locale, 'severity'),
      value: t(locale, i.severity === 'critical' ? 'critical' : 'warning'),
    },
    { label: t(locale, 'targets'), value: targets || plain(i.targetId) },
    { label: t(locale, 'opened'), value: formatTime(locale, v.timeZone, i.openedAt) },
    { label: t(locale, 'clock'), value: clockText(locale, v) },
  ];
  if (i.escalationLevel > 0) {
    fields.push({
      label: t(locale, 'escalation'),
      value: t(locale, 'escalationLevel', { level: i.escalationLevel }),
    });
  }
  const latest = v.latest ? `${eventText(locale, v.latest)} · ` : '';
  return {
    text: `${title} (${statusLabel(locale, i.status)})`,
    tone: i.status === 'resolved' ? 'ok' : i.severity === 'critical' ? 'critical' : 'warning',
    blocks: [
      { type: 'header', text: title },
      { type: 'fields', fields },
      {
        type: 'context',
        text: `${latest}${t(locale, 'asOf', { time: formatTime(locale, v.timeZone, v.now) })}`,
      },
    ],
    actions: incidentActions(locale, v),
  };
}

/** A timeline entry, posted in the incident's thread. */
export function incidentEventDoc(locale: Locale, incident: IncidentRecord, event: IncidentEvent) {
  const text = `#${incident.id} · ${eventText(locale, event)}`;
  return { text, blocks: [{ type: 'section' as const, text }] } satisfies MessageDoc;
}

export function incidentListDoc(
  locale: Locale,
  incidents: IncidentRecord[],
  now: number,
): MessageDoc {
  if (incidents.length === 0) {
    const text = t(locale, 'listEmpty');
    return { text, tone: 'ok', blocks: [{ type: 'section', text }] };
  }
  const rows = incidents.map((i) =>
    t(locale, 'listRow', {
      id: i.id,
      status: statusLabel(locale, i.status),
      title: plain(i.title),
      elapsed: formatDuration(locale, now - i.openedAt),
      ack: i.acknowledgedBy ? t(locale, 'listAck', { who: plain(i.acknowledgedBy) }) : '',
    }),
  );
  return {
    text: `${t(locale, 'listTitle')}: ${incidents.length}`,
    tone: 'warning',
    blocks: [
      { type: 'header', text: t(locale, 'listTitle') },
      { type: 'section', text: rows.join('\n') },
    ],
    actions: incidents
      .filter((i) => i.acknowledgedAt === undefined)
      .map((i) => ({
        id: 'incident.ack',
        label: `${t(locale, 'ack')} #${i.id}`,
        command: `ack ${i.id}`,
      })),
  };
}

interface EscalationView {
  incident: IncidentRecord;
  now: number;
  /** `subteam^S…` or `U…` for mentions and DMs. */
  who: string;
  /** How `who` reads outside Slack (config `name`). */
  name?: string | undefined;
}

/** An escalation notice: the text and a button to acknowledge right there. */
function escalationDoc(locale: Locale, v: EscalationView, text: string): MessageDoc {
  return {
    text,
    tone: 'critical',
    blocks: [{ type: 'section', text: `⏰ ${text}` }],
    actions: [
      {
        id: 'incident.ack',
        label: t(locale, 'ack'),
        command: `ack ${v.incident.id}`,
        style: 'primary',
      },
    ],
  };
}

export function escalationMentionDoc(locale: Locale, v: EscalationView): MessageDoc {
  const text = t(locale, 'escalateText', {
    who: mention(v.who, v.name),
    id: v.incident.id,
    title: plain(v.incident.title),
    elapsed: formatDuration(locale, v.now - v.incident.openedAt),
  });
  return escalationDoc(locale, v, text);
}

export function escalationDmDoc(locale: Locale, v: EscalationView): MessageDoc {
  const text = t(locale, 'dmText', {
    id: v.incident.id,
    title: plain(v.incident.title),
    elapsed: formatDuration(locale, v.now - v.incident.openedAt),
  });
  return escalationDoc(locale, v, text);
}

/**
 * A short page for WhatsApp: what fails and why, how long nobody took it, and one reply to
 * send, in the manager's language (managers answer with text; `reconocer` and `ack` both work).
 */
export function pageDoc(
  locale: Locale,
  v: Omit<EscalationView, 'who'> & { reason: string | undefined },
): MessageDoc {
  const text = t(locale, 'pageText', {
    id: v.incident.id,
    title: v.incident.title,
    reason: v.reason ?? '?',
    elapsed: formatDuration(locale, v.now - v.incident.openedAt),
  });
  return {
    text,
    tone: 'critical',
    blocks: [{ type: 'section', text: plain(text) }],
    // WhatsApp reads the incident id from this action to attach replies to the incident.
    actions: [
      {
        id: 'incident.ack',
        label: t(locale, 'pageAction'),
        command: t(locale, 'pageCommand', { id: v.incident.id }),
        style: 'primary',
      },
    ],
  };
}
