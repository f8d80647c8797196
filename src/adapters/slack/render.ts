import type { types as SlackTypes } from '@slack/bolt';
import {
  type DocAction,
  type DocBlock,
  type MessageDoc,
  replaceMentions,
  TONE_EMOJI,
} from '../../bot/messages/doc.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';

type KnownBlock = SlackTypes.KnownBlock;
type Button = SlackTypes.Button;

/** Block Kit limits this renderer enforces (https://docs.slack.dev/reference/block-kit). */
export const SLACK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  contextText: 3000,
  buttonsPerActions: 25,
  buttonText: 75,
  buttonValue: 2000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  fallbackText: 4000,
} as const;

/** A local image the adapter uploads next to the message, since Block Kit needs a public URL. */
export interface SlackFile {
  path: string;
  title: string;
  alt: string;
}

export interface SlackRendered {
  /** Notification and screen-reader text; never empty. */
  text: string;
  blocks: KnownBlock[];
  files: SlackFile[];
}

export interface RenderOptions {
  /** Language of the note that says how many blocks were left out. */
  locale?: Locale;
}

/** Renders a doc as a channel message (at most 50 blocks). */
export function renderSlackMessage(doc: MessageDoc, options: RenderOptions = {}): SlackRendered {
  return render(doc, SLACK_LIMITS.messageBlocks, options.locale ?? DEFAULT_LOCALE);
}

/** Renders a doc for the Home tab or a modal (at most 100 blocks). */
export function renderSlackView(doc: MessageDoc, options: RenderOptions = {}): SlackRendered {
  return render(doc, SLACK_LIMITS.viewBlocks, options.locale ?? DEFAULT_LOCALE);
}

function render(doc: MessageDoc, maxBlocks: number, locale: Locale): SlackRendered {
  const files: SlackFile[] = [];
  const content: KnownBlock[] = [];
  let toneDone = doc.tone === undefined;
  for (const block of doc.blocks) {
    if (block.type === 'image') {
      files.push({ path: block.path, title: block.title ?? block.alt, alt: block.alt });
      continue;
    }
    let prefix = '';
    if (!toneDone && doc.tone && (block.type === 'header' || block.type === 'section')) {
      prefix = `${TONE_EMOJI[doc.tone]} `;
      toneDone = true;
    }
    content.push(...renderBlock(block, prefix));
  }
  const actions = renderActions(doc.actions ?? []);
  return {
    text: fallbackText(doc),
    blocks: fitBlocks(content, actions, maxBlocks, locale),
    files,
  };
}

/** Escapes the three characters Slack treats as markup, then renders mention tokens. */
export function slackText(text: string): string {
  const escaped = text.replace(/[&<>]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;',
  );
  return replaceMentions(escaped, slackMention);
}

function slackMention(id: string): string {
  if (id.startsWith('subteam^')) return `<!${id}>`;
  if (id === 'here' || id === 'channel' || id === 'everyone') return `<!${id}>`;
  return `<@${id}>`;
}

function renderBlock(block: Exclude<DocBlock, { type: 'image' }>, prefix: string): KnownBlock[] {
  switch (block.type) {
    case 'header':
      return [
        {
          type: 'header',
          text: {
            type: 'plain_text',
            text: cut(prefix + slackText(block.text), SLACK_LIMITS.headerText),
            emoji: true,
          },
        },
      ];
    case 'section':
      // Slack refuses an empty section, so blank text renders as nothing.
      return splitLines(prefix + slackText(block.text), SLACK_LIMITS.sectionText)
        .filter((text) => text.trim() !== '')
        .map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
    case 'fields':
      return chunk(block.fields, SLACK_LIMITS.fieldsPerSection).map((fields) => ({
        type: 'section',
        fields: fields.map((f) => ({
          type: 'mrkdwn',
          text: cut(`*${slackText(f.label)}*\n${slackText(f.value)}`, SLACK_LIMITS.fieldText),
        })),
      }));
    case 'context':
      return [
        {
          type: 'context',
          elements: [
            { type: 'mrkdwn', text: cut(slackText(block.text), SLACK_LIMITS.contextText) },
          ],
        },
      ];
    case 'divider':
      return [{ type: 'divider' }];
  }
}

