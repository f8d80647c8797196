import { describe, expect, it } from 'vitest';
import {
  renderWhatsApp,
  splitMessages,
  WHATSAPP_MAX_CHARS,
} from '../../../src/adapters/whatsapp/render.js';
import { type MessageDoc, mention } from '../../../src/bot/messages/doc.js';

describe('renderWhatsApp', () => {
  it('uses WhatsApp markup, names for mentions and reply hints for actions', () => {
    const doc: MessageDoc = {
      text: 'Incidente #12',
      tone: 'critical',
      blocks: [
        { type: 'header', text: 'Incidente #12' },
        { type: 'section', text: `Pagos caídos, a cargo de ${mention('U1')}; ver \`p95\`` },
        { type: 'fields', fields: [{ label: 'Desde', value: '14:05' }] },
        { type: 'context', text: 'abierto hace 16 min' },
      ],
      actions: [{ id: 'incident.ack', label: 'Reconocer', command: '/ops ack 12' }],
    };
    const [text, ...rest] = renderWhatsApp(doc, { locale: 'es-AR', mentionName: () => 'Ana' });
    expect(rest).toEqual([]);
    expect(text).toBe(
      [
        '🔴 *Incidente #12*',
        'Pagos caídos, a cargo de Ana; ver ```p95```',
        '*Desde:* 14:05',
        '_abierto hace 16 min_',
        'Respondé *ack 12* para reconocer',
      ].join('\n'),
    );
  });
});

describe('splitMessages', () => {
  const line = (n: number, c = 'x') => c.repeat(n);

  it.each([
    ['one line of exactly 1,600 stays one message', [line(1600)], [1600]],
    ['one line of 1,601 is cut at the limit', [line(1601)], [1600, 1]],
    ['two lines that fit with their newline stay together', [line(799), line(800)], [1600]],
    ['two lines one character over split between them', [line(800), line(800)], [800, 800]],
  ])('%s', (_name, lines, lengths) => {
    const parts = splitMessages(lines.join('\n'));
    expect(parts.map((p) => p.length)).toEqual(lengths);
    expect(WHATSAPP_MAX_CHARS).toBe(1600);
  });

  it('never cuts inside a line when lines fit', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `${i}: ${'z'.repeat(60)}`);
    const parts = splitMessages(lines.join('\n'));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) for (const l of part.split('\n')) expect(lines).toContain(l);
  });

  it('cuts an over-long line at a space', () => {
    const words = Array.from({ length: 400 }, () => 'palabra').join(' ');
    const parts = splitMessages(words);
    expect(parts.every((p) => p.length <= 1600 && !p.startsWith(' ') && !p.endsWith(' '))).toBe(
      true,
    );
    expect(parts.join(' ')).toBe(words);
  });
});
