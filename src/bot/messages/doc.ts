/**
 * The neutral message document every builder produces. Each chat adapter renders it with a
 * pure function (Block Kit, plain console text, WhatsApp text), so builders never know where
 * a message goes.
 *
 * Text uses a small markup every renderer understands: `*bold*`, `_italic_`, `` `code` ``.
 * Builders put user-supplied text through `plain()` so it cannot inject markup, and write
 * mentions as `mention()` tokens, which each renderer turns into its own syntax.
 */
export type Tone = 'critical' | 'warning' | 'ok' | 'info';

export type DocBlock =
  | { type: 'header'; text: string }
  | { type: 'section'; text: string }
  | { type: 'fields'; fields: Array<{ label: string; value: string }> }
  | { type: 'context'; text: string }
  | { type: 'divider' }
  | { type: 'image'; path: string; alt: string; title?: string };

export interface DocConfirm {
  title: string;
  text: string;
  confirm: string;
  deny: string;
}

export interface DocAction {
  /** Stable id of the action kind, e.g. `incident.ack`. */
  id: string;
  label: string;
  /** The command the action runs, exactly as a person would type it, e.g. `/ops ack 12`. */
  command: string;
  style?: 'primary' | 'danger';
  confirm?: DocConfirm;
}

export interface MessageDoc {
  /** Plain one-paragraph fallback: notifications, screen readers, WhatsApp previews. */
  text: string;
  tone?: Tone;
  blocks: DocBlock[];
  actions?: DocAction[];
}

const MENTION = /\uE000@([A-Za-z0-9^_.-]+)(?:\uE001([^\uE000]*))?\uE000/g;

/**
 * A mention of a user (`U123`) or a user group (`subteam^S123`), rendered per adapter. `name`
 * is how it reads where the chat cannot resolve Slack ids (console, WhatsApp, Markdown).
 */
export function mention(id: string, name?: string): string {
  const shown = name?.replace(/[\uE000\uE001]/g, '');
  return shown ? `\uE000@${id}\uE001${shown}\uE000` : `\uE000@${id}\uE000`;
}

export function replaceMentions(
  text: string,
  render: (id: string, name: string | undefined) => string,
): string {
  return text.replace(MENTION, (_whole, id: string, name: string | undefined) => render(id, name));
}

/** A mention outside Slack: `@` and its name, or the id without Slack's `subteam^` prefix. */
export function mentionLabel(id: string, name: string | undefined): string {
  return `@${name ?? id.replace(/^subteam\^/, '')}`;
}

/** Neutralises markup characters in user-supplied text. */
export function plain(text: string): string {
  return text.replace(/[*_`~]/g, (c) => `\u200b${c}\u200b`);
}

export const TONE_EMOJI: Record<Tone, string> = {
  critical: '🔴',
  warning: '🟠',
  ok: '🟢',
  info: 'ℹ️',
};
