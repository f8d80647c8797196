import { type DocAction, type MessageDoc, plain } from '../bot/messages/doc.js';
import { formatDuration, formatNumber, formatPercent, formatTime } from '../i18n/format.js';
import { defineCatalog, type Locale } from '../i18n/locale.js';
import type { Runbook } from './schema.js';
import type { ParamValue } from './template.js';

const t = defineCatalog({
  en: {
    listTitle: 'Runbooks you may run',
    listEmpty: 'There is no runbook you may run.',
    listRow: '*{id}* · {title}{confirm}{cooldown} — {description}',
    needsConfirm: ' · asks to confirm',
    cooldown: ' · cooldown {duration}',
    runButton: 'Run {id}',
    dryTitle: 'Dry run of {id}: nothing was called',
    dryStep: '{n}. {desc}',
    confirmTitle: 'Confirm: run {title}?',
    confirmBody: '{id} with {params}{incident}. This expires at {expires}.',
    confirmIncident: ' for incident #{id}',
    confirmVerifies: " Success means {monitor}, the incident's failing monitor, is healthy again.",
    noParams: 'no parameters',
    confirm: 'Confirm',
    cancel: 'Cancel',
    started: 'Run #{runId} of {id} started{incident}; progress is shown in #{channel}.',
    cancelled: 'Cancelled: {id} will not run.',
    progressTitle: 'Run #{runId}: {title}',
    progressBy: 'started by {who}{incident}',
    stateRunning: 'running',
    stateSucceeded: 'succeeded',
    stateFailed: 'failed',
    resultOk:
      'Runbook {title} (run #{runId}) finished: all {n} steps succeeded. Watching the monitor before calling it fixed.',
    resultFailed: 'Runbook {title} (run #{runId}) failed at step {step}: {error}',
    verdictRecovered: 'Verdict on run #{runId} ({title}): {target} recovered.',
    verdictNot: 'Verdict on run #{runId} ({title}): {target} has not recovered after {within}.',
    figures: '{target}: before {before} → after {after}',
    figure: '{avg} avg, {failures} of {count|1 check|# checks} failing',
    noData: 'too few checks to say ({count})',
    // A rate's checks after a fix still count the failures in its window: show its attempts.
    figuresRate:
      '{target}: before {before} → since the run {rate} over {attempts} attempts in {window}',
  },
  'es-AR': {
    listTitle: 'Runbooks que podés ejecutar',
    listEmpty: 'No hay ningún runbook que puedas ejecutar.',
    listRow: '*{id}* · {title}{confirm}{cooldown} — {description}',
    needsConfirm: ' · pide confirmación',
    cooldown: ' · espera {duration} entre corridas',
    runButton: 'Ejecutar {id}',
    dryTitle: 'Simulación de {id}: no se llamó a nada',
    dryStep: '{n}. {desc}',
    confirmTitle: '¿Confirmás ejecutar {title}?',
    confirmBody: '{id} con {params}{incident}. Vence a las {expires}.',
    confirmIncident: ' para el incidente #{id}',
    confirmVerifies:
      ' Sale bien si {monitor}, el monitor que falla en el incidente, vuelve a estar bien.',
    noParams: 'sin parámetros',
    confirm: 'Confirmar',
    cancel: 'Cancelar',
    started: 'Corrida #{runId} de {id} iniciada{incident}; el progreso se ve en #{channel}.',
    cancelled: 'Cancelado: {id} no se va a ejecutar.',
    progressTitle: 'Corrida #{runId}: {title}',
    progressBy: 'iniciada por {who}{incident}',
    stateRunning: 'en curso',
    stateSucceeded: 'terminó bien',
    stateFailed: 'falló',
    resultOk:
      'El runbook {title} (corrida #{runId}) terminó: los {n} pasos salieron bien. Vigilo el ' +
      'monitor antes de darlo por arreglado.',
    resultFailed: 'El runbook {title} (corrida #{runId}) falló en el paso {step}: {error}',
    verdictRecovered: 'Veredicto de la corrida #{runId} ({title}): {target} se recuperó.',
    verdictNot:
      'Veredicto de la corrida #{runId} ({title}): {target} no se recuperó después de {within}.',
    figures: '{target}: antes {before} → después {after}',
    figure: '{avg} prom., {failures} de {count|1 chequeo|# chequeos} fallando',
    noData: 'muy pocos chequeos para decir ({count})',
    figuresRate:
      '{target}: antes {before} → desde la corrida {rate} en {attempts} intentos en {window}',
  },
});

