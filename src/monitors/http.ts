import type { Dispatcher } from 'undici';
import type { TargetConfig } from '../config/schema.js';
import { type Clock, systemClock } from '../core/clock.js';
import { CONNECT_ERRORS, isConnectError } from './connect-errors.js';
import { type ExchangeRequest, exchange, MAX_JSON_BODY_BYTES } from './http-exchange.js';
import { jsonFact, readPath } from './json-path.js';
import type { Because, CheckDetail, CheckResult, Monitor, TargetInfo } from './types.js';

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
 * timed from when the request goes on a connected socket (see `exchange`); the wait before
 * that (pool, TCP and TLS handshakes) is reported apart as `detail.waitMs`. A 0.31 ms endpoint
 * then reads as 0.31 ms, not as the cost of a new connection.
 */
export class HttpMonitor implements Monitor {
  readonly target: TargetInfo;
  readonly #s: HttpProbeSettings;
  readonly #req: ExchangeRequest;
  readonly #dispatcher: Dispatcher;
  readonly #clock: Clock;

  constructor(
    target: TargetInfo,
    settings: HttpProbeSettings,
    dispatcher: Dispatcher,
    clock = systemClock,
  ) {
    this.target = target;
    this.#s = settings;
    this.#clock = clock;
    this.#dispatcher = dispatcher;
    const url = new URL(settings.url);
    this.#req = {
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: settings.method,
      headers: settings.headers,
      timeoutMs: settings.timeoutMs,
      keepBody: settings.json !== undefined,
    };
  }

  async check(): Promise<CheckResult> {
    const s = this.#s;
    const ex = await exchange(this.#dispatcher, this.#req, this.#clock);
    if (ex.kind === 'timeout') return failureFromError(TIMED_OUT, s.timeoutMs);
    if (ex.kind === 'error') return failureFromError(ex.error, s.timeoutMs);
    if (ex.kind === 'too-large') {
      return {
        ok: false,
        code: 'PROBE_BODY',
        reason: `body larger than ${MAX_JSON_BODY_BYTES / 1024 / 1024} MiB, not read as JSON`,
        detail: { because: 'tooLarge', limitBytes: MAX_JSON_BODY_BYTES },
      };
    }
    const { status } = ex;
    const latency = ex.endedAt - ex.sentAt;
    const detail: CheckDetail = { status, waitMs: ex.sentAt - ex.startedAt };
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
      const problem = checkJson(parseJson(ex.body), s.json);
      if (problem) {
        const { reason } = problem;
        const facts = { ...detail, ...problem.detail };
        return { ok: false, value: latency, code: 'PROBE_BODY', reason, detail: facts };
      }
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

function parseJson(body: Buffer | undefined): unknown {
  if (!body || body.length === 0) return NOT_JSON;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return NOT_JSON;
  }
}

const NOT_JSON = Symbol('not-json');
const TIMED_OUT = { name: 'TimeoutError' };

/** Why a body fails its JSON condition: the English reason, and its facts for other languages. */
export interface JsonProblem {
  reason: string;
  detail: CheckDetail;
}

export function checkJson(
  body: unknown,
  cond: NonNullable<TargetConfig['json']>,
): JsonProblem | undefined {
  if (body === NOT_JSON) return { reason: 'body is not JSON', detail: { because: 'notJson' } };
  const actual = readPath(body, cond.path);
  const fail = (because: Because, expectation: string, expected: unknown): JsonProblem => ({
    reason: `${cond.path} is ${JSON.stringify(actual) ?? 'nothing'}, expected ${expectation}`,
    detail: { because, path: cond.path, actual: jsonFact(actual), expected: jsonFact(expected) },
  });
  if (cond.equals !== undefined && actual !== cond.equals) {
    return fail('jsonEquals', JSON.stringify(cond.equals), cond.equals);
  }
  if (cond.in !== undefined && !cond.in.some((v) => v === actual)) {
    return fail('jsonIn', `one of ${JSON.stringify(cond.in)}`, cond.in);
  }
  if (cond.min !== undefined && !(typeof actual === 'number' && actual >= cond.min)) {
    return fail('jsonMin', `at least ${cond.min}`, cond.min);
  }
  if (cond.max !== undefined && !(typeof actual === 'number' && actual <= cond.max)) {
    return fail('jsonMax', `at most ${cond.max}`, cond.max);
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
  if (isConnectError(code)) {
    return {
      ok: false,
      code: 'PROBE_CONNECT',
      reason: CONNECT_ERRORS[code],
      detail: { errorCode: code },
    };
  }
  const message = e.message ?? String(err);
  return {
    ok: false,
    code: 'PROBE_CONNECT',
    reason: `request failed: ${message}`,
    detail: { errorCode: code, message },
  };
}
