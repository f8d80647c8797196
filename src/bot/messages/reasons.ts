import { defineCatalog, type Locale } from '../../i18n/locale.js';
import type { CheckResult } from '../../monitors/types.js';
import { type PhraseTable, text } from './reasons-facts.js';
import { probeReasons } from './reasons-probe.js';
import { insufficientReason, rateReasons } from './reasons-rates.js';
import { serviceReasons } from './reasons-services.js';

const t = defineCatalog({
  en: { monitorError: 'monitor error: {error}' },
  'es-AR': { monitorError: 'error del monitor: {error}' },
});

const BY_CODE: PhraseTable = { ...probeReasons, ...serviceReasons, ...rateReasons };

/**
 * A check's failure reason in the reader's language. Monitors store an English reason for logs
 * and history; its code, `detail.because` and the figures in `detail` are rephrased here. A
 * result without those facts (stored before they existed, or from a plug-in that does not give
 * them) keeps its English reason.
 */
export function localReason(locale: Locale, result: CheckResult): string | undefined {
  const d = result.detail ?? {};
  if (result.code) return BY_CODE[result.code]?.(locale, result, d) ?? result.reason;
  const error = d.because === 'monitorError' ? text(d.error) : undefined;
  if (error) return t(locale, 'monitorError', { error });
  return insufficientReason(locale, d, result.value) ?? result.reason;
}
