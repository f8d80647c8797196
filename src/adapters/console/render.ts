import {
  type MessageDoc,
  mentionLabel,
  replaceMentions,
  TONE_EMOJI,
} from '../../bot/messages/doc.js';

export interface ConsoleRenderOptions {
  /** Channel label printed in the frame, e.g. `#alerts`. */
  channel: string;
  time: string;
  /** `edit of 3` or `reply to 3`, when the message is not a plain new post. */
  relation?: string;
  /** Use ANSI bold for `*bold*` (only when printing to a terminal). */
  ansi?: boolean;
}

const ZERO_WIDTH = /\u200b/g;

const BOLD = /(?<!\u200b)\*(?!\u200b)([^*\n]+?)(?<!\u200b)\*(?!\u200b)/g;

/** Turns our small markup into terminal text: bold in ANSI or stripped, mentions as `@id`. */
export function consoleText(text: string, ansi = false): string {
  const withMentions = replaceMentions(text, mentionLabel);
  // A `*` that plain() fenced with zero-width spaces is the reader's own text, never markup.
  const bolded = withMentions.replace(BOLD, (_w, inner: string) =>
    ansi ? `\u001b[1m${inner}\u001b[22m` : inner,
  );
  return bolded.replace(ZERO_WIDTH, '');
}

/** A framed, readable rendering of one message; pure, so tests compare strings. */
export function renderConsoleMessage(doc: MessageDoc, o: ConsoleRenderOptions): string {
  const head = `── ${o.channel} · ${o.time}${o.relation ? ` · ${o.relation}` : ''} `;
  const lines: string[] = [head.padEnd(72, '─')];
  const emoji = doc.tone ? `${TONE_EMOJI[doc.tone]} ` : '';
  let first = true;
  const txt = (s: string) => consoleText(s, o.ansi);
  for (const block of doc.blocks) {
    switch (block.type) {
      case 'header':
      case 'section': {
        const body = txt(block.text);
        lines.push(first ? `${emoji}${body}` : body);
        first = false;
        break;
      }
      case 'fields':
        for (const f of block.fields) lines.push(`  ${txt(f.label)}: ${txt(f.value)}`);
        break;
      case 'context':
        lines.push(`  ${txt(block.text)}`);
        break;
      case 'divider':
        lines.push('  ·····');
        break;
      case 'image':
        lines.push(`  🖼  ${txt(block.title ?? block.alt)}: ${block.path}`);
        break;
    }
  }
  if (first) lines.splice(1, 0, `${emoji}${txt(doc.text)}`);
  for (const action of doc.actions ?? []) {
    lines.push(`  [${action.label}]  → type: ${action.command}`);
  }
  return lines.join('\n');
}
