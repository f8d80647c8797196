/** A part of a whole, with the sample it was measured on. */
export interface Ratio {
  part: number;
  total: number;
  /** part / total, or null when nothing was measured. */
  value: number | null;
  /** True when `total` reaches the configured minimum sample. */
  enough: boolean;
}

export function ratio(part: number, total: number, minSample: number): Ratio {
  return { part, total, value: total > 0 ? part / total : null, enough: total >= minSample };
}

export function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** Rounds to one decimal: reports show scores as `73.4`, and renderers agree on it. */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
