import { plain } from '../bot/messages/doc.js';
import type { CommandSpec } from '../bot/router.js';
import { GuardiaError } from '../core/errors.js';
import { formatTime } from '../i18n/format.js';
import { defineCatalog } from '../i18n/locale.js';
import type { AuditLog, AuditRecord } from './audit-log.js';

const t = defineCatalog({
  en: {
    title: 'Audit log: latest {n}',
    empty: 'The audit log is empty.',
    export: 'Full export: guardia audit export --format csv',
    usage: 'Usage: audit [N], N a whole number from 1 to {max} (default {default})',
  },
  'es-AR': {
    title: 'Registro de auditoría: últimas {n}',
    empty: 'El registro de auditoría está vacío.',
    export: 'Exportación completa: guardia audit export --format csv',
    usage: 'Uso: audit [N], con N un número entero de 1 a {max} (por defecto {default})',
  },
});

function line(r: AuditRecord, time: string): string {
  const params = Object.keys(r.params).length ? ` ${plain(JSON.stringify(r.params))}` : '';
  const who = `*${plain(r.actor)}* (${plain(r.via)})`;
  return `${time} · ${who} ${r.action} ${plain(r.subject)}${params} → ${plain(r.result)}`;
}

const DEFAULT_N = 15;
const MAX_N = 100;

/** `audit [N]`: the newest entries of the append-only audit log. */
export function auditCommand(audit: AuditLog, timeZone: string): CommandSpec {
  return {
    name: 'audit',
    aliases: ['auditoria'],
    usage: '[N]',
    summary: {
      en: 'latest audit log entries: who did what, when, with which result',
      'es-AR': 'últimas entradas de auditoría: quién hizo qué, cuándo y con qué resultado',
    },
    sideEffects: false,
    run: async (ctx, args) => {
      const n = args[0] === undefined ? DEFAULT_N : Number(args[0]);
      if (args.length > 1 || !/^\d+$/.test(args[0] ?? String(DEFAULT_N)) || n < 1 || n > MAX_N) {
        throw new GuardiaError(
          'COMMAND_USAGE',
          t(ctx.locale, 'usage', { max: MAX_N, default: DEFAULT_N }),
        );
      }
      const records = audit.latest(n);
      if (records.length === 0) {
        const text = t(ctx.locale, 'empty');
        return { doc: { text, blocks: [{ type: 'section', text }] }, visibility: 'ephemeral' };
      }
      const rows = records.reverse().map((r) => line(r, formatTime(ctx.locale, timeZone, r.at)));
      const title = t(ctx.locale, 'title', { n: records.length });
      return {
        doc: {
          text: title,
          tone: 'info',
          blocks: [
            { type: 'header', text: title },
            { type: 'section', text: rows.join('\n') },
            { type: 'context', text: t(ctx.locale, 'export') },
          ],
        },
        visibility: 'ephemeral',
      };
    },
  };
}
