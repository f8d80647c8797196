import type { MessageDoc } from '../bot/messages/doc.js';
import { plain } from '../bot/messages/doc.js';
import type { CommandReply, CommandSpec } from '../bot/router.js';
import { parseDuration } from '../config/duration.js';
import type { Clock } from '../core/clock.js';
import { GuardiaError } from '../core/errors.js';
import { someOf } from '../core/some.js';
import { formatTime } from '../i18n/format.js';
import { defineCatalog, type Locale } from '../i18n/locale.js';
import { globMatch } from './glob.js';
import { incidentListDoc } from './messages.js';
import type { ChangeResult, IncidentService } from './service.js';

const t = defineCatalog({
  en: {
    usageId: 'Usage: {usage} (the incident number, e.g. 12)',
    usageSilence: 'Usage: silence TARGET DURATION, e.g. silence api-health 30m (max 7d)',
    usageNote: 'Usage: note ID TEXT, e.g. note 12 restarted the gateway by hand',
    notFound: 'There is no incident #{id}.',
    acked: 'Incident #{id} acknowledged by {who}; escalation stopped.',
    alreadyAcked: 'Incident #{id} was already acknowledged by {who}.',
    resolved: 'Incident #{id} resolved by {who}.',
    alreadyResolved: 'Incident #{id} was already resolved.',
    noted: 'Note added to incident #{id}.',
    noteTooLong:
      'That note has {n} characters; the limit is {max}. Nothing was saved: split it into shorter notes.',
    unknownTarget: 'No monitor matches "{target}". Known monitors: {known}.',
    silenced: 'Announcements for {target} silenced until {until}{incidents}. Still recorded.',
    silencedIncidents: ' (escalation stopped for #{ids})',
    usageUnsilence: 'Usage: unsilence TARGET, written as in the silence (e.g. unsilence api-*)',
    unsilenced:
      'Silence on {target} lifted; incidents it held back are announced in a few seconds.',
    noSilence: 'No silence is running on "{target}". Running: {running}.',
  },
  'es-AR': {
    usageId: 'Uso: {usage} (el número del incidente, p. ej. 12)',
    usageSilence: 'Uso: silence OBJETIVO DURACIÓN, p. ej. silence api-health 30m (máx. 7d)',
    usageNote: 'Uso: note ID TEXTO, p. ej. note 12 reinicié el gateway a mano',
    notFound: 'No existe el incidente #{id}.',
    acked: 'Incidente #{id} reconocido por {who}; se detuvo el escalamiento.',
    alreadyAcked: 'El incidente #{id} ya lo había reconocido {who}.',
    resolved: 'Incidente #{id} resuelto por {who}.',
    alreadyResolved: 'El incidente #{id} ya estaba resuelto.',
    noted: 'Nota agregada al incidente #{id}.',
    noteTooLong:
      'Esa nota tiene {n} caracteres; el límite es {max}. No se guardó nada: dividila en notas más cortas.',
    unknownTarget: 'Ningún monitor coincide con "{target}". Monitores conocidos: {known}.',
    silenced: 'Anuncios de {target} silenciados hasta las {until}{incidents}. Igual se registran.',
    silencedIncidents: ' (se detuvo el escalamiento de #{ids})',
    usageUnsilence: 'Uso: unsilence OBJETIVO, escrito como en el silencio (p. ej. unsilence api-*)',
    unsilenced:
      'Se levantó el silencio de {target}; los incidentes que retuvo se anuncian en unos segundos.',
    noSilence: 'No hay un silencio activo sobre "{target}". Activos: {running}.',
  },
});

const MAX_SILENCE_MS = 7 * 86_400_000;
/** Characters (code points) a note may have; longer ones are refused, never cut. */
export const MAX_NOTE_CHARS = 2000;
const KNOWN_SHOWN = 8;

/**
 * The note exactly as typed: what follows the command word and the id in the raw request.
 * The router's words lose quotes and spacing, and a note is the person's own words.
 */
export function noteText(raw: string): string {
  const match = /^\s*\S+\s+\S+\s?([\s\S]*)$/.exec(raw);
  return (match?.[1] ?? '').trimEnd();
}

function reply(text: string, visibility: CommandReply['visibility'] = 'ephemeral'): CommandReply {
  const doc: MessageDoc = { text, tone: 'info', blocks: [{ type: 'section', text }] };
  return { doc, visibility };
}

/** The one word a command takes; anything after it makes the whole thing a usage error. */
const onlyOne = (args: readonly string[]) => (args.length === 1 ? args[0] : undefined);

function incidentId(locale: Locale, usage: string, word: string | undefined): number {
  // Digits only (an optional #): `1e3` and `0x5` are typos, not incidents #1000 and #5.
  const digits = /^#?(\d{1,15})$/.exec(word ?? '')?.[1];
  const id = Number(digits);
  if (digits === undefined || id <= 0) {
    throw new GuardiaError('COMMAND_USAGE', t(locale, 'usageId', { usage }));
  }
  return id;
}

function outcome(locale: Locale, id: number, result: ChangeResult, done: string, already: string) {
  if (!result.ok && result.reason === 'not-found') {
    throw new GuardiaError('INCIDENT_NOT_FOUND', t(locale, 'notFound', { id }));
  }
  return reply(result.ok ? done : already);
}

export interface IncidentCommandDeps {
  incidents: IncidentService;
  clock: Clock;
  timeZone: string;
  /** Ids of the monitors that exist now, to refuse a silence that would match none. */
  knownTargets: () => readonly string[];
}

