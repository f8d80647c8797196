// Signature checks alone: the SDK itself loads only when Twilio credentials are set.
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import type { ManagerConfig } from '../../config/managers.js';
import type { Logger } from '../../core/logger.js';
import type { HttpHandler, HttpRequest, HttpResponse } from '../../http/server.js';

export const INBOUND_PATH = '/twilio/whatsapp';
export const STATUS_PATH = '/twilio/status';

/** Twilio waits for TwiML; an empty response means "no immediate reply". */
export const EMPTY_TWIML: HttpResponse = {
  status: 200,
  headers: { 'content-type': 'text/xml; charset=utf-8' },
  body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>',
};

export interface InboundMessage {
  manager: ManagerConfig;
  messageSid: string;
  text: string;
}

export interface StatusUpdate {
  messageSid: string;
  status: string;
  errorCode: string | undefined;
  /** The manager the message went to, when the number is known. */
  manager: ManagerConfig | undefined;
}

export interface WebhookOptions {
  /** TWILIO_AUTH_TOKEN; without it every request is refused. */
  authToken: string | undefined;
  /** The base URL Twilio calls (config `server.publicUrl`), which is the URL it signs. */
  publicUrl: string;
  managers: readonly ManagerConfig[];
  log: Logger;
  /** Must return quickly: Twilio gives up after 15 s. Slow work is the callee's to defer. */
  onMessage(message: InboundMessage): void;
  onStatus(update: StatusUpdate): void;
}

/**
 * Twilio's two webhooks: incoming WhatsApp messages and delivery status callbacks. Both check
 * `X-Twilio-Signature` against the public URL, because behind a proxy or tunnel the URL this
 * process sees is not the one Twilio signed.
 */
export function twilioWebhooks(o: WebhookOptions): { inbound: HttpHandler; status: HttpHandler } {
  const byPhone = new Map(o.managers.map((m) => [`whatsapp:${m.phone}`, m]));
  const base = o.publicUrl.replace(/\/+$/, '');

  const verified = (req: HttpRequest): Record<string, string> | undefined => {
    const params = Object.fromEntries(new URLSearchParams(req.body.toString('utf8')));
    const signature = req.headers['x-twilio-signature'];
    const query = req.query.toString();
    const url = `${base}${req.path}${query ? `?${query}` : ''}`;
    const log = o.log.child({ path: req.path });
    if (!o.authToken) {
      log.warn('twilio webhook refused: TWILIO_AUTH_TOKEN is not set');
      return undefined;
    }
    if (typeof signature !== 'string' || signature === '') {
      log.warn('twilio webhook refused: unsigned');
      return undefined;
    }
    if (!validateRequest(o.authToken, signature, url, params)) {
      log.warn({ url }, 'twilio webhook refused: signature does not match');
      return undefined;
    }
    return params;
  };
  const forbidden: HttpResponse = { status: 403, body: 'invalid Twilio signature' };

  return {
    inbound: async (req) => {
      const params = verified(req);
      if (!params) return forbidden;
      const manager = byPhone.get(params.From ?? '');
      if (!manager || !params.MessageSid) {
        o.log.info({ hasSid: Boolean(params.MessageSid) }, 'whatsapp message from unknown sender');
        return EMPTY_TWIML;
      }
      o.onMessage({ manager, messageSid: params.MessageSid, text: params.Body ?? '' });
      return EMPTY_TWIML;
    },
    status: async (req) => {
      const params = verified(req);
      if (!params) return forbidden;
      const messageSid = params.MessageSid ?? params.SmsSid;
      const status = params.MessageStatus ?? params.SmsStatus;
      if (messageSid && status) {
        o.onStatus({
          messageSid,
          status,
          errorCode: params.ErrorCode || undefined,
          manager: byPhone.get(params.To ?? ''),
        });
      }
      return { status: 204 };
    },
  };
}
