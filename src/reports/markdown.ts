import { type MessageDoc, mentionLabel, replaceMentions } from '../bot/messages/doc.js';

/**
 * Renders a report's MessageDoc as Markdown for `guardia report --format md`: the same doc the
 * chat commands post, so chat and the command line cannot disagree on a figure.
 */
export function docToMarkdown(doc: MessageDoc): string {
  const text = (s: string) =>
    replaceMentions(s, mentionLabel)
      .replace(/\u200b/g, '')
      .replace(/\*([^*\n]+)\*/g, '**$1**');
  const out: string[] = [];
  for (const block of doc.blocks) {
    switch (block.type) {
      case 'header':
        out.push(`# ${text(block.text)}`, '');
        break;
      case 'section':
        out.push(
          text(block.text)
            .split('\n')
            .map((line, i) => (i === 0 ? line : `- ${line}`))
            .join('\n'),
          '',
        );
        break;
      case 'fields':
        for (const f of block.fields) out.push(`- **${text(f.label)}**: ${text(f.value)}`);
        out.push('');
        break;
      case 'context':
        out.push(`_${text(block.text)}_`, '');
        break;
      case 'divider':
        out.push('---', '');
        break;
      case 'image':
        out.push(`![${block.alt}](${block.path})`, '');
        break;
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
