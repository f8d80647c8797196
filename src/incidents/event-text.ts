import { plain } from '../bot/messages/doc.js';
import { localReason } from '../bot/messages/reasons.js';
import { defineCatalog, type Locale } from '../i18n/locale.js';
import type { CheckResult } from '../monitors/types.js';
import type { IncidentEvent } from './store.js';

const t = defineCatalog({
  en: {
    opened: 'opened: {target} failing ({reason})',
    folded: 'folded in: {target} failing too ({reason})',
    'folded.root':
      'folded in: {target} failing too ({reason}); {previous} depends on it, so it is the ' +
      'probable cause',
    'alert-resolved': '{target} is healthy again',
    ack: 'acknowledged by {actor}',
    note: 'note from {actor}: {text}',
    'escalated.mention': 'escalated: {to} mentioned in the channel',
    'escalated.dm': 'escalated: direct message to {to}',
    'escalated.page': 'escalated: page queued for manager {to}',
    undelivered: 'escalation message not delivered: {error}',
    suppressed: 'announcement suppressed by {reason} "{name}" (still recorded)',
    released: 'the quiet period is over: announced now, and the response clock starts',
    'released.resumed': 'the silence is over: escalation resumes',
    silenced: '{actor} silenced {target} until {until}',
    'run-started': '{actor} started runbook {runbook} (run #{runId})',
    'run-finished': 'runbook {runbook} finished: {status} (run #{runId})',
    paused: '; escalation paused while it runs',
    rearmed: '; escalation resumes',
    'rearmed.event': 'run #{runId} failed; escalation resumes',
    succeeded: 'succeeded',
    failed: 'failed',
    verdict: 'verdict on run #{runId}: {outcome}',
    'auto-gave-up': 'automatic remediation gave up after {attempts} attempts; escalating',
    resolved: 'resolved by {actor}',
    'resolved.monitor': 'resolved: every monitor recovered',
    recovered: 'monitor recovered',
    'not-recovered': 'monitor still failing',
    unknown: '{type}',
  },
  'es-AR': {
    opened: 'abierto: {target} falla ({reason})',
    folded: 'agrupado: {target} también falla ({reason})',
    'folded.root':
      'agrupado: {target} también falla ({reason}); {previous} depende de él, así que es la ' +
      'causa probable',
    'alert-resolved': '{target} volvió a estar bien',
    ack: 'reconocido por {actor}',
    note: 'nota de {actor}: {text}',
    'escalated.mention': 'escalado: se mencionó a {to} en el canal',
    'escalated.dm': 'escalado: mensaje directo a {to}',
    'escalated.page': 'escalado: aviso en cola para el responsable {to}',
    undelivered: 'el mensaje de escalamiento no se entregó: {error}',
    suppressed: 'anuncio suprimido por {reason} "{name}" (igual queda registrado)',
    released: 'terminó el período de silencio: se anuncia ahora y empieza el reloj de respuesta',
    'released.resumed': 'terminó el silencio: se reanuda el escalamiento',
    silenced: '{actor} silenció {target} hasta {until}',
    'run-started': '{actor} ejecutó el runbook {runbook} (corrida #{runId})',
    'run-finished': 'el runbook {runbook} terminó: {status} (corrida #{runId})',
    paused: '; el escalamiento queda en pausa mientras corre',
    rearmed: '; se reanuda el escalamiento',
    'rearmed.event': 'la corrida #{runId} falló; se reanuda el escalamiento',
    succeeded: 'bien',
    failed: 'con error',
    verdict: 'veredicto de la corrida #{runId}: {outcome}',
    'auto-gave-up': 'la remediación automática se rindió tras {attempts} intentos; se escala',
    resolved: 'resuelto por {actor}',
    'resolved.monitor': 'resuelto: todos los monitores se recuperaron',
    recovered: 'el monitor se recuperó',
    'not-recovered': 'el monitor sigue fallando',
    unknown: '{type}',
  },
});

/** The failed check behind an opened or folded event, rephrased in the reader's language. */
function causeOf(locale: Locale, d: Record<string, unknown>): string | undefined {
  const cause = d.cause;
  if (!cause || typeof cause !== 'object' || !('ok' in cause)) return undefined;
  return localReason(locale, cause as CheckResult);
}

function str(value: unknown): string {
  return plain(typeof value === 'string' || typeof value === 'number' ? String(value) : '?');
}

/**
 * Why the incident's main target failed, in the reader's language: from its `opened` entry, or
 * from the latest target found to be the probable cause since.
 */
export function openingReason(
  locale: Locale,
  events: readonly IncidentEvent[],
): string | undefined {
  const opened =
    events.findLast((e) => e.type === 'folded' && e.detail.root === true) ??
    events.find((e) => e.type === 'opened');
  if (!opened) return undefined;
  return (
    causeOf(locale, opened.detail) ??
    (typeof opened.detail.reason === 'string' ? opened.detail.reason : undefined)
  );
}

/** One timeline entry in words. */
export function eventText(locale: Locale, e: IncidentEvent): string {
  const d = e.detail;
  const params = {
    actor: plain(e.actor),
    target: str(d.target),
    reason: plain(causeOf(locale, d) ?? str(d.reason)),
    text: str(d.text),
    to: str(d.to),
    error: str(d.error),
    name: str(d.name),
    until: str(d.until),
    runbook: str(d.runbook),
    runId: str(d.runId),
    status: str(d.status),
    attempts: str(d.attempts),
    previous: str(d.previous),
    type: plain(e.type),
  };
  switch (e.type) {
    case 'escalated':
      return t(
        locale,
        d.action === 'dm'
          ? 'escalated.dm'
          : d.action === 'page'
            ? 'escalated.page'
            : 'escalated.mention',
        params,
      );
    case 'resolved':
      return t(locale, e.actor === 'guardia' ? 'resolved.monitor' : 'resolved', params);
    case 'verdict':
      return (
        t(locale, 'verdict', {
          ...params,
          outcome: t(locale, d.recovered === true ? 'recovered' : 'not-recovered'),
        }) + (typeof d.rearmed === 'number' && d.rearmed > 0 ? t(locale, 'rearmed') : '')
      );
    case 'rearmed':
      return t(locale, 'rearmed.event', params);
    case 'run-started': {
      const paused = typeof d.pausedEscalations === 'number' && d.pausedEscalations > 0;
      return t(locale, 'run-started', params) + (paused ? t(locale, 'paused') : '');
    }
    case 'run-finished':
      return t(locale, 'run-finished', {
        ...params,
        status: t(locale, d.status === 'succeeded' ? 'succeeded' : 'failed'),
      });
    case 'folded':
      return t(locale, d.root === true ? 'folded.root' : 'folded', params);
    case 'released':
      return t(locale, d.resumed === true ? 'released.resumed' : 'released', params);
    case 'opened':
    case 'alert-resolved':
    case 'ack':
    case 'note':
    case 'undelivered':
    case 'suppressed':
    case 'silenced':
    case 'auto-gave-up':
      return t(locale, e.type, params);
    default:
      return t(locale, 'unknown', params);
  }
}
