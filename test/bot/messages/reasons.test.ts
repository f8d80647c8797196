import { describe, expect, it } from 'vitest';
import { localReason } from '../../../src/bot/messages/reasons.js';
import type { ErrorCode } from '../../../src/core/errors.js';
import type { CheckDetail, CheckResult } from '../../../src/monitors/types.js';

// Each result carries a stand-in English reason: a variant the catalog cannot phrase falls back
// to it, and the exact sentences below then fail.
const LOGGED = 'the English reason kept for logs';

/** What was checked, its result, and the sentence in English and in Spanish. */
type Case = [string, CheckResult, string, string];

function failed(code: ErrorCode | undefined, detail: CheckDetail, value?: number): CheckResult {
  return { ok: false, code, reason: LOGGED, detail, value };
}

const CONNECT_ERRORS = [
  ['ECONNREFUSED', 'connection refused', 'conexión rechazada'],
  ['ECONNRESET', 'connection reset', 'conexión reiniciada'],
  ['ENOTFOUND', 'host name not found (DNS)', 'no se encontró el nombre del host (DNS)'],
  ['EAI_AGAIN', 'DNS lookup failed temporarily', 'falló la consulta DNS, por ahora'],
  ['EHOSTUNREACH', 'host unreachable', 'host inalcanzable'],
  ['UND_ERR_CONNECT_TIMEOUT', 'connect timed out', 'se agotó el tiempo para conectar'],
  ['UND_ERR_SOCKET', 'connection closed by the server', 'el servidor cerró la conexión'],
  ['CERT_HAS_EXPIRED', 'TLS certificate expired', 'certificado TLS vencido'],
  ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed TLS certificate', 'certificado TLS autofirmado'],
] as const;

