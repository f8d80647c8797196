import { formatDuration, formatMs, formatNumber, formatPercent } from '../../i18n/format.js';
import { defineCatalog, type Locale } from '../../i18n/locale.js';
import type { CheckResult } from '../../monitors/types.js';

const t = defineCatalog({
  en: {
    slow: 'answered in {latency}, threshold {threshold}',
    status: 'status {status}, expected {expected}',
    timeout: 'no answer within {timeout}',
    rateLow: 'success rate {rate} < {threshold}, {attempts} attempts in {window}',
  },
  'es-AR': {
    slow: 'respondió en {latency}, umbral {threshold}',
    status: 'estado HTTP {status}, se esperaba {expected}',
    timeout: 'sin respuesta en {timeout}',
    rateLow: 'tasa de éxito {rate} < {threshold}, {attempts} intentos en {window}',
  },
});

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/**
 * A check's failure reason in the reader's language. Monitors store an English reason for logs
 * and history; known codes with their figures in `detail` are rephrased here.
 */
export function localReason(locale: Locale, result: CheckResult): string | undefined {
  const d = result.detail ?? {};
  switch (result.code) {
    case 'PROBE_SLOW': {
      const threshold = num(d.thresholdMs);
      if (result.value === undefined || threshold === undefined) break;
      return t(locale, 'slow', {
        latency: formatMs(locale, result.value),
        threshold: formatMs(locale, threshold),
      });
    }
    case 'PROBE_STATUS':
      if (d.status === undefined) break;
      return t(locale, 'status', { status: String(d.status), expected: String(d.expected ?? '?') });
    case 'PROBE_TIMEOUT': {
      const timeout = num(d.timeoutMs);
      if (timeout === undefined) break;
      return t(locale, 'timeout', { timeout: formatMs(locale, timeout) });
    }
    case 'RATE_LOW': {
      const [attempts, windowMs, threshold] = [num(d.attempts), num(d.windowMs), num(d.threshold)];
      if (result.value === undefined || attempts === undefined || windowMs === undefined) break;
      if (threshold === undefined) break;
      return t(locale, 'rateLow', {
        rate: formatPercent(locale, result.value),
        threshold: formatPercent(locale, threshold, 0),
        attempts: formatNumber(locale, attempts, 0),
        window: formatDuration(locale, windowMs),
      });
    }
  }
  return result.reason;
}
