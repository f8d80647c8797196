import type { Locale } from '../../i18n/locale.js';
import type { MessageDoc } from '../messages/doc.js';
import type { CommandSpec } from '../router.js';

export interface StatusDeps {
  /** The current status of every target, as a message in the caller's language. */
  doc: (locale: Locale) => MessageDoc;
}

export function statusCommand(deps: StatusDeps): CommandSpec {
  return {
    name: 'status',
    aliases: ['estado'],
    summary: {
      en: 'current state of every monitored target, with its recent figures',
      'es-AR': 'estado actual de cada objetivo monitoreado, con sus cifras recientes',
    },
    sideEffects: false,
    run: async (ctx) => ({ doc: deps.doc(ctx.locale), visibility: 'ephemeral' }),
  };
}
