import { type Dispatcher, request } from 'undici';
import type { Clock } from '../core/clock.js';

export interface FetchedBody {
  status: number;
  text: string;
}

/**
 * Fetches a URL once for every monitor that reads it at about the same time: several rates
 * read the same metrics endpoint on the same tick, and the platform should see one request.
 */
export class SharedFetch {
  readonly #dispatcher: Dispatcher;
  readonly #clock: Clock;
  readonly #maxAgeMs: number;
  readonly #recent = new Map<string, { at: number; body: Promise<FetchedBody> }>();

  constructor(dispatcher: Dispatcher, clock: Clock, maxAgeMs = 1000) {
    this.#dispatcher = dispatcher;
    this.#clock = clock;
    this.#maxAgeMs = maxAgeMs;
  }

  get(url: string, timeoutMs: number): Promise<FetchedBody> {
    const now = this.#clock.monotonic();
    const hit = this.#recent.get(url);
    if (hit && now - hit.at < this.#maxAgeMs) return hit.body;
    const body = this.#fetch(url, timeoutMs);
    this.#recent.set(url, { at: now, body });
    // A failure is not shared with later readers: they try again.
    body.catch(() => this.#recent.delete(url));
    return body;
  }

  async #fetch(url: string, timeoutMs: number): Promise<FetchedBody> {
    const res = await request(url, {
      dispatcher: this.#dispatcher,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.statusCode, text: await res.body.text() };
  }
}
