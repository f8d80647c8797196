import type { Dispatcher } from 'undici';
import type { Clock } from '../core/clock.js';

/** The largest body read for a JSON condition; a health document is a few hundred bytes. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

export interface ExchangeRequest {
  origin: string;
  path: string;
  method: 'GET' | 'HEAD' | 'POST';
  headers: Record<string, string>;
  timeoutMs: number;
  /** Keep the body for a condition on it; otherwise it is read as it arrives and dropped. */
  keepBody: boolean;
}

export type Exchange =
  | {
      kind: 'response';
      status: number;
      /** Present when the request asked to keep it. */
      body: Buffer | undefined;
      /** Monotonic readings: probe start, request handed to a connected socket, body read. */
      startedAt: number;
      sentAt: number;
      endedAt: number;
    }
  | { kind: 'timeout' }
  | { kind: 'too-large' }
  | { kind: 'error'; error: unknown };

/**
 * One request and its response through undici's dispatcher, with a deadline over the whole of it.
 *
 * The probe is guardia's hottest path (a thousand a second at scale), so it talks to the
 * dispatcher directly instead of through `request()`: no response stream, abort signal or
 * listener per probe, just this handler. It also gives the exact moment for timing:
 * `onRequestStart` runs when the request is about to be written on a connected socket, after
 * any wait for a free connection and after the TCP and TLS handshakes of a new one.
 */
export function exchange(
  dispatcher: Dispatcher,
  req: ExchangeRequest,
  clock: Clock,
): Promise<Exchange> {
  return new Promise((resolve) => {
    const handler = new ProbeHandler(req.keepBody, clock, resolve);
    const deadline = setTimeout(() => handler.expire(), req.timeoutMs);
    handler.onSettled = () => clearTimeout(deadline);
    try {
      dispatcher.dispatch(
        {
          origin: req.origin,
          path: req.path,
          method: req.method,
          headers: req.headers,
          // The deadline above covers headers and body. undici's own timers for them would
          // be one more object per probe, kept for up to a second after it ends.
          headersTimeout: 0,
          bodyTimeout: 0,
        },
        handler,
      );
    } catch (error) {
      handler.fail(error);
    }
  });
}

const DEADLINE = new Error('probe deadline reached');
const TOO_LARGE = new Error(`body over ${MAX_JSON_BODY_BYTES} bytes`);

class ProbeHandler implements Dispatcher.DispatchHandler {
  onSettled: (() => void) | undefined;
  readonly #keepBody: boolean;
  readonly #clock: Clock;
  readonly #resolve: (e: Exchange) => void;
  readonly #startedAt: number;
  #controller: Dispatcher.DispatchController | undefined;
  #settled = false;
  #sentAt: number | undefined;
  #status = 0;
  #chunks: Buffer[] | undefined;
  #size = 0;

  constructor(keepBody: boolean, clock: Clock, resolve: (e: Exchange) => void) {
    this.#keepBody = keepBody;
    this.#clock = clock;
    this.#resolve = resolve;
    this.#startedAt = clock.monotonic();
  }

  /** May run more than once: undici retries a request whose pipelined predecessor failed. */
  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#settled) {
      controller.abort(DEADLINE);
      return;
    }
    this.#sentAt = this.#clock.monotonic();
    this.#chunks = undefined;
    this.#size = 0;
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number): void {
    this.#status = statusCode;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (!this.#keepBody || this.#settled) return;
    this.#size += chunk.length;
    if (this.#size > MAX_JSON_BODY_BYTES) {
      this.#settle({ kind: 'too-large' });
      controller.abort(TOO_LARGE);
      return;
    }
    if (this.#chunks) this.#chunks.push(chunk);
    else this.#chunks = [chunk];
  }

  onResponseEnd(): void {
    const endedAt = this.#clock.monotonic();
    const chunks = this.#chunks;
    let body: Buffer | undefined;
    if (this.#keepBody) {
      body = !chunks ? Buffer.alloc(0) : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    }
    this.#settle({
      kind: 'response',
      status: this.#status,
      body,
      startedAt: this.#startedAt,
      sentAt: this.#sentAt ?? this.#startedAt,
      endedAt,
    });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.fail(error);
  }

  fail(error: unknown): void {
    this.#settle({ kind: 'error', error });
  }

  /**
   * The deadline: the probe ends now, whatever undici is doing. A request still waiting for
   * a connection is aborted as soon as undici hands it over (`onRequestStart`).
   */
  expire(): void {
    if (this.#settled) return;
    this.#settle({ kind: 'timeout' });
    this.#controller?.abort(DEADLINE);
  }

  #settle(result: Exchange): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#chunks = undefined;
    this.onSettled?.();
    this.#resolve(result);
  }
}
