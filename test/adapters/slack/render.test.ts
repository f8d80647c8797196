import { describe, expect, it } from 'vitest';
import {
  renderSlackMessage,
  renderSlackView,
  SLACK_LIMITS,
} from '../../../src/adapters/slack/render.js';
import {
  type DocAction,
  type DocBlock,
  type MessageDoc,
  mention,
} from '../../../src/bot/messages/doc.js';

const doc = (blocks: DocBlock[], extra: Partial<MessageDoc> = {}): MessageDoc => ({
  text: 'fallback',
  blocks,
  ...extra,
});

const sections = (n: number): DocBlock[] =>
  Array.from({ length: n }, (_, i) => ({ type: 'section', text: `s${i}` }));

type Any = Record<string, unknown>;
const obj = (value: unknown) => value as Any;
const list = (value: unknown) => value as Any[];
const textOf = (block: unknown) => obj(obj(block).text).text as string;

describe('renderSlackMessage: escaping and mentions', () => {
  it.each([
    ['ampersand', 'a & b', 'a &amp; b'],
    ['angle brackets', '<script> x > y', '&lt;script&gt; x &gt; y'],
    ['a would-be mention typed by a user', '<@U999>', '&lt;@U999&gt;'],
    ['a user mention token', `hola ${mention('U0000ANA')}`, 'hola <@U0000ANA>'],
    ['a group mention token', `${mention('subteam^S0000OPS')} mirad`, '<!subteam^S0000OPS> mirad'],
    ['both at once', `${mention('U1')} & <b>`, '<@U1> &amp; &lt;b&gt;'],
    ['a named mention, by its id', `${mention('U1', 'Lucía')} mirá`, '<@U1> mirá'],
  ])('%s', (_name, input, expected) => {
    const out = renderSlackMessage(doc([{ type: 'section', text: input }], { text: input }));
    expect(textOf(out.blocks[0])).toBe(expected);
    expect(out.text).toBe(expected);
  });

  it('escapes field labels and values, context and confirm text', () => {
    const out = renderSlackMessage(
      doc([
        { type: 'fields', fields: [{ label: 'p<95>', value: 'a&b' }] },
        { type: 'context', text: '<ctx>' },
      ]),
    );
    expect(out.blocks[0]).toEqual({
      type: 'section',
      fields: [{ type: 'mrkdwn', text: '*p&lt;95&gt;*\na&amp;b' }],
    });
    expect(out.blocks[1]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '&lt;ctx&gt;' }],
    });
  });
});

describe('renderSlackMessage: tone', () => {
  it('prefixes the first header or section only', () => {
    const out = renderSlackMessage(
      doc(
        [
          { type: 'divider' },
          { type: 'header', text: 'Caída' },
          { type: 'section', text: 'detalle' },
        ],
        { tone: 'critical' },
      ),
    );
    expect(textOf(out.blocks[1])).toBe('🔴 Caída');
    expect(textOf(out.blocks[2])).toBe('detalle');
  });
});

describe('renderSlackMessage: section length', () => {
  const max = SLACK_LIMITS.sectionText;
  it.each([
    ['exactly 3,000 chars', 'x'.repeat(max), [max]],
    ['3,001 chars in one line', 'x'.repeat(max + 1), [max, 1]],
    ['two lines that fit together', `${'a'.repeat(1500)}\n${'b'.repeat(1499)}`, [max]],
    ['two lines one char too long', `${'a'.repeat(1500)}\n${'b'.repeat(1500)}`, [1500, 1500]],
  ])('%s', (_name, text, lengths) => {
    const out = renderSlackMessage(doc([{ type: 'section', text }]));
    expect(out.blocks.map((b) => textOf(b).length)).toEqual(lengths);
  });

  it('never cuts through an escaped character or a mention', () => {
    const text = `${'x'.repeat(2998)}&${mention('U0000ANA')}`;
    const out = renderSlackMessage(doc([{ type: 'section', text }]));
    const [first, second] = out.blocks.map(textOf);
    expect(first).toBe('x'.repeat(2998));
    expect(second).toBe('&amp;<@U0000ANA>');
  });

  it('drops blank sections, which Slack refuses', () => {
    expect(renderSlackMessage(doc([{ type: 'section', text: '  ' }])).blocks).toEqual([]);
  });
});

