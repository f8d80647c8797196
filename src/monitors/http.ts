import { type Dispatcher, request } from 'undici';
import type { TargetConfig } from '../config/schema.js';
import { type Clock, systemClock } from '../core/clock.js';
import { readPath } from './json-path.js';
import { withSendTimer } from './send-timer.js';
import type { CheckResult, Monitor, TargetInfo } from './types.js';

export interface HttpProbeSettings {
  url: string;
  method: 'GET' | 'HEAD' | 'POST';
  headers: Record<string, string>;
  expectStatus: readonly number[];
  json?: TargetConfig['json'];
  timeoutMs: number;
  latencyThresholdMs: number;
}

/**
 * Probes one HTTP endpoint, timing with the monotonic clock.
 *
 * Connections are kept alive in the shared dispatcher, but many servers close idle ones after a
 * few seconds, shorter than a 30 s interval, so a probe often has to reconnect. The latency is
 * timed from when the request goes on a connected socket (see `withSendTimer`); the wait before
 * that (pool, TCP and TLS handshakes) is reported apart as `detail.waitMs`. A 0.31 ms endpoint
 * then reads as 0.31 ms, not as the cost of a new connection.
 */
export class HttpMonitor implements Monitor {
  readonly target: TargetInfo;
  readonly #s: HttpProbeSettings;
  readonly #dispatcher: Dispatcher;
  readonly #clock: Clock;
  #sentAt: number | undefined;

  constructor(
    target: TargetInfo,
    settings: HttpProbeSettings,
    dispatcher: Dispatcher,
    clock = systemClock,
  ) {
    this.target = target;
    this.#s = settings;
    this.#clock = clock;
    this.#dispatcher = withSendTimer(dispatcher, () => {
      this.#sentAt = this.#clock.monotonic();
    });
  }

  async check(): Promise<CheckResult> {
    const s = this.#s;
    // One timer per probe, cleared as soon as it ends: AbortSignal.timeout would keep a signal
    // and its timer alive for the whole deadline, thousands of them at a thousand probes/s.
    const abort = new AbortController();
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, s.timeoutMs);
    const started = this.#clock.monotonic();
    this.#sentAt = undefined;
    let status: number;
    let body: unknown;
    try {
      const res = await request(s.url, {
        method: s.method,
        headers: s.headers,
        dispatcher: this.#dispatcher,
        signal: abort.signal,
      });
      status = res.statusCode;
      if (s.json) body = await res.body.json().catch(() => NOT_JSON);
      else await res.body.dump();
    } catch (err) {
      return failureFromError(timedOut ? TIMED_OUT : err, s.timeoutMs);
    } finally {
      clearTimeout(deadline);
    }
    // The deadline may fire while the body is read, which some body readers do not reject.
    if (timedOut) return failureFromError(TIMED_OUT, s.timeoutMs);
    const ended = this.#clock.monotonic();
    const sentAt = this.#sentAt;
    const from = sentAt !== undefined && sentAt >= started ? sentAt : started;
    const latency = ended - from;
    const detail: Record<string, unknown> = { status, waitMs: from - started };
    if (!s.expectStatus.includes(status)) {
      return {
        ok: false,
        value: latency,
        code: 'PROBE_STATUS',
        reason: `status ${status}, expected ${s.expectStatus.join(' or ')}`,
        detail: { ...detail, expected: s.expectStatus.join('/') },
      };
    }
    if (s.json) {
      const problem = checkJson(body, s.json);
      if (problem)
        return { ok: false, value: latency, code: 'PROBE_BODY', reason: problem, detail };
    }
    if (latency > s.latencyThresholdMs) {
      return {
        ok: false,
        value: latency,
        code: 'PROBE_SLOW',
        reason: `answered in ${latency.toFixed(0)} ms, threshold ${s.latencyThresholdMs} ms`,
        detail: { ...detail, thresholdMs: s.latencyThresholdMs },
      };
    }
    return { ok: true, value: latency, detail };
  }
}

const NOT_JSON = Symbol('not-json');
const TIMED_OUT = { name: 'TimeoutError' };

export function checkJson(
  body: unknown,
  cond: NonNullable<TargetConfig['json']>,
): string | undefined {
  if (body === NOT_JSON) return 'body is not JSON';
  const actual = readPath(body, cond.path);
  const shown = JSON.stringify(actual) ?? 'nothing';
  if (cond.equals !== undefined && actual !== cond.equals) {
    return `${cond.path} is ${shown}, expected ${JSON.stringify(cond.equals)}`;
  }
  if (cond.in !== undefined && !cond.in.some((v) => v === actual)) {
    return `${cond.path} is ${shown}, expected one of ${JSON.stringify(cond.in)}`;
  }
  if (cond.min !== undefined && !(typeof actual === 'number' && actual >= cond.min)) {
    return `${cond.path} is ${shown}, expected at least ${cond.min}`;
  }
  if (cond.max !== undefined && !(typeof actual === 'number' && actual <= cond.max)) {
    return `${cond.path} is ${shown}, expected at most ${cond.max}`;
  }
  return undefined;
}

/** Turns undici and network errors into a failed result a person can read. */
export function failureFromError(err: unknown, timeoutMs: number): CheckResult {
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code;
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT') {
    return {
      ok: false,
      code: 'PROBE_TIMEOUT',
      reason: `no answer within ${timeoutMs} ms`,
      detail: { timeoutMs },
    };
  }
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host name not found (DNS)',
    EAI_AGAIN: 'DNS lookup failed temporarily',
    EHOSTUNREACH: 'host unreachable',
    UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
    UND_ERR_SOCKET: 'connection closed by the server',
    CERT_HAS_EXPIRED: 'TLS certificate expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  };
  const reason = (code && reasons[code]) ?? `request failed: ${e.message ?? String(err)}`;
  return { ok: false, code: 'PROBE_CONNECT', reason, detail: { errorCode: code } };
}
