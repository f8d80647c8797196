import { formatNumber } from '../../i18n/format.js';
import { defineCatalog, type Locale } from '../../i18n/locale.js';
import { CONNECT_ERRORS, isConnectError } from '../../monitors/connect-errors.js';
import type { CheckDetail } from '../../monitors/types.js';
import { latencyFigures, ms, num, type PhraseTable, shownValue, text } from './reasons-facts.js';

// What a probe got back, whichever monitor sent it: no answer, no connection, the wrong status
// or a body that fails its condition. Statuspage names and parser messages stay as received.
const t = defineCatalog({
  en: {
    timeout: 'no answer within {timeout}',
    ...CONNECT_ERRORS,
    requestFailed: 'request failed: {error}',
    status: 'status {status}, expected {expected}',
    countersStatus: 'counters answered {status}',
    slow: 'answered in {latency}, threshold {threshold}',
    tooLarge: 'body larger than {size}, not read as JSON',
    notJson: 'body is not JSON',
    dbUnreadable: 'database health body unreadable (status {status})',
    notStatuspage: 'status page is not a Statuspage v2 summary',
    valueIs: '{path} is {actual}, {expectation}',
    valueMissing: '{path} is missing, {expectation}',
    jsonEquals: 'expected {expected}',
    jsonIn: 'expected one of {expected}',
    jsonMin: 'expected at least {expected}',
    jsonMax: 'expected at most {expected}',
    notNumber: 'not a number',
  },
  'es-AR': {
    timeout: 'sin respuesta en {timeout}',
    ECONNREFUSED: 'conexión rechazada',
    ECONNRESET: 'conexión reiniciada',
    ENOTFOUND: 'no se encontró el nombre del host (DNS)',
    EAI_AGAIN: 'falló la consulta DNS, por ahora',
    EHOSTUNREACH: 'host inalcanzable',
    UND_ERR_CONNECT_TIMEOUT: 'se agotó el tiempo para conectar',
    UND_ERR_SOCKET: 'el servidor cerró la conexión',
    CERT_HAS_EXPIRED: 'certificado TLS vencido',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'certificado TLS autofirmado',
    requestFailed: 'falló la solicitud: {error}',
    status: 'estado HTTP {status}, se esperaba {expected}',
    countersStatus: 'los contadores respondieron {status}',
    slow: 'respondió en {latency}, umbral {threshold}',
    tooLarge: 'cuerpo de más de {size}, no se leyó como JSON',
    notJson: 'el cuerpo no es JSON',
    dbUnreadable: 'no se pudo leer la salud de la base de datos (estado {status})',
    notStatuspage: 'la página de estado no es un resumen de Statuspage v2',
    valueIs: '{path} es {actual}, {expectation}',
    valueMissing: 'falta {path}, {expectation}',
    jsonEquals: 'se esperaba {expected}',
    jsonIn: 'se esperaba uno de {expected}',
    jsonMin: 'se esperaba al menos {expected}',
    jsonMax: 'se esperaba como máximo {expected}',
    notNumber: 'se esperaba un número',
  },
});

type Expectation = 'jsonEquals' | 'jsonIn' | 'jsonMin' | 'jsonMax' | 'notNumber';

/** `path is value, expected …`: a value read from JSON that is not what it should be. */
export function valueProblem(
  locale: Locale,
  d: CheckDetail,
  expectation: Expectation,
): string | undefined {
  const path = text(d.path);
  if (path === undefined) return undefined;
  const expected = shownValue(locale, d.expected) ?? '?';
  const params = { path, expectation: t(locale, expectation, { expected }) };
  const actual = shownValue(locale, d.actual);
  return actual === undefined
    ? t(locale, 'valueMissing', params)
    : t(locale, 'valueIs', { ...params, actual });
}

export const probeReasons: PhraseTable = {
  PROBE_TIMEOUT(locale, _r, d) {
    const timeout = ms(locale, d.timeoutMs);
    return timeout && t(locale, 'timeout', { timeout });
  },

  PROBE_CONNECT(locale, _r, d) {
    if (isConnectError(d.errorCode)) return t(locale, d.errorCode);
    const error = text(d.message);
    return error && t(locale, 'requestFailed', { error });
  },

  PROBE_STATUS(locale, _r, d) {
    const status = num(d.status);
    if (status === undefined) return undefined;
    if (d.because === 'countersStatus') return t(locale, 'countersStatus', { status });
    return t(locale, 'status', { status, expected: text(d.expected) ?? '?' });
  },

  PROBE_SLOW(locale, r, d) {
    const figures = latencyFigures(locale, r, d);
    return figures && t(locale, 'slow', figures);
  },

  PROBE_BODY(locale, _r, d) {
    switch (d.because) {
      case 'tooLarge': {
        const bytes = num(d.limitBytes);
        if (bytes === undefined) return undefined;
        return t(locale, 'tooLarge', { size: `${formatNumber(locale, bytes / 2 ** 20)} MiB` });
      }
      case 'notJson':
        return t(locale, 'notJson');
      case 'jsonEquals':
      case 'jsonIn':
      case 'jsonMin':
      case 'jsonMax':
        return valueProblem(locale, d, d.because);
      case 'dbUnreadable': {
        const status = num(d.status);
        return status === undefined ? undefined : t(locale, 'dbUnreadable', { status });
      }
      case 'notStatuspage':
        return t(locale, 'notStatuspage');
    }
    return undefined;
  },
};