/**
 * Buttons in groups of 25. `action_id` carries the action kind and its position so it is unique
 * within the message; a command longer than Slack's value limit is left out rather than cut,
 * because a cut command could run something else.
 */
function renderActions(actions: DocAction[]): KnownBlock[] {
  const buttons: Button[] = [];
  actions.forEach((action, index) => {
    if (action.command.length > SLACK_LIMITS.buttonValue) return;
    const button: Button = {
      type: 'button',
      action_id: `guardia:${action.id}:${index}`,
      text: { type: 'plain_text', text: cut(action.label, SLACK_LIMITS.buttonText), emoji: true },
      value: action.command,
    };
    if (action.style) button.style = action.style;
    if (action.confirm) {
      const c = action.confirm;
      button.confirm = {
        title: { type: 'plain_text', text: cut(c.title, SLACK_LIMITS.confirmTitle) },
        text: { type: 'mrkdwn', text: cut(slackText(c.text), SLACK_LIMITS.confirmText) },
        confirm: { type: 'plain_text', text: cut(c.confirm, SLACK_LIMITS.confirmButton) },
        deny: { type: 'plain_text', text: cut(c.deny, SLACK_LIMITS.confirmButton) },
        ...(action.style === 'danger' ? { style: 'danger' as const } : {}),
      };
    }
    buttons.push(button);
  });
  return chunk(buttons, SLACK_LIMITS.buttonsPerActions).map((elements) => ({
    type: 'actions',
    elements,
  }));
}

/**
 * Keeps the first blocks that fit and a note saying how many were left out. Buttons are kept
 * after the note: an alert that lost its "acknowledge" button would be worse than a short one.
 */
function fitBlocks(
  content: KnownBlock[],
  actions: KnownBlock[],
  max: number,
  locale: Locale,
): KnownBlock[] {
  if (content.length + actions.length <= max) return [...content, ...actions];
  const keptActions = actions.slice(0, max - 2);
  const keptContent = content.slice(0, max - 1 - keptActions.length);
  const leftOut = content.length + actions.length - keptContent.length - keptActions.length;
  const note =
    locale === 'en'
      ? `… ${leftOut} more blocks did not fit in this Slack message.`
      : `… ${leftOut} bloques más no entraron en este mensaje de Slack.`;
  return [
    ...keptContent,
    { type: 'context', elements: [{ type: 'mrkdwn', text: note }] },
    ...keptActions,
  ];
}

function fallbackText(doc: MessageDoc): string {
  let text = doc.text.trim();
  if (text === '') {
    text = doc.blocks
      .flatMap((b) => (b.type === 'header' || b.type === 'section' ? [b.text] : []))
      .join('\n')
      .trim();
  }
  if (text === '') text = doc.tone ? TONE_EMOJI[doc.tone] : 'guardia';
  return cut(slackText(text), SLACK_LIMITS.fallbackText);
}

/**
 * Splits text into pieces of at most `max` characters on line boundaries; only a single line
 * longer than `max` is cut inside, and never through an `&amp;` entity or a `<@U…>` mention.
 */
export function splitLines(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  const flush = () => {
    if (current !== '') pieces.push(current);
    current = '';
  };
  for (const line of text.split('\n')) {
    const candidate = current === '' ? line : `${current}\n${line}`;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    flush();
    let rest = line;
    while (rest.length > max) {
      const at = safeCutIndex(rest, max);
      pieces.push(rest.slice(0, at));
      rest = rest.slice(at);
    }
    current = rest;
  }
  flush();
  return pieces.length > 0 ? pieces : [''];
}

/** Shortens to at most `max` characters, ending with an ellipsis when something was cut. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, safeCutIndex(text, max - 1))}…`;
}

/** The largest index ≤ max that does not fall inside an entity, a `<…>` token or a surrogate pair. */
function safeCutIndex(text: string, max: number): number {
  let at = max;
  const open = Math.max(text.lastIndexOf('&', at - 1), text.lastIndexOf('<', at - 1));
  if (open >= 0 && open > at - 40) {
    const close = text[open] === '&' ? text.indexOf(';', open) : text.indexOf('>', open);
    if (close >= at && open > 0) at = open;
  }
  const code = text.charCodeAt(at - 1);
  if (code >= 0xd800 && code <= 0xdbff) at -= 1;
  return at;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
