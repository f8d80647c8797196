import { defineCatalog, type Locale } from '../../i18n/locale.js';
import type { CommandSpec } from '../router.js';
import type { MessageDoc } from './doc.js';

const t = defineCatalog({
  en: {
    title: 'guardia commands',
    footer: 'Type them after /ops in Slack, in a direct message to the bot, or after @guardia.',
  },
  'es-AR': {
    title: 'Comandos de guardia',
    footer:
      'Escribilos después de /ops en Slack, en un mensaje directo al bot o después de @guardia.',
  },
});

/** Built from the command declarations themselves, so help never lists a command that is gone. */
export function helpDoc(locale: Locale, commands: readonly CommandSpec[]): MessageDoc {
  const lines = commands.map((c) => {
    const usage = c.usage ? ` ${c.usage}` : '';
    const aliases = c.aliases?.length ? ` (${c.aliases.join(', ')})` : '';
    return `\`/ops ${c.name}${usage}\`${aliases} — ${c.summary[locale]}`;
  });
  return {
    text: t(locale, 'title'),
    tone: 'info',
    blocks: [
      { type: 'header', text: t(locale, 'title') },
      { type: 'section', text: lines.join('\n') },
      { type: 'context', text: t(locale, 'footer') },
    ],
  };
}
