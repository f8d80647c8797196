import type { RateConfig } from '../config/monitors.js';
import type { Clock } from '../core/clock.js';
import { CounterReadError, jsonCounters, prometheusCounters } from './counter-sources.js';
import { type CounterReading, CounterWindow, type WindowTotals } from './counter-window.js';
import { failureFromError } from './http.js';
import { wilsonUpper } from './rate-confidence.js';
import type { SharedFetch } from './shared-fetch.js';
import type { CheckResult, Monitor, TargetInfo } from './types.js';

export interface RateSettings {
  rate: RateConfig;
  windowMs: number;
  minAttempts: number;
  /** How sure a drop must be to fail the check (see `wilsonUpper`); 0 compares as read. */
  confidence: number;
  timeoutMs: number;
}

/**
 * A business success rate from cumulative counters: each check reads the counters, and the
 * ratio is successes / attempts over the sliding window. Below `minAttempts` the check is ok
 * and marked insufficient, so one failure out of two at night does not page anybody; a ratio
 * below the threshold that sampling noise could explain (see `wilsonUpper`) is marked the same.
 */
export class RateMonitor implements Monitor {
  readonly target: TargetInfo;
  readonly #s: RateSettings;
  readonly #fetch: SharedFetch;
  readonly #clock: Clock;
  readonly #window: CounterWindow;
  #readFailure: CheckResult | undefined;

  constructor(target: TargetInfo, settings: RateSettings, fetch: SharedFetch, clock: Clock) {
    this.target = target;
    this.#s = settings;
    this.#fetch = fetch;
    this.#clock = clock;
    this.#window = new CounterWindow(settings.windowMs);
  }

  async check(): Promise<CheckResult> {
    const read = await this.#read();
    this.#readFailure = 'ok' in read ? read : undefined;
    if ('ok' in read) return read;
    this.#window.push({ at: this.#clock.now(), values: read.values });
    return this.#judge(this.#window.totals());
  }

  judgeSince(since: number): CheckResult {
    // Counters that could not be read say more than an old window does.
    return this.#readFailure ?? this.#judge(this.#window.totals(since));
  }

  /** The counters now, or the failed check that says why they could not be read. */
  async #read(): Promise<CheckResult | { values: CounterReading['values'] }> {
    const { rate, timeoutMs } = this.#s;
    let values: CounterReading['values'];
    try {
      const res = await this.#fetch.get(rate.url, timeoutMs);
      if (res.status !== 200) {
        return {
          ok: false,
          code: 'PROBE_STATUS',
          reason: `counters answered ${res.status}`,
          detail: { because: 'countersStatus', status: res.status },
        };
      }
      values =
        rate.from === 'json'
          ? jsonCounters(parseJson(res.text), rate)
          : prometheusCounters(res.text, rate);
    } catch (err) {
      if (err instanceof CounterReadError) {
        return { ok: false, code: 'RATE_SOURCE', reason: err.message, detail: err.detail };
      }
      return failureFromError(err, timeoutMs);
    }
    return { values };
  }

  #judge({ attempts, successes, spanMs, resets }: WindowTotals): CheckResult {
    const { minAttempts, rate } = this.#s;
    const detail = { attempts, successes, windowMs: spanMs, threshold: rate.below, resets };
    const span = formatSpan(spanMs);
    if (attempts < minAttempts) {
      return {
        ok: true,
        inconclusive: true,
        detail: { ...detail, because: 'fewAttempts', insufficient: true, minAttempts },
        reason: `not enough data (${attempts} attempts in ${span})`,
      };
    }
    const value = successes / attempts;
    if (value < rate.below) {
      const sample = `${attempts} attempts in ${span}`;
      const { confidence } = this.#s;
      if (wilsonUpper(successes, attempts, confidence) >= rate.below) {
        // Below the line, but this few attempts at the threshold's rate could show it too: no
        // evidence of a drop, and none of a recovery either while an alert is open.
        return {
          ok: true,
          inconclusive: true,
          value,
          reason: `success rate ${pct(value)} < ${threshold(rate.below)}, within noise (${sample})`,
          detail: { ...detail, because: 'withinNoise', insufficient: true, confidence },
        };
      }
      return {
        ok: false,
        value,
        code: 'RATE_LOW',
        reason: `success rate ${pct(value)} < ${threshold(rate.below)} (${sample})`,
        detail,
      };
    }
    return { ok: true, value, detail };
  }
}

class NotJson extends CounterReadError {}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new NotJson('counters body is not JSON', { because: 'countersNotJson' });
  }
}

function pct(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}

/** `98 %`, `99.5 %`: a configured threshold shown as written. */
function threshold(ratio: number): string {
  return `${Number((ratio * 100).toFixed(2))} %`;
}

/** `5 min`, `45 s`: the window as people say it, in the log-language of alert reasons. */
export function formatSpan(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 120 ? `${m} min` : `${Math.round(m / 60)} h`;
}
