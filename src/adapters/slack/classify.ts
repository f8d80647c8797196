import { webApi } from '@slack/bolt';
import type { DeliveryOutcome } from '../types.js';

/**
 * Platform errors that fail again on every retry until a person changes something (the channel,
 * the bot's membership, its token or scopes, or the message), each with what to do about it.
 * docs/slack-setup.md explains them in more detail.
 */
export const PERMANENT_SLACK_ERRORS = {
  channel_not_found: 'check the channel name or id in the config',
  not_in_channel: 'invite the bot with /invite @guardia',
  is_archived: 'the channel is archived; point the config at another one',
  invalid_auth: 'SLACK_BOT_TOKEN is not a valid bot token',
  account_inactive: 'the bot user or workspace was deactivated; reinstall the app',
  token_revoked: 'the token was revoked; reinstall the app and update SLACK_BOT_TOKEN',
  missing_scope: 'add the scope from manifest.yml and reinstall the app',
  msg_too_long: 'the message is too long for Slack (a renderer bug)',
  invalid_blocks: 'Slack refused the blocks (a renderer bug)',
} as const satisfies Record<string, string>;

/** Platform errors Slack documents as transient. */
const TRANSIENT_SLACK_ERRORS = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
]);

export interface ClassifiedError {
  outcome: Exclude<DeliveryOutcome, { status: 'sent' }>;
  /** Slack's error string, `http_<status>`, `request_error` or `unexpected`; for logs. */
  code: string;
  /** For `missing_scope`: the scope Slack says is needed. */
  needed?: string;
}

/** Maps whatever a Web API call threw to retry or failed, with a reason fit for the outbox. */
export function classifySlackError(err: unknown): ClassifiedError {
  if (err instanceof webApi.WebAPIRateLimitedError) {
    return {
      code: 'ratelimited',
      outcome: {
        status: 'retry',
        reason: 'slack: rate limited',
        retryAfterMs: err.retryAfter * 1000,
      },
    };
  }
  if (err instanceof webApi.WebAPIHTTPError) {
    const reason = `slack: HTTP ${err.statusCode}`;
    const transient = err.statusCode >= 500 || err.statusCode === 408;
    return {
      code: `http_${err.statusCode}`,
      outcome: transient ? { status: 'retry', reason } : { status: 'failed', reason },
    };
  }
  if (err instanceof webApi.WebAPIRequestError) {
    // Network failures and client-side timeouts: the request may never have reached Slack.
    return {
      code: 'request_error',
      outcome: { status: 'retry', reason: `slack: request failed (${err.original.name})` },
    };
  }
  const code = slackErrorCode(err);
  if (code !== undefined) {
    if (TRANSIENT_SLACK_ERRORS.has(code)) {
      return { code, outcome: { status: 'retry', reason: `slack: ${code}` } };
    }
    const hint = (PERMANENT_SLACK_ERRORS as Record<string, string>)[code];
    const reason = hint ? `slack: ${code} (${hint})` : `slack: ${code}`;
    // Slack adds `needed` (untyped in the client) to missing_scope answers.
    const data = err instanceof webApi.WebAPIPlatformError ? err.data : {};
    const needed = 'needed' in data ? data.needed : undefined;
    return {
      code,
      outcome: { status: 'failed', reason },
      ...(typeof needed === 'string' ? { needed } : {}),
    };
  }
  const name = err instanceof Error ? err.name : typeof err;
  return { code: 'unexpected', outcome: { status: 'failed', reason: `slack: unexpected ${name}` } };
}

/** Slack's `error` string when `err` is a platform error (`ok: false`), otherwise undefined. */
export function slackErrorCode(err: unknown): string | undefined {
  return err instanceof webApi.WebAPIPlatformError ? err.data.error : undefined;
}