const cases: Case[] = [
  // Transport, whichever monitor probed
  [
    'a timeout',
    failed('PROBE_TIMEOUT', { timeoutMs: 2000 }),
    'no answer within 2,000 ms',
    'sin respuesta en 2.000 ms',
  ],
  ...CONNECT_ERRORS.map(
    ([errorCode, en, es]): Case => [
      `a connection error ${errorCode}`,
      failed('PROBE_CONNECT', { errorCode }),
      en,
      es,
    ],
  ),
  [
    'another request error, its message as received',
    failed('PROBE_CONNECT', { errorCode: 'EPROTO', message: 'wrong version number' }),
    'request failed: wrong version number',
    'falló la solicitud: wrong version number',
  ],
  // HTTP endpoints
  [
    'an unexpected status',
    failed('PROBE_STATUS', { status: 503, expected: '200/204' }),
    'status 503, expected 200/204',
    'estado HTTP 503, se esperaba 200/204',
  ],
  [
    'a slow answer',
    failed('PROBE_SLOW', { thresholdMs: 20 }, 45.25),
    'answered in 45.3 ms, threshold 20 ms',
    'respondió en 45,3 ms, umbral 20 ms',
  ],
  [
    'a body too large to read',
    failed('PROBE_BODY', { because: 'tooLarge', limitBytes: 1024 * 1024 }),
    'body larger than 1 MiB, not read as JSON',
    'cuerpo de más de 1 MiB, no se leyó como JSON',
  ],
  [
    'a body that is not JSON',
    failed('PROBE_BODY', { because: 'notJson' }),
    'body is not JSON',
    'el cuerpo no es JSON',
  ],
  [
    'a JSON value other than the one expected',
    failed('PROBE_BODY', {
      because: 'jsonEquals',
      path: 'status',
      actual: '"degraded"',
      expected: '"ok"',
    }),
    'status is "degraded", expected "ok"',
    'status es "degraded", se esperaba "ok"',
  ],
  [
    'a missing JSON value expected in a list',
    failed('PROBE_BODY', { because: 'jsonIn', path: 'db.state', expected: '["up","ok"]' }),
    'db.state is missing, expected one of ["up","ok"]',
    'falta db.state, se esperaba uno de ["up","ok"]',
  ],
  [
    'a JSON number under its minimum',
    failed('PROBE_BODY', { because: 'jsonMin', path: 'load', actual: 0.5, expected: 1.5 }),
    'load is 0.5, expected at least 1.5',
    'load es 0,5, se esperaba al menos 1,5',
  ],
  [
    'a JSON number over its maximum',
    failed('PROBE_BODY', { because: 'jsonMax', path: 'queue', actual: 12345, expected: 10000 }),
    'queue is 12,345, expected at most 10,000',
    'queue es 12.345, se esperaba como máximo 10.000',
  ],
  // Database
  [
    'an unreadable database health body',
    failed('PROBE_BODY', { because: 'dbUnreadable', status: 502 }),
    'database health body unreadable (status 502)',
    'no se pudo leer la salud de la base de datos (estado 502)',
  ],
  [
    'a disconnected database',
    failed('DB_UNHEALTHY', { because: 'disconnected', connected: false }),
    'database disconnected',
    'base de datos desconectada',
  ],
  [
    'slow queries running',
    failed('DB_UNHEALTHY', { because: 'slowQueries', slowQueries: 3, maxSlowQueries: 0 }),
    '3 slow queries running (at most 0)',
    '3 consultas lentas en curso (máximo 0)',
  ],
  [
    'a slow query time',
    failed('DB_UNHEALTHY', { because: 'queryTime', queryTimeMs: 1500.4, maxQueryTimeMs: 500 }),
    'query time 1,500 ms > 500 ms',
    'tiempo de consulta 1.500 ms > 500 ms',
  ],
  // Third-party dependencies
  [
    'a status page that is not Statuspage',
    failed('PROBE_BODY', { because: 'notStatuspage' }),
    'status page is not a Statuspage v2 summary',
    'la página de estado no es un resumen de Statuspage v2',
  ],
  [
    'an outage on the status page, with its components',
    failed('DEPENDENCY_DOWN', {
      because: 'statusPage',
      description: 'Partial System Outage',
      components: ['Checkout API', 'Webhooks'],
    }),
    'status page: Partial System Outage (Checkout API, Webhooks)',
    'página de estado: Partial System Outage (Checkout API, Webhooks)',
  ],
  [
    'an outage on the status page, no component named',
    failed('DEPENDENCY_DOWN', {
      because: 'statusPage',
      description: 'Major Outage',
      components: [],
    }),
    'status page: Major Outage',
    'página de estado: Major Outage',
  ],
  [
    'a direct probe with a bad status',
    failed('DEPENDENCY_DOWN', { because: 'pingStatus', pingStatus: 503 }),
    'direct probe answered 503',
    'la prueba directa respondió 503',
  ],
  [
    'a direct probe that timed out',
    failed('DEPENDENCY_DOWN', { because: 'pingFailed', pingCode: 'PROBE_TIMEOUT', timeoutMs: 800 }),
    'direct probe: no answer within 800 ms',
    'prueba directa: sin respuesta en 800 ms',
  ],
  [
    'a direct probe that could not connect',
    failed('DEPENDENCY_DOWN', {
      because: 'pingFailed',
      pingCode: 'PROBE_CONNECT',
      errorCode: 'ENOTFOUND',
    }),
    'direct probe: host name not found (DNS)',
    'prueba directa: no se encontró el nombre del host (DNS)',
  ],
  // WebSocket
  [
    'no echo',
    failed('WEBSOCKET_FAILED', { because: 'noEcho', timeoutMs: 1000 }),
    'no echo within 1,000 ms',
    'sin eco en 1.000 ms',
  ],
  [
    'a close before the echo',
    failed('WEBSOCKET_FAILED', { because: 'closed', closeCode: 1006, closeReason: '' }),
    'closed with 1006 before the echo',
    'se cerró con 1006 antes del eco',
  ],
  [
    'a close with the server’s words',
    failed('WEBSOCKET_FAILED', { because: 'closed', closeCode: 1011, closeReason: 'overloaded' }),
    'closed with 1011 (overloaded) before the echo',
    'se cerró con 1011 (overloaded) antes del eco',
  ],
  [
    'a WebSocket that does not connect',
    failed('WEBSOCKET_FAILED', { because: 'connectFailed' }),
    'connection failed',
    'no se pudo conectar',
  ],
  [
    'a slow echo',
    failed('WEBSOCKET_FAILED', { because: 'slowEcho', thresholdMs: 500 }, 612.4),
    'echo took 612 ms, threshold 500 ms',
    'el eco tardó 612 ms, umbral 500 ms',
  ],
  // Business rates
  [
    'a low rate',
    failed(
      'RATE_LOW',
      { attempts: 412, successes: 334, windowMs: 300_000, threshold: 0.98 },
      0.812,
    ),
    'success rate 81.2% < 98%, 412 attempts in 5 min',
    'tasa de éxito 81,2% < 98%, 412 intentos en 5 min',
  ],
  [
    'a low rate against a threshold with decimals',
    failed('RATE_LOW', { attempts: 1200, windowMs: 600_000, threshold: 0.995 }, 0.9912),
    'success rate 99.1% < 99.5%, 1,200 attempts in 10 min',
    'tasa de éxito 99,1% < 99,5%, 1.200 intentos en 10 min',
  ],
  [
    'counters answering an error status',
    failed('PROBE_STATUS', { because: 'countersStatus', status: 503 }),
    'counters answered 503',
    'los contadores respondieron 503',
  ],
  [
    'counters that are not JSON',
    failed('RATE_SOURCE', { because: 'countersNotJson' }),
    'counters body is not JSON',
    'el cuerpo de los contadores no es JSON',
  ],
  [
    'a counter that is not a number',
    failed('RATE_SOURCE', { because: 'notNumber', path: 'bookings.total', actual: '"12"' }),
    'bookings.total is "12", not a number',
    'bookings.total es "12", se esperaba un número',
  ],
  [
    'a missing counter',
    failed('RATE_SOURCE', { because: 'notNumber', path: 'bookings.total' }),
    'bookings.total is missing, not a number',
    'falta bookings.total, se esperaba un número',
  ],
  [
    'text that is not Prometheus, the parser’s words as received',
    failed('RATE_SOURCE', { because: 'notPrometheus', error: 'Invalid line: x{' }),
    'not Prometheus text format: Invalid line: x{',
    'no es formato de texto de Prometheus: Invalid line: x{',
  ],
  [
    'a missing metric',
    failed('RATE_SOURCE', { because: 'noMetric', metric: 'payments_total' }),
    'no metric payments_total in the exposition',
    'no está la métrica payments_total en la exposición',
  ],
  [
    'no matching series',
    failed('RATE_SOURCE', {
      because: 'noSeries',
      metric: 'payments_total',
      labels: '{"method":"mp"}',
    }),
    'no series of payments_total matches {"method":"mp"}',
    'ninguna serie de payments_total coincide con {"method":"mp"}',
  ],
  [
    'a rate with too few attempts',
    {
      ok: true,
      inconclusive: true,
      reason: LOGGED,
      detail: { because: 'fewAttempts', attempts: 3, windowMs: 120_000, minAttempts: 40 },
    },
    'not enough data (3 attempts in 2 min)',
    'datos insuficientes (3 intentos en 2 min)',
  ],
  [
    'a rate below its threshold by no more than chance',
    {
      ok: true,
      inconclusive: true,
      value: 0.875,
      reason: LOGGED,
      detail: {
        because: 'withinNoise',
        attempts: 40,
        windowMs: 300_000,
        threshold: 0.9,
        insufficient: true,
        confidence: 0.95,
      },
    },
    '87.5% (below 90%) over only 40 attempts in 5 min: too few to tell a drop from chance',
    '87,5% (debajo de 90%) en sólo 40 intentos en 5 min: muy pocos para distinguir una caída del azar',
  ],
  // Uptime
  [
    'endpoints below the uptime target',
    failed(
      'UPTIME_LOW',
      {
        target: 0.999,
        below: [
          { name: 'Bookings API', uptime24h: 0.9899, uptime7d: 0.9985, checks24h: 2880 },
          { name: 'Login', uptime24h: 0.9995, uptime7d: 0.9981, checks24h: 1440 },
        ],
      },
      0.9899,
    ),
    'below 99.9%: Bookings API 98.99% 24 h / 99.85% 7 d (2,880 checks in 24 h); ' +
      'Login 99.95% 24 h / 99.81% 7 d (1,440 checks in 24 h)',
    'por debajo de 99,9%: Bookings API 98,99% en 24 h / 99,85% en 7 d (2.880 chequeos en 24 h); ' +
      'Login 99,95% en 24 h / 99,81% en 7 d (1.440 chequeos en 24 h)',
  ],
  [
    'uptime with too few checks',
    {
      ok: true,
      inconclusive: true,
      reason: LOGGED,
      detail: { because: 'fewChecks', insufficient: true, minSamples: 100 },
    },
    'not enough data (fewer than 100 checks in 24 h)',
    'datos insuficientes (menos de 100 chequeos en 24 h)',
  ],
  // The runner
  [
    'a monitor that threw, its message as received',
    failed(undefined, { because: 'monitorError', error: 'plug-in bug' }),
    'monitor error: plug-in bug',
    'error del monitor: plug-in bug',
  ],
];

describe('localReason', () => {
  describe.each(cases)('%s', (_name, result, en, es) => {
    it('in English', () => expect(localReason('en', result)).toBe(en));
    it('in Spanish (es-AR)', () => expect(localReason('es-AR', result)).toBe(es));
  });

  it.each([
    ['a result stored before its facts were', failed('DB_UNHEALTHY', { connected: false })],
    ['a code whose figures are missing', failed('PROBE_SLOW', {})],
    ['a code it has no phrasing for', failed('CHART_FAILED', {})],
    ['a plug-in result with a reason only', failed(undefined, {})],
  ])('keeps the English reason of %s', (_name, result) => {
    expect(localReason('es-AR', result)).toBe(LOGGED);
  });

  it('says nothing when the result has no reason and no facts', () => {
    expect(localReason('es-AR', { ok: false })).toBeUndefined();
  });
});
