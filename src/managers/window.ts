import type { DocAction, MessageDoc } from '../bot/messages/doc.js';
import type { TemplateConfig, TemplateVariable, TwilioConfig } from '../config/managers.js';

/** WhatsApp's customer service window: free-form messages only this long after an inbound. */
export const SESSION_WINDOW_MS = 24 * 3_600_000;

export type MessageKind = 'page' | 'digest';

export type SendPlan =
  | { mode: 'freeform' }
  | { mode: 'template'; template: TemplateConfig }
  | { mode: 'hold'; reason: 'outside-window' };

/** A page is about an incident (it carries an acknowledge action) or critical; else a digest. */
export function messageKind(doc: MessageDoc): MessageKind {
  return doc.tone === 'critical' || incidentIdOf(doc.actions ?? []) !== undefined
    ? 'page'
    : 'digest';
}

/** The incident a page is about, read from the acknowledge button it carries. */
export function incidentIdOf(actions: readonly DocAction[]): number | undefined {
  for (const action of actions) {
    const m = /\b(?:ack|reconocer)\s+#?(\d+)\b/i.exec(action.command);
    if (m?.[1]) return Number(m[1]);
  }
  return undefined;
}

export function insideWindow(now: number, lastInboundAt: number | undefined): boolean {
  return lastInboundAt !== undefined && now - lastInboundAt < SESSION_WINDOW_MS;
}

/**
 * Decides how a message may reach a manager under Twilio's 24-hour rule: free-form inside the
 * window, an approved template outside it, and otherwise kept back for the next sendable one.
 */
export function planSend(input: {
  now: number;
  lastInboundAt: number | undefined;
  kind: MessageKind;
  templates: TwilioConfig['templates'];
}): SendPlan {
  if (insideWindow(input.now, input.lastInboundAt)) return { mode: 'freeform' };
  const template = input.templates[input.kind];
  if (template) return { mode: 'template', template };
  return { mode: 'hold', reason: 'outside-window' };
}

/**
 * Fills a template's numbered variables. WhatsApp refuses variables with newlines, tabs or
 * long runs of spaces, and caps them, so each value is flattened to one short line.
 */
export function templateVariables(
  template: TemplateConfig,
  values: Record<TemplateVariable, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [slot, field] of Object.entries(template.variables)) {
    const flat = values[field].replace(/\s+/g, ' ').trim();
    out[slot] = (flat || '-').slice(0, 900);
  }
  return out;
}
