import type { MessageDoc } from '../bot/messages/doc.js';
import type { CommandRouter } from '../bot/router.js';
import type { Locale } from '../i18n/locale.js';

/** Where a posted message lives on its platform, so it can be edited or replied to later. */
export interface ExternalRef {
  /** Platform channel/conversation id (Slack channel id, console channel name, phone number). */
  channel: string;
  /** Platform message id (Slack `ts`, Twilio SID, console sequence). */
  id: string;
}

export interface OutgoingMessage {
  /** Outbox row id: stable across retries, usable as an idempotency key. */
  outboxId: number;
  /** Logical channel from the config (`alerts`, `team`, `manager:ana`, ...). */
  channelKey: string;
  /** The adapter-specific destination the logical channel maps to (`#ops-alerts`, `+54911...`). */
  destination: string;
  locale: Locale;
  doc: MessageDoc;
  /** `update` edits `ref` in place; `post` creates a new message, in `thread` when given. */
  op: 'post' | 'update';
  ref?: ExternalRef;
  thread?: ExternalRef;
}

export type DeliveryOutcome =
  | { status: 'sent'; ref?: ExternalRef }
  | { status: 'retry'; reason: string; retryAfterMs?: number }
  | { status: 'failed'; reason: string };

/**
 * Every chat platform is one plug-in with this shape. `start` connects and begins feeding
 * commands to the router; `deliver` sends one message and classifies the result, never throws
 * for a platform error; `stop` disconnects.
 */
export interface ChatAdapter {
  readonly name: string;
  start(router: CommandRouter): Promise<void>;
  stop(): Promise<void>;
  deliver(message: OutgoingMessage): Promise<DeliveryOutcome>;
}
