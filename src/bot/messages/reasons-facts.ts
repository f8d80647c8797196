import type { ErrorCode } from '../../core/errors.js';
import { formatMs, formatNumber, formatPercent } from '../../i18n/format.js';
import type { Locale } from '../../i18n/locale.js';
import type { CheckDetail, CheckResult } from '../../monitors/types.js';

// A result's `detail` comes back from the store as parsed JSON, so every fact is read with a
// check of its type; a missing one makes the caller fall back to the English reason. Readers
// that give text never give an empty string, so `fact && t(...)` is safe.

export const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

export const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : undefined;

/** A duration in milliseconds, as the reader writes it. */
export function ms(locale: Locale, v: unknown): string | undefined {
  return typeof v === 'number' ? formatMs(locale, v) : undefined;
}

/** A count, as the reader writes it (`1.234` in es-AR). */
export function count(locale: Locale, v: unknown): string | undefined {
  return typeof v === 'number' ? formatNumber(locale, v, 0) : undefined;
}

/** A measured latency (`value`) and its threshold (`detail.thresholdMs`). */
export function latencyFigures(
  locale: Locale,
  result: CheckResult,
  d: CheckDetail,
): { latency: string; threshold: string } | undefined {
  const [latency, threshold] = [ms(locale, result.value), ms(locale, d.thresholdMs)];
  return latency && threshold ? { latency, threshold } : undefined;
}

/** A value read from JSON (see `jsonFact`): a number in the reader's format, else as received. */
export function shownValue(locale: Locale, v: unknown): string | undefined {
  return typeof v === 'number' ? formatNumber(locale, v, 6) : text(v);
}

/** A configured ratio with the decimals it was written with: `98%`, `99.5%`, `99.9%`. */
export function ratioAsWritten(locale: Locale, ratio: number): string {
  const decimals = String(Number((ratio * 100).toFixed(2))).split('.')[1]?.length ?? 0;
  return formatPercent(locale, ratio, decimals);
}

/** Phrases one error code's results; undefined when a fact it needs is missing. */
export type Phrase = (locale: Locale, result: CheckResult, d: CheckDetail) => string | undefined;

export type PhraseTable = Partial<Record<ErrorCode, Phrase>>;
