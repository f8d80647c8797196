import {
  type MessageDoc,
  mentionLabel,
  replaceMentions,
  TONE_EMOJI,
} from '../../bot/messages/doc.js';
import { defineCatalog, type Locale } from '../../i18n/locale.js';

/** Twilio refuses WhatsApp bodies longer than this many characters. */
export const WHATSAPP_MAX_CHARS = 1600;

const t = defineCatalog({
  en: { reply: 'Reply *{command}* to {label}', image: 'chart (see Slack): {title}' },
  'es-AR': {
    reply: 'Respondé *{command}* para {label}',
    image: 'gráfico (ver en Slack): {title}',
  },
});

export interface WhatsAppRenderOptions {
  locale?: Locale;
  /** Turns a Slack user or group id into a name; WhatsApp has no mentions. */
  mentionName?: (id: string, name: string | undefined) => string;
  maxChars?: number;
}

/**
 * Renders a MessageDoc as WhatsApp text (`*bold*`, `_italic_`, ``` ```mono``` ```) and splits it
 * into messages of at most 1,600 characters, on line boundaries where possible. Pure.
 */
export function renderWhatsApp(doc: MessageDoc, options: WhatsAppRenderOptions = {}): string[] {
  const locale = options.locale ?? 'es-AR';
  const name = options.mentionName ?? mentionLabel;
  const txt = (s: string) => whatsAppText(replaceMentions(s, name));
  const lines: string[] = [];
  for (const block of doc.blocks) {
    switch (block.type) {
      case 'header':
        lines.push(`*${txt(block.text).replace(/\*/g, '')}*`);
        break;
      case 'section':
        lines.push(txt(block.text));
        break;
      case 'fields':
        for (const f of block.fields) lines.push(`*${txt(f.label)}:* ${txt(f.value)}`);
        break;
      case 'context':
        lines.push(`_${txt(block.text).replace(/_/g, '')}_`);
        break;
      case 'divider':
        lines.push('──────────');
        break;
      case 'image':
        lines.push(`🖼 ${t(locale, 'image', { title: txt(block.title ?? block.alt) })}`);
        break;
    }
  }
  if (lines.length === 0) lines.push(txt(doc.text));
  if (doc.tone) lines[0] = `${TONE_EMOJI[doc.tone]} ${lines[0]}`;
  for (const action of doc.actions ?? []) {
    const command = action.command.replace(/^\/ops\s+/i, '');
    lines.push(t(locale, 'reply', { command, label: action.label.toLowerCase() }));
  }
  return splitMessages(lines.join('\n'), options.maxChars ?? WHATSAPP_MAX_CHARS);
}

/** Our inline code marks become WhatsApp monospace; everything else already matches. */
function whatsAppText(text: string): string {
  return text.replace(/`([^`\n]+)`/g, '```$1```');
}

/**
 * Packs lines into messages of at most `max` characters. A single line longer than `max` is
 * cut at its last space before the limit (or hard at the limit when it has none).
 */
export function splitMessages(text: string, max: number = WHATSAPP_MAX_CHARS): string[] {
  const out: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) out.push(current);
    current = '';
  };
  for (const raw of text.split('\n')) {
    for (const line of cutLine(raw, max)) {
      const joined = current ? `${current}\n${line}` : line;
      if (joined.length <= max) {
        current = joined;
      } else {
        flush();
        current = line;
      }
    }
  }
  flush();
  return out;
}

function cutLine(line: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const space = rest.lastIndexOf(' ', max);
    const at = space > max / 2 ? space : max;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^ /, '');
  }
  pieces.push(rest);
  return pieces;
}
