import type { Locale } from './locale.js';

// Building an Intl formatter costs far more than using one, and a burst of alerts formats
// thousands of figures; formatters are kept per locale and options.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** A cached `Intl.DateTimeFormat`; also for adapters that print times. */
export function dateFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

/** Numbers, percentages, durations and times in the reader's locale and time zone. */
export function formatNumber(locale: Locale, value: number, maxFractionDigits = 1): string {
  return numberFormat(locale, { maximumFractionDigits: maxFractionDigits }).format(value);
}

export function formatMs(locale: Locale, ms: number): string {
  const digits = ms < 1 ? 3 : ms < 10 ? 2 : ms < 100 ? 1 : 0;
  return `${numberFormat(locale, { maximumFractionDigits: digits }).format(ms)} ms`;
}

/** `ratio` is 0..1. */
export function formatPercent(locale: Locale, ratio: number, fractionDigits = 1): string {
  return numberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(ratio);
}

export function formatMoney(locale: Locale, amount: number, currency = 'ARS'): string {
  return numberFormat(locale, { style: 'currency', currency }).format(amount);
}

const UNITS: Record<Locale, { d: string; h: string; m: string; s: string }> = {
  'es-AR': { d: 'd', h: 'h', m: 'min', s: 's' },
  en: { d: 'd', h: 'h', m: 'min', s: 's' },
};

/** A compact duration such as `1 h 5 min` or `42 s`. */
export function formatDuration(locale: Locale, ms: number): string {
  const u = UNITS[locale];
  let s = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts: string[] = [];
  if (d) parts.push(`${d} ${u.d}`);
  if (h) parts.push(`${h} ${u.h}`);
  if (m && !d) parts.push(`${m} ${u.m}`);
  if ((s && !h && !d) || parts.length === 0) parts.push(`${s} ${u.s}`);
  return parts.join(' ');
}

/** Date and time as a person in `timeZone` reads it, e.g. `03/12 14:05`. */
export function formatTime(locale: Locale, timeZone: string, epochMs: number): string {
  return dateFormat(locale, {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(epochMs));
}