/** `incidents`, `ack`, `resolve`, `silence`, `note`: the same actions as the buttons. */
export function incidentCommands(deps: IncidentCommandDeps): CommandSpec[] {
  const { incidents } = deps;
  const who = (c: { id: string; name?: string }) => c.name ?? c.id;
  return [
    {
      name: 'incidents',
      aliases: ['incidentes'],
      summary: { en: 'active incidents', 'es-AR': 'incidentes activos' },
      sideEffects: false,
      run: async (ctx) => ({
        doc: incidentListDoc(ctx.locale, incidents.open(), deps.clock.now()),
        visibility: 'ephemeral',
      }),
    },
    {
      name: 'ack',
      aliases: ['reconocer'],
      usage: 'ID',
      summary: {
        en: 'acknowledge an incident (stops its escalation)',
        'es-AR': 'reconocer un incidente (detiene el escalamiento)',
      },
      sideEffects: true,
      run: async (ctx, args) => {
        const id = incidentId(ctx.locale, 'ack ID', onlyOne(args));
        const caller = ctx.request.caller;
        const result = incidents.acknowledge(id, who(caller), caller.adapter);
        const by = plain(result.incident?.acknowledgedBy ?? who(caller));
        // Nobody acknowledged one that resolved by itself: say it is over, not who took it.
        const over = result.incident?.status === 'resolved' && !result.incident.acknowledgedBy;
        return outcome(
          ctx.locale,
          id,
          result,
          t(ctx.locale, 'acked', { id, who: by }),
          over
            ? t(ctx.locale, 'alreadyResolved', { id })
            : t(ctx.locale, 'alreadyAcked', { id, who: by }),
        );
      },
    },
    {
      name: 'resolve',
      aliases: ['resolver'],
      usage: 'ID',
      summary: { en: 'resolve an incident by hand', 'es-AR': 'resolver un incidente a mano' },
      sideEffects: true,
      run: async (ctx, args) => {
        const id = incidentId(ctx.locale, 'resolve ID', onlyOne(args));
        const caller = ctx.request.caller;
        const result = incidents.resolve(id, who(caller), caller.adapter);
        return outcome(
          ctx.locale,
          id,
          result,
          t(ctx.locale, 'resolved', { id, who: plain(who(caller)) }),
          t(ctx.locale, 'alreadyResolved', { id }),
        );
      },
    },
    {
      name: 'silence',
      aliases: ['silenciar'],
      usage: 'TARGET DURATION',
      summary: {
        en: 'hold back announcements for a target (or api-*) for a while',
        'es-AR': 'frenar los anuncios de un objetivo (o api-*) por un rato',
      },
      sideEffects: true,
      run: async (ctx, args) => {
        const [target, span, extra] = args;
        const ms = span ? parseDuration(span) : undefined;
        if (!target || extra || ms === undefined || ms <= 0 || ms > MAX_SILENCE_MS) {
          throw new GuardiaError('COMMAND_USAGE', t(ctx.locale, 'usageSilence'));
        }
        const known = deps.knownTargets();
        if (!known.some((id) => globMatch(target, id))) {
          throw new GuardiaError(
            'COMMAND_USAGE',
            t(ctx.locale, 'unknownTarget', {
              target: plain(target),
              known: plain(someOf(known, KNOWN_SHOWN, '—')),
            }),
          );
        }
        const caller = ctx.request.caller;
        const until = deps.clock.now() + ms;
        const result = incidents.silence(target, until, who(caller), caller.adapter);
        const ids = result.incidents.join(', #');
        return reply(
          t(ctx.locale, 'silenced', {
            target: plain(target),
            until: formatTime(ctx.locale, deps.timeZone, until),
            incidents: ids ? t(ctx.locale, 'silencedIncidents', { ids }) : '',
          }),
        );
      },
    },
    {
      name: 'unsilence',
      aliases: ['dessilenciar'],
      usage: 'TARGET',
      summary: {
        en: 'lift a silence before it ends',
        'es-AR': 'levantar un silencio antes de que termine',
      },
      sideEffects: true,
      run: async (ctx, args) => {
        const [target, extra] = args;
        if (!target || extra)
          throw new GuardiaError('COMMAND_USAGE', t(ctx.locale, 'usageUnsilence'));
        const caller = ctx.request.caller;
        if (incidents.unsilence(target, who(caller), caller.adapter) > 0) {
          return reply(t(ctx.locale, 'unsilenced', { target: plain(target) }));
        }
        const running = incidents.silences().map((s) => s.target);
        throw new GuardiaError(
          'COMMAND_USAGE',
          t(ctx.locale, 'noSilence', {
            target: plain(target),
            running: plain(someOf(running, KNOWN_SHOWN, '—')),
          }),
        );
      },
    },
    {
      name: 'note',
      aliases: ['nota'],
      usage: 'ID TEXT',
      summary: {
        en: 'add a note to an incident timeline and thread',
        'es-AR': 'agregar una nota a la historia y al hilo de un incidente',
      },
      sideEffects: true,
      run: async (ctx, args) => {
        const text = noteText(ctx.request.text);
        if (!text.trim()) throw new GuardiaError('COMMAND_USAGE', t(ctx.locale, 'usageNote'));
        const id = incidentId(ctx.locale, 'note ID TEXT', args[0]);
        const n = [...text].length;
        if (n > MAX_NOTE_CHARS) {
          throw new GuardiaError(
            'COMMAND_USAGE',
            t(ctx.locale, 'noteTooLong', { n, max: MAX_NOTE_CHARS }),
          );
        }
        const caller = ctx.request.caller;
        const result = incidents.addNote(id, who(caller), text, caller.adapter);
        if (!result.ok)
          throw new GuardiaError('INCIDENT_NOT_FOUND', t(ctx.locale, 'notFound', { id }));
        return reply(t(ctx.locale, 'noted', { id }));
      },
    },
  ];
}
