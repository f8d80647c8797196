import type { CommandSpec } from '../bot/router.js';
import { GuardiaError } from '../core/errors.js';
import { runbookListDoc } from './messages.js';
import type { RunbookService } from './service.js';

/** The token a `confirm`/`cancel` needs; without one, say where it comes from. */
function token(locale: string, verb: 'confirm' | 'cancel', word: string | undefined): string {
  if (word) return word;
  throw new GuardiaError(
    'COMMAND_USAGE',
    locale === 'en'
      ? `Usage: ${verb} TOKEN, with the token the run's confirmation message shows`
      : `Uso: ${verb} TOKEN, con el código que muestra el mensaje de confirmación de la corrida`,
  );
}

/** `runbooks`, `run`, `confirm`, `cancel`; all hidden from callers who may run nothing. */
export function runbookCommands(service: RunbookService): CommandSpec[] {
  const mayRunAny = (caller: Parameters<RunbookService['visibleTo']>[0]) =>
    service.visibleTo(caller).length > 0;
  return [
    {
      name: 'runbooks',
      summary: { en: 'runbooks you may run', 'es-AR': 'runbooks que podés ejecutar' },
      sideEffects: false,
      run: async (ctx) => ({
        doc: runbookListDoc(ctx.locale, service.visibleTo(ctx.request.caller)),
        visibility: 'ephemeral',
      }),
    },
    {
      name: 'run',
      aliases: ['ejecutar'],
      usage: 'ID [key=value…] [--dry-run]',
      summary: {
        en: 'run a runbook (asks to confirm when it changes things)',
        'es-AR': 'ejecutar un runbook (pide confirmación si cambia algo)',
      },
      sideEffects: true,
      allowed: mayRunAny,
      run: async (ctx, args) => {
        const [id, ...rest] = args;
        if (!id) {
          throw new GuardiaError(
            'COMMAND_USAGE',
            ctx.locale === 'en'
              ? 'Usage: run ID [key=value…] [--dry-run]; type runbooks for the list'
              : 'Uso: run ID [clave=valor…] [--dry-run]; escribí runbooks para ver la lista',
          );
        }
        const req = {
          caller: ctx.request.caller,
          locale: ctx.locale,
          deliveryId: ctx.request.deliveryId,
        };
        return { doc: service.request(req, id, rest), visibility: 'ephemeral' };
      },
    },
    {
      name: 'confirm',
      aliases: ['confirmar'],
      usage: 'TOKEN',
      summary: { en: 'confirm a pending runbook run', 'es-AR': 'confirmar una corrida pendiente' },
      sideEffects: true,
      allowed: mayRunAny,
      run: async (ctx, args) => {
        const req = {
          caller: ctx.request.caller,
          locale: ctx.locale,
          deliveryId: ctx.request.deliveryId,
        };
        const doc = service.confirm(req, token(ctx.locale, 'confirm', args[0]));
        return { doc, visibility: 'ephemeral' };
      },
    },
    {
      name: 'cancel',
      aliases: ['cancelar'],
      usage: 'TOKEN',
      summary: { en: 'cancel a pending runbook run', 'es-AR': 'cancelar una corrida pendiente' },
      sideEffects: false,
      allowed: mayRunAny,
      run: async (ctx, args) => {
        const req = { caller: ctx.request.caller, locale: ctx.locale };
        const doc = service.cancel(req, token(ctx.locale, 'cancel', args[0]));
        return { doc, visibility: 'ephemeral' };
      },
    },
  ];
}
