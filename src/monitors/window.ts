export interface WindowStats {
  /** Results in the window (at most its size). */
  count: number;
  failures: number;
  /** failures / count, or undefined with no results. */
  errorRate: number | undefined;
  /** Over results that carried a value. */
  avg: number | undefined;
  p95: number | undefined;
  min: number | undefined;
  max: number | undefined;
}

/** The last N results of one target, in a fixed ring buffer: O(1) to add, no allocation. */
export class RollingWindow {
  readonly size: number;
  readonly #values: Float64Array;
  readonly #ok: Uint8Array;
  #next = 0;
  #count = 0;

  constructor(size: number) {
    this.size = size;
    this.#values = new Float64Array(size);
    this.#ok = new Uint8Array(size);
  }

  /** `value` NaN when the result carried none (a refused connection has no latency). */
  push(ok: boolean, value: number | undefined): void {
    this.#values[this.#next] = value ?? Number.NaN;
    this.#ok[this.#next] = ok ? 1 : 0;
    this.#next = (this.#next + 1) % this.size;
    if (this.#count < this.size) this.#count += 1;
  }

  stats(): WindowStats {
    const values: number[] = [];
    let failures = 0;
    for (let i = 0; i < this.#count; i += 1) {
      if (this.#ok[i] === 0) failures += 1;
      const v = this.#values[i] ?? Number.NaN;
      if (!Number.isNaN(v)) values.push(v);
    }
    values.sort((a, b) => a - b);
    const sum = values.reduce((acc, v) => acc + v, 0);
    return {
      count: this.#count,
      failures,
      errorRate: this.#count ? failures / this.#count : undefined,
      avg: values.length ? sum / values.length : undefined,
      p95: values.length ? percentile(values, 0.95) : undefined,
      min: values[0],
      max: values[values.length - 1],
    };
  }
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}