describe('renderSlackMessage: fields', () => {
  const field = (i: number) => ({ label: `l${i}`, value: `v${i}` });
  it.each([
    [10, [10]],
    [11, [10, 1]],
    [25, [10, 10, 5]],
  ])('%i fields make sections of %j', (count, sizes) => {
    const fields = Array.from({ length: count }, (_, i) => field(i));
    const out = renderSlackMessage(doc([{ type: 'fields', fields }]));
    expect(out.blocks.map((b) => list(obj(b).fields).length)).toEqual(sizes);
  });

  it('keeps each field within 2,000 chars', () => {
    const out = renderSlackMessage(
      doc([{ type: 'fields', fields: [{ label: 'l', value: 'v'.repeat(5000) }] }]),
    );
    const text = list(obj(out.blocks[0]).fields)[0]?.text as string;
    expect(text.length).toBe(SLACK_LIMITS.fieldText);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('block count', () => {
  it.each([
    ['message, 50 blocks', renderSlackMessage, 50, 50, false],
    ['message, 51 blocks', renderSlackMessage, 51, 50, true],
    ['view, 100 blocks', renderSlackView, 100, 100, false],
    ['view, 101 blocks', renderSlackView, 101, 100, true],
  ] as const)('%s', (_name, render, count, expected, noted) => {
    const out = render(doc(sections(count)));
    expect(out.blocks).toHaveLength(expected);
    const last = obj(out.blocks.at(-1));
    expect(last.type === 'context').toBe(noted);
    if (noted) expect(JSON.stringify(last)).toContain(' 2 bloques más');
  });

  it('keeps the buttons when blocks are left out', () => {
    const actions: DocAction[] = [{ id: 'incident.ack', label: 'Ack', command: '/ops ack 1' }];
    const out = renderSlackMessage(doc(sections(60), { actions }), { locale: 'en' });
    expect(out.blocks).toHaveLength(50);
    expect(out.blocks.at(-1)?.type).toBe('actions');
    expect(JSON.stringify(out.blocks.at(-2))).toContain('12 more blocks');
  });
});

describe('renderSlackMessage: actions', () => {
  it('renders buttons with unique ids, the command as value, style and confirm', () => {
    const actions: DocAction[] = [
      { id: 'incident.ack', label: 'Reconocer', command: '/ops ack 12', style: 'primary' },
      {
        id: 'runbook.run',
        label: 'Reiniciar workers',
        command: '/ops run restart-workers',
        style: 'danger',
        confirm: { title: '¿Seguro?', text: 'Reinicia <todo>', confirm: 'Sí', deny: 'No' },
      },
    ];
    const [block] = renderSlackMessage(doc([], { actions })).blocks;
    expect(block).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'guardia:incident.ack:0',
          text: { type: 'plain_text', text: 'Reconocer', emoji: true },
          value: '/ops ack 12',
          style: 'primary',
        },
        {
          type: 'button',
          action_id: 'guardia:runbook.run:1',
          text: { type: 'plain_text', text: 'Reiniciar workers', emoji: true },
          value: '/ops run restart-workers',
          style: 'danger',
          confirm: {
            title: { type: 'plain_text', text: '¿Seguro?' },
            text: { type: 'mrkdwn', text: 'Reinicia &lt;todo&gt;' },
            confirm: { type: 'plain_text', text: 'Sí' },
            deny: { type: 'plain_text', text: 'No' },
            style: 'danger',
          },
        },
      ],
    });
  });

  it.each([
    [25, [25]],
    [26, [25, 1]],
  ])('%i buttons make actions blocks of %j', (count, sizes) => {
    const actions = Array.from({ length: count }, (_, i) => ({
      id: 'same',
      label: `b${i}`,
      command: `/ops ack ${i}`,
    }));
    const out = renderSlackMessage(doc([], { actions }));
    expect(out.blocks.map((b) => list(obj(b).elements).length)).toEqual(sizes);
    const ids = out.blocks.flatMap((b) => list(obj(b).elements).map((e) => e.action_id));
    expect(new Set(ids).size).toBe(count);
  });

  it.each([
    [SLACK_LIMITS.buttonValue, 1],
    [SLACK_LIMITS.buttonValue + 1, 0],
  ])('a %i-char command gives %i buttons (never a cut command)', (length, buttons) => {
    const command = `/ops ${'x'.repeat(length - 5)}`;
    const out = renderSlackMessage(doc([], { actions: [{ id: 'a', label: 'a', command }] }));
    expect(out.blocks.length).toBe(buttons);
  });
});

describe('renderSlackMessage: images and fallback', () => {
  it('returns images as files to upload instead of blocks', () => {
    const out = renderSlackMessage(
      doc([
        { type: 'section', text: 'chart' },
        { type: 'image', path: '/tmp/a.png', alt: 'latency' },
        { type: 'image', path: '/tmp/b.png', alt: 'errors', title: 'Errores' },
      ]),
    );
    expect(out.blocks).toHaveLength(1);
    expect(out.files).toEqual([
      { path: '/tmp/a.png', title: 'latency', alt: 'latency' },
      { path: '/tmp/b.png', title: 'Errores', alt: 'errors' },
    ]);
  });

  it.each([
    ['exactly 4,000 chars', 'y'.repeat(4000), 4000, false],
    ['4,001 chars', 'y'.repeat(4001), 4000, true],
  ])('fallback text of %s', (_name, text, length, cut) => {
    const out = renderSlackMessage(doc([], { text }));
    expect(out.text.length).toBe(length);
    expect(out.text.endsWith('…')).toBe(cut);
  });

  it('builds a fallback from the blocks when the doc has none', () => {
    const out = renderSlackMessage(doc([{ type: 'header', text: 'Estado' }], { text: '' }));
    expect(out.text).toBe('Estado');
  });
});
