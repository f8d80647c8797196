import { GuardiaError } from '../../core/errors.js';
import type { Locale } from '../../i18n/locale.js';
import type { SummaryKind } from '../../summaries/service.js';
import type { MessageDoc } from '../messages/doc.js';
import type { CommandSpec } from '../router.js';

const KINDS: Record<string, SummaryKind> = {
  team: 'team',
  equipo: 'team',
  exec: 'exec',
  ejecutivo: 'exec',
};

/** `/ops summary team|exec`: the summary now, with the chart for the team one. */
export function summaryCommand(
  build: (kind: SummaryKind, locale: Locale) => MessageDoc,
): CommandSpec {
  return {
    name: 'summary',
    aliases: ['resumen'],
    usage: '[team|exec]',
    summary: {
      en: 'the team (default) or executive summary now, with the last-hour chart',
      'es-AR':
        'el resumen del equipo (por defecto) o el ejecutivo ahora, con el gráfico de la última hora',
    },
    sideEffects: false,
    run: async (ctx, args) => {
      const word = (args[0] ?? 'team').toLowerCase();
      const kind = KINDS[word];
      if (!kind) {
        throw new GuardiaError(
          'COMMAND_USAGE',
          ctx.locale === 'en'
            ? `Unknown summary "${word}": use team or exec.`
            : `No existe el resumen "${word}": usá team o exec.`,
        );
      }
      return { doc: build(kind, ctx.locale), visibility: 'channel' };
    },
  };
}
