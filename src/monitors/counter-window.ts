/** What a cumulative counter counts toward a success ratio. */
export type CounterRole = 'total' | 'success' | 'failure';

/** One read of a set of cumulative counters, keyed by series (`outcome=success,method=cash`). */
export interface CounterReading {
  at: number;
  values: ReadonlyMap<string, { role: CounterRole; value: number }>;
}

export interface WindowTotals {
  attempts: number;
  successes: number;
  /** Time between the oldest and newest reading used: the window actually covered. */
  spanMs: number;
  /** Series that went down between two readings and were counted from zero. */
  resets: number;
}

/**
 * Readings of cumulative counters over a sliding window. Increases are summed per series
 * between consecutive readings, so a counter that drops (a process restart) counts from zero
 * instead of producing a negative delta, as Prometheus' `increase()` does.
 */
export class CounterWindow {
  readonly #windowMs: number;
  #readings: CounterReading[] = [];

  constructor(windowMs: number) {
    this.#windowMs = windowMs;
  }

  push(reading: CounterReading): void {
    this.#readings.push(reading);
    // Keep one reading at or before the window's start: it is the baseline of the first delta.
    const start = reading.at - this.#windowMs;
    while (this.#readings.length > 2 && (this.#readings[1]?.at ?? 0) <= start) {
      this.#readings.shift();
    }
  }

  /**
   * Sums over the window, or only over what happened after `since`: from the last reading at
   * or before it (its baseline) to the newest.
   */
  totals(since?: number): WindowTotals {
    let rs = this.#readings;
    if (since !== undefined) {
      const base = rs.findLastIndex((r) => r.at <= since);
      rs = rs.slice(Math.max(0, base));
    }
    const sums: Record<CounterRole, number> = { total: 0, success: 0, failure: 0 };
    const seen: Record<CounterRole, boolean> = { total: false, success: false, failure: false };
    let resets = 0;
    for (let i = 1; i < rs.length; i += 1) {
      const prev = rs[i - 1];
      const cur = rs[i];
      if (!prev || !cur) continue;
      for (const [key, { role, value }] of cur.values) {
        seen[role] = true;
        const before = prev.values.get(key)?.value;
        if (before === undefined) continue;
        if (value < before) {
          resets += 1;
          sums[role] += value;
        } else {
          sums[role] += value - before;
        }
      }
    }
    const attempts = seen.total ? sums.total : sums.success + sums.failure;
    const successes = seen.success ? sums.success : attempts - sums.failure;
    const first = rs[0];
    const last = rs[rs.length - 1];
    return {
      attempts,
      successes: Math.max(0, Math.min(successes, attempts)),
      spanMs: first && last ? last.at - first.at : 0,
      resets,
    };
  }
}