export function text(locale: Locale, key: Parameters<typeof t>[1], params = {}) {
  return t(locale, key, params);
}

function simple(body: string, tone: MessageDoc['tone'] = 'info'): MessageDoc {
  return { text: body, tone, blocks: [{ type: 'section', text: body }] };
}

function paramsText(locale: Locale, params: Record<string, ParamValue>): string {
  const pairs = Object.entries(params).map(([k, v]) => `\`${k}=${plain(String(v))}\``);
  return pairs.length ? pairs.join(' ') : t(locale, 'noParams');
}

export function runbookListDoc(locale: Locale, runbooks: readonly Runbook[]): MessageDoc {
  if (runbooks.length === 0) return simple(t(locale, 'listEmpty'));
  const rows = runbooks.map((r) =>
    t(locale, 'listRow', {
      id: r.id,
      title: plain(r.title[locale]),
      confirm: r.confirm ? t(locale, 'needsConfirm') : '',
      cooldown: r.cooldown
        ? t(locale, 'cooldown', { duration: formatDuration(locale, r.cooldown) })
        : '',
      description: plain(r.description[locale]),
    }),
  );
  return {
    text: `${t(locale, 'listTitle')}: ${runbooks.map((r) => r.id).join(', ')}`,
    tone: 'info',
    blocks: [
      { type: 'header', text: t(locale, 'listTitle') },
      { type: 'section', text: rows.join('\n') },
    ],
    actions: runbooks.map((r) => ({
      id: `runbook.run.${r.id}`,
      label: t(locale, 'runButton', { id: r.id }),
      command: `run ${r.id}`,
    })),
  };
}

export function dryRunDoc(locale: Locale, runbook: Runbook, steps: string[]): MessageDoc {
  const title = t(locale, 'dryTitle', { id: runbook.id });
  return {
    text: title,
    tone: 'info',
    blocks: [
      { type: 'header', text: title },
      {
        type: 'section',
        text: steps
          .map((desc, i) => t(locale, 'dryStep', { n: i + 1, desc: plain(desc) }))
          .join('\n'),
      },
    ],
  };
}

export interface ConfirmView {
  runbook: Runbook;
  params: Record<string, ParamValue>;
  incidentId: number | undefined;
  /** The incident's failing monitor the run checks, when it was filled in from the incident. */
  verifies?: string | undefined;
  token: string;
  expiresAt: number;
  timeZone: string;
}

export function confirmDoc(locale: Locale, v: ConfirmView): MessageDoc {
  const title = t(locale, 'confirmTitle', { title: plain(v.runbook.title[locale]) });
  const body = t(locale, 'confirmBody', {
    id: v.runbook.id,
    params: paramsText(locale, v.params),
    incident: v.incidentId ? t(locale, 'confirmIncident', { id: v.incidentId }) : '',
    expires: formatTime(locale, v.timeZone, v.expiresAt),
  });
  const verifies = v.verifies ? t(locale, 'confirmVerifies', { monitor: plain(v.verifies) }) : '';
  const actions: DocAction[] = [
    {
      id: 'runbook.confirm',
      label: t(locale, 'confirm'),
      command: `confirm ${v.token}`,
      style: 'danger',
    },
    { id: 'runbook.cancel', label: t(locale, 'cancel'), command: `cancel ${v.token}` },
  ];
  return {
    text: title,
    tone: 'warning',
    blocks: [
      { type: 'header', text: title },
      { type: 'section', text: body + verifies },
    ],
    actions,
  };
}

