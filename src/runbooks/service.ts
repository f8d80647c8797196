import type { AuditLog } from '../audit/audit-log.js';
import type { MessageDoc } from '../bot/messages/doc.js';
import type { Caller } from '../bot/router.js';
import type { RunbooksConfig } from '../config/incidents.js';
import type { Clock } from '../core/clock.js';
import { GuardiaError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { someOf } from '../core/some.js';
import { formatTime } from '../i18n/format.js';
import type { Locale } from '../i18n/locale.js';
import { anyGlob } from '../incidents/glob.js';
import type { IncidentService } from '../incidents/service.js';
import type { IncidentRecord } from '../incidents/store.js';
import { mayRun } from './access.js';
import type { ConfirmationStore } from './confirmations.js';
import type { RunExecutor } from './executor.js';
import { withIncidentMonitor } from './incident-target.js';
import { cancelledDoc, confirmDoc, dryRunDoc, startedDoc } from './messages.js';
import { parseRunArgs } from './params.js';
import type { RunStore } from './runs.js';
import type { Runbook, RunbookMatch } from './schema.js';
import { describeStep } from './steps/index.js';
import type { ParamValue } from './template.js';

export interface RunbookServiceOptions {
  runbooks: readonly Runbook[];
  config: RunbooksConfig;
  runs: RunStore;
  confirmations: ConfirmationStore;
  executor: RunExecutor;
  audit: AuditLog;
  clock: Clock;
  log: Logger;
  timeZone: string;
  incidents: () => IncidentService | undefined;
  /** Target ids that exist, so a `monitor=` naming none is refused before any side effect. */
  knownTargets?: () => readonly string[];
}

export interface RunRequest {
  caller: Caller;
  locale: Locale;
  deliveryId?: string | undefined;
}

const who = (c: Caller) => c.name ?? c.id;

/** Whether an incident fits a runbook's `suggestFor`/`autoFor`. */
export function matches(match: RunbookMatch | undefined, incident: IncidentRecord): boolean {
  if (!match || (match.kinds.length === 0 && match.targets.length === 0)) return false;
  const kindOk = match.kinds.length === 0 || anyGlob(match.kinds, incident.kind);
  const targetOk = match.targets.length === 0 || anyGlob(match.targets, incident.targetId);
  return kindOk && targetOk;
}

const REFUSALS: Record<Locale, Record<string, string>> = {
  en: {
    forbidden: 'You are not allowed to run runbook "{id}". This attempt was recorded.',
    notFound: 'There is no runbook "{id}". Type runbooks for the list.',
    cooldown: 'Runbook "{id}" ran recently; it may run again at {at}.',
    busy: 'Runbook "{id}" is already running for this incident (run #{runId}, started by {by}).',
    duplicate: 'That request already started run #{runId}.',
    unknown: 'No pending confirmation "{token}".',
    used: 'Confirmation "{token}" was already used or cancelled.',
    expired: 'Confirmation "{token}" expired; run the runbook again.',
    'not-yours': 'Confirmation "{token}" belongs to someone else.',
    noIncident: 'There is no incident #{id}.',
    resolvedIncident: 'Incident #{id} is already resolved; there is nothing to remediate.',
  },
  'es-AR': {
    forbidden: 'No tenés permiso para ejecutar el runbook "{id}". El intento quedó registrado.',
    notFound: 'No existe el runbook "{id}". Escribí runbooks para ver la lista.',
    cooldown: 'El runbook "{id}" corrió hace poco; puede volver a correr a las {at}.',
    busy: 'El runbook "{id}" ya está corriendo para este incidente (corrida #{runId}, de {by}).',
    duplicate: 'Ese pedido ya inició la corrida #{runId}.',
    unknown: 'No hay una confirmación pendiente "{token}".',
    used: 'La confirmación "{token}" ya se usó o se canceló.',
    expired: 'La confirmación "{token}" venció; volvé a pedir el runbook.',
    'not-yours': 'La confirmación "{token}" es de otra persona.',
    noIncident: 'No existe el incidente #{id}.',
    resolvedIncident: 'El incidente #{id} ya está resuelto; no hay nada que remediar.',
  },
};

function refusal(locale: Locale, key: string, params: Record<string, string | number>): string {
  const template = REFUSALS[locale][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (w, name: string) =>
    name in params ? String(params[name]) : w,
  );
}

/**
 * Who may run what, suggestions for incidents, confirmation and the start of a run. Every
 * path into a run (typed command, button, confirmation, automatic) passes through `#start`,
 * which checks permission and cooldown again and relies on the database for exactly-once.
 */
export class RunbookService {
  readonly #o: RunbookServiceOptions;
  readonly #byId: Map<string, Runbook>;

  constructor(options: RunbookServiceOptions) {
    this.#o = options;
    this.#byId = new Map(options.runbooks.map((r) => [r.id, r]));
  }

  list(): readonly Runbook[] {
    return this.#o.runbooks;
  }

  get(id: string): Runbook | undefined {
    return this.#byId.get(id);
  }

  mayRun(caller: Caller, runbook: Runbook): boolean {
    return mayRun(caller, runbook, this.#o.config.groups);
  }

  visibleTo(caller: Caller): Runbook[] {
    return this.#o.runbooks.filter((r) => this.mayRun(caller, r));
  }

  suggestFor(incident: IncidentRecord, locale: Locale): { id: string; title: string } | undefined {
    const found = this.#o.runbooks.find((r) => matches(r.suggestFor, incident));
    return found ? { id: found.id, title: found.title[locale] } : undefined;
  }

  autoFor(incident: IncidentRecord): Runbook | undefined {
    return this.#o.runbooks.find((r) => matches(r.autoFor, incident));
  }

  /** A `monitor` the run would verify must exist: the check comes before the side effect. */
  #checkMonitor(locale: Locale, runbook: Runbook, params: Record<string, ParamValue>): void {
    const monitor = params.monitor;
    const known = this.#o.knownTargets?.();
    if (!known || !('monitor' in runbook.params) || typeof monitor !== 'string') return;
    if (known.includes(monitor)) return;
    throw new GuardiaError(
      'RUNBOOK_PARAMS',
      locale === 'en'
        ? `${runbook.id}: no monitor named "${monitor}" (known: ${someOf(known, 8, 'none')})`
        : `${runbook.id}: no hay un monitor llamado "${monitor}" (conocidos: ${someOf(known, 8, 'ninguno')})`,
      { monitor },
    );
  }

  /** `run ID [key=value…] [--dry-run] [incident=N]` */
  request(req: RunRequest, runbookId: string, words: readonly string[]): MessageDoc {
    const { locale } = req;
    const runbook = this.#byId.get(runbookId);
    if (!runbook)
      throw new GuardiaError('RUNBOOK_NOT_FOUND', refusal(locale, 'notFound', { id: runbookId }));
    this.#checkAllowed(req, runbook, 'run');
    const parsed = parseRunArgs(runbook, words, locale);
    const incidentId = parsed.incidentId ?? this.#inferIncident(runbook);
    const incident = this.#activeIncident(locale, incidentId);
    const given = new Set(words.map((w) => w.slice(0, Math.max(0, w.indexOf('=')))));
    const params = this.#fillFromIncident(runbook, parsed.params, given, incident);
    this.#checkMonitor(locale, runbook, params);
    const args = { ...parsed, params };
    const subject = `runbook:${runbook.id}`;
    const base = { actor: who(req.caller), via: req.caller.adapter, subject };
    if (args.dryRun) {
      this.#o.audit.record({
        ...base,
        action: 'run',
        params: { ...args.params, incidentId },
        result: 'dry-run',
      });
      return dryRunDoc(
        locale,
        runbook,
        runbook.steps.map((s) => describeStep(s, args.params, locale)),
      );
    }
    this.#checkCooldown(req, runbook);
    if (runbook.confirm) {
      const pending = this.#o.confirmations.create({
        runbookId: runbook.id,
        params: args.params,
        incidentId,
        requestedBy: req.caller.id,
        deliveryId: req.deliveryId,
        now: this.#o.clock.now(),
        expiresAt: this.#o.clock.now() + this.#o.config.confirmTtl,
      });
      this.#o.audit.record({
        ...base,
        action: 'run',
        params: { ...args.params, incidentId, token: pending.token },
        result: 'awaiting confirmation',
      });
      return confirmDoc(locale, {
        runbook,
        params: args.params,
        incidentId,
        verifies: params.monitor !== parsed.params.monitor ? String(params.monitor) : undefined,
        token: pending.token,
        expiresAt: pending.expiresAt,
        timeZone: this.#o.timeZone,
      });
    }
    return this.#start(req, runbook, args.params, incidentId, req.deliveryId);
  }

  confirm(req: RunRequest, token: string): MessageDoc {
    const claim = this.#o.confirmations.claim(
      token,
      req.caller.id,
      this.#o.clock.now(),
      'confirmed',
    );
    const base = {
      actor: who(req.caller),
      via: req.caller.adapter,
      subject: `confirmation:${token}`,
    };
    if (!claim.ok) {
      this.#o.audit.record({ ...base, action: 'confirm', result: `refused: ${claim.reason}` });
      throw new GuardiaError('CONFIRMATION_INVALID', refusal(req.locale, claim.reason, { token }));
    }
    const { confirmation } = claim;
    const runbook = this.#byId.get(confirmation.runbookId);
    if (!runbook)
      throw new GuardiaError(
        'RUNBOOK_NOT_FOUND',
        refusal(req.locale, 'notFound', { id: confirmation.runbookId }),
      );
    this.#activeIncident(req.locale, confirmation.incidentId ?? undefined);
    this.#o.audit.record({
      ...base,
      action: 'confirm',
      params: { runbook: runbook.id },
      result: 'ok',
    });
    return this.#start(
      req,
      runbook,
      confirmation.params,
      confirmation.incidentId,
      `confirm:${token}`,
    );
  }

  cancel(req: RunRequest, token: string): MessageDoc {
    const claim = this.#o.confirmations.claim(
      token,
      req.caller.id,
      this.#o.clock.now(),
      'cancelled',
    );
    if (!claim.ok)
      throw new GuardiaError('CONFIRMATION_INVALID', refusal(req.locale, claim.reason, { token }));
    this.#o.audit.record({
      actor: who(req.caller),
      via: req.caller.adapter,
      action: 'cancel',
      subject: `runbook:${claim.confirmation.runbookId}`,
      params: { token },
      result: 'ok',
    });
    return cancelledDoc(req.locale, claim.confirmation.runbookId);
  }

  /** Automatic remediation: the bot itself is the actor; permission and confirmation do not apply. */
  startAuto(runbook: Runbook, incident: IncidentRecord, locale: Locale): MessageDoc {
    const caller: Caller = { id: 'guardia', name: 'guardia', groups: [], adapter: 'auto' };
    const params = this.#fillFromIncident(runbook, {}, new Set(), incident);
    return this.#start({ caller, locale }, runbook, params, incident.id, undefined, true);
  }

  /** The incident a run is for, refusing one that does not exist or is already resolved. */
  #activeIncident(locale: Locale, id: number | undefined): IncidentRecord | undefined {
    if (id === undefined) return undefined;
    const incident = this.#o.incidents()?.get(id);
    if (!incident) {
      throw new GuardiaError('INCIDENT_NOT_FOUND', refusal(locale, 'noIncident', { id }));
    }
    if (incident.status === 'resolved') {
      throw new GuardiaError('COMMAND_USAGE', refusal(locale, 'resolvedIncident', { id }));
    }
    return incident;
  }

  #fillFromIncident(
    runbook: Runbook,
    params: Record<string, ParamValue>,
    given: ReadonlySet<string>,
    incident: IncidentRecord | undefined,
  ): Record<string, ParamValue> {
    const targets = incident ? (this.#o.incidents()?.store.alertTargets(incident.id) ?? []) : [];
    return withIncidentMonitor(runbook, params, given, incident, targets);
  }

  #start(
    req: RunRequest,
    runbook: Runbook,
    rawParams: Record<string, ParamValue>,
    incidentId: number | undefined,
    deliveryId: string | undefined,
    automatic = false,
  ): MessageDoc {
    if (!automatic) this.#checkAllowed(req, runbook, 'run');
    const params = parseRunArgs(
      runbook,
      Object.entries(rawParams).map(([k, v]) => `${k}=${v}`),
    ).params;
    this.#checkCooldown(req, runbook);
    const started = this.#o.executor.start({
      runbook,
      params,
      incidentId,
      startedBy: who(req.caller),
      via: req.caller.adapter,
      deliveryId,
    });
    if (!started.ok) {
      const run = started.run;
      const key = started.reason === 'duplicate' ? 'duplicate' : 'busy';
      throw new GuardiaError(
        'RUNBOOK_BUSY',
        refusal(req.locale, key, {
          id: runbook.id,
          runId: run?.id ?? '?',
          by: run?.startedBy ?? '?',
        }),
      );
    }
    return startedDoc(req.locale, started.run.id, runbook, incidentId, started.channelKey);
  }

  #checkAllowed(req: RunRequest, runbook: Runbook, action: 'run' | 'confirm'): void {
    if (this.mayRun(req.caller, runbook)) return;
    this.#o.audit.record({
      actor: who(req.caller),
      via: req.caller.adapter,
      action: 'refuse',
      subject: `runbook:${runbook.id}`,
      params: { attempted: action },
      result: 'refused: not allowed',
    });
    this.#o.log.info({ runbook: runbook.id, caller: req.caller.id }, 'runbook refused');
    throw new GuardiaError(
      'RUNBOOK_FORBIDDEN',
      refusal(req.locale, 'forbidden', { id: runbook.id }),
    );
  }

  #checkCooldown(req: RunRequest, runbook: Runbook): void {
    if (!runbook.cooldown) return;
    const last = this.#o.runs.lastActivity(runbook.id);
    const until = last === undefined ? 0 : last + runbook.cooldown;
    if (until <= this.#o.clock.now()) return;
    const at = formatTime(req.locale, this.#o.timeZone, until);
    this.#o.audit.record({
      actor: who(req.caller),
      via: req.caller.adapter,
      action: 'refuse',
      subject: `runbook:${runbook.id}`,
      params: { until: new Date(until).toISOString() },
      result: 'refused: cooldown',
    });
    throw new GuardiaError(
      'RUNBOOK_COOLDOWN',
      refusal(req.locale, 'cooldown', { id: runbook.id, at }),
    );
  }

  /** A typed `run X` lands on the newest active incident X is suggested for. */
  #inferIncident(runbook: Runbook): number | undefined {
    const active = this.#o.incidents()?.open() ?? [];
    return active
      .reverse()
      .find((i) => matches(runbook.suggestFor, i) || matches(runbook.autoFor, i))?.id;
  }
}
