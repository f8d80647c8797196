import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

type RequestOptions<T> = RequestClient.RequestOptions<T>;

export type TwilioClient = ReturnType<typeof twilio>;

/**
 * A request client that sends every Twilio API call to another origin (a fake Twilio on
 * loopback in tests, or a proxy). Twilio documents replacing `httpClient` for custom HTTP
 * behaviour; region/edge settings can only move requests between Twilio's own hosts.
 */
class RebasedRequestClient extends twilio.RequestClient {
  readonly #origin: URL;

  constructor(apiUrl: string, timeoutMs: number) {
    super({ timeout: timeoutMs });
    this.#origin = new URL(apiUrl);
  }

  override request<T>(opts: RequestOptions<T>) {
    const uri = new URL(opts.uri);
    uri.protocol = this.#origin.protocol;
    uri.host = this.#origin.host;
    return super.request<T>({ ...opts, uri: uri.href });
  }
}

export interface TwilioClientOptions {
  accountSid: string;
  authToken: string;
  /** Overrides https://api.twilio.com (tests and proxies). */
  apiUrl?: string;
  timeoutMs?: number;
}

export function createTwilioClient(o: TwilioClientOptions): TwilioClient {
  const timeout = o.timeoutMs ?? 10_000;
  return twilio(o.accountSid, o.authToken, {
    // Retries belong to the outbox, which persists them; the SDK's own would hide failures.
    autoRetry: false,
    ...(o.apiUrl ? { httpClient: new RebasedRequestClient(o.apiUrl, timeout) } : { timeout }),
  });
}
