import twilio from 'twilio';
import type { DeliveryOutcome } from '../types.js';

/**
 * Twilio error codes that mean this manager cannot be reached until a person acts: the
 * recipient opted out, blocked the sender, or the number is not on WhatsApp. Each comes with
 * what to do; docs/whatsapp.md explains them.
 */
export const RECIPIENT_ERRORS: Readonly<Record<number, string>> = {
  21211: 'invalid To number; check managers[].phone',
  21610: 'the recipient opted out (STOP at Twilio); they must opt in again',
  21614: 'the To number is not a mobile number',
  63003: 'the number is not a WhatsApp user or is inactive',
  63014: 'the recipient blocked the sender on WhatsApp',
  63024: 'invalid message recipient (not a WhatsApp number)',
};

/** Twilio-side throttling: retried later. */
const THROTTLED = new Set([20429, 63018]);

/** Outside the 24-hour window: the window record was wrong; the message is planned again. */
export const OUTSIDE_WINDOW = 63016;

export interface ClassifiedTwilioError {
  outcome: Exclude<DeliveryOutcome, { status: 'sent' }>;
  /** Twilio's error code, `http_<status>` or `network`; for logs. */
  code: string;
  /** True when further sends to this manager are pointless until a person acts. */
  recipient: boolean;
  outsideWindow: boolean;
}

/** Maps what `messages.create` threw to retry or failed, never throwing itself. */
export function classifyTwilioError(err: unknown): ClassifiedTwilioError {
  if (err instanceof twilio.RestException) {
    const code = err.code ?? 0;
    const label = err.code ? String(err.code) : `http_${err.status}`;
    const reason = `twilio: ${label} ${err.message}`.trim();
    const hint = RECIPIENT_ERRORS[code];
    if (hint) {
      return {
        code: label,
        recipient: true,
        outsideWindow: false,
        outcome: { status: 'failed', reason: `twilio: ${code} (${hint})` },
      };
    }
    if (code === OUTSIDE_WINDOW) {
      return {
        code: label,
        recipient: false,
        outsideWindow: true,
        outcome: { status: 'retry', reason },
      };
    }
    const transient = err.status >= 500 || err.status === 429 || THROTTLED.has(code);
    return {
      code: label,
      recipient: false,
      outsideWindow: false,
      outcome: transient ? { status: 'retry', reason } : { status: 'failed', reason },
    };
  }
  // Anything else is the request not completing (refused, reset, timeout): it may be retried.
  const name = err instanceof Error ? ((err as { code?: string }).code ?? err.name) : typeof err;
  return {
    code: 'network',
    recipient: false,
    outsideWindow: false,
    outcome: { status: 'retry', reason: `twilio: request failed (${name})` },
  };
}
