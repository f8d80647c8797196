import { createRequire } from 'node:module';
import type RestExceptionModule from 'twilio/lib/base/RestException.js';
import type { DeliveryOutcome } from '../types.js';
import { OUTSIDE_WINDOW, RECIPIENT_ERRORS, THROTTLED } from './errors.js';

// The exception class alone: the SDK itself loads only when Twilio credentials are set. Read
// through `require`, which sees this CommonJS file the same way under Node and under vitest.
const RestException = (
  createRequire(import.meta.url)('twilio/lib/base/RestException.js') as typeof RestExceptionModule
).default;

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
  if (err instanceof RestException) {
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