export function startedDoc(
  locale: Locale,
  runId: number,
  runbook: Runbook,
  incidentId: number | undefined,
  channel: string,
) {
  return simple(
    t(locale, 'started', {
      runId,
      id: runbook.id,
      channel,
      incident: incidentId ? t(locale, 'confirmIncident', { id: incidentId }) : '',
    }),
  );
}

export function cancelledDoc(locale: Locale, runbookId: string): MessageDoc {
  return simple(t(locale, 'cancelled', { id: runbookId }));
}

export type StepState = {
  desc: string;
  state: 'pending' | 'running' | 'ok' | 'failed';
  text?: string;
};

const MARK = { pending: '◻️', running: '⏳', ok: '✅', failed: '❌' } as const;

export interface ProgressView {
  runId: number;
  runbook: Runbook;
  startedBy: string;
  incidentId: number | undefined;
  steps: StepState[];
  status: 'running' | 'succeeded' | 'failed';
}

/** The one message per run, edited after every step. */
export function progressDoc(locale: Locale, v: ProgressView): MessageDoc {
  const title = t(locale, 'progressTitle', {
    runId: v.runId,
    title: plain(v.runbook.title[locale]),
  });
  const state = t(
    locale,
    v.status === 'running'
      ? 'stateRunning'
      : v.status === 'succeeded'
        ? 'stateSucceeded'
        : 'stateFailed',
  );
  const lines = v.steps.map((s, i) => `${MARK[s.state]} ${i + 1}. ${plain(s.text ?? s.desc)}`);
  return {
    text: `${title}: ${state}`,
    tone: v.status === 'failed' ? 'critical' : v.status === 'succeeded' ? 'ok' : 'info',
    blocks: [
      { type: 'header', text: `${title} (${state})` },
      { type: 'section', text: lines.join('\n') },
      {
        type: 'context',
        text: t(locale, 'progressBy', {
          who: plain(v.startedBy),
          incident: v.incidentId ? t(locale, 'confirmIncident', { id: v.incidentId }) : '',
        }),
      },
    ],
  };
}

export function resultDoc(
  locale: Locale,
  v: ProgressView,
  failedAt?: { step: number; error: string },
) {
  const title = plain(v.runbook.title[locale]);
  const body = failedAt
    ? t(locale, 'resultFailed', {
        title,
        runId: v.runId,
        step: failedAt.step,
        error: plain(failedAt.error),
      })
    : t(locale, 'resultOk', { title, runId: v.runId, n: v.steps.length });
  return simple(body, failedAt ? 'critical' : 'info');
}

export interface Figure {
  count: number;
  failures: number;
  avg: string | undefined;
}

export interface VerdictView {
  runId: number;
  runbook: Runbook;
  recovered: boolean;
  target: string;
  before: Figure;
  after: Figure;
  withinMs: number;
  /** A rate judged on the attempts since the run began: its window still holds older ones. */
  sinceRun?: { ratio: number; attempts: number; windowMs: number };
}

function figureText(locale: Locale, f: Figure): string {
  if (f.count < 2 || f.avg === undefined) return t(locale, 'noData', { count: f.count });
  return t(locale, 'figure', { avg: f.avg, failures: f.failures, count: f.count });
}

export function verdictDoc(locale: Locale, v: VerdictView): MessageDoc {
  const params = {
    runId: v.runId,
    title: plain(v.runbook.title[locale]),
    target: plain(v.target),
    within: formatDuration(locale, v.withinMs),
  };
  const head = t(locale, v.recovered ? 'verdictRecovered' : 'verdictNot', params);
  const [target, before, s] = [plain(v.target), figureText(locale, v.before), v.sinceRun];
  const figures = s
    ? t(locale, 'figuresRate', {
        target,
        before,
        rate: formatPercent(locale, s.ratio),
        attempts: formatNumber(locale, s.attempts, 0),
        window: formatDuration(locale, s.windowMs),
      })
    : t(locale, 'figures', { target, before, after: figureText(locale, v.after) });
  return {
    text: `${head} ${figures}`,
    tone: v.recovered ? 'ok' : 'critical',
    blocks: [
      { type: 'section', text: `${v.recovered ? '✅' : '❌'} *${head}*` },
      { type: 'context', text: figures },
    ],
  };
}
