import type { Clock } from '../core/clock.js';
import type { RollupReader } from '../store/rollups.js';
import type { CheckResult, Monitor, TargetInfo } from './types.js';

export interface UptimeSettings {
  /** Endpoint targets whose uptime is judged. */
  targets: ReadonlyArray<{ id: string; name: string }>;
  /** 0..1, e.g. 0.999. */
  target: number;
  /** Fewer checks than this over 24 h: not judged. */
  minSamples: number;
}

const DAY = 86_400_000;

/**
 * Uptime per endpoint over 24 h and 7 d from the stored rollups: the share of good checks.
 * The check fails while any target with enough checks is below the target; its value is the
 * worst 24 h uptime.
 */
export class UptimeMonitor implements Monitor {
  readonly target: TargetInfo;
  readonly #s: UptimeSettings;
  readonly #rollups: RollupReader;
  readonly #clock: Clock;

  constructor(target: TargetInfo, settings: UptimeSettings, rollups: RollupReader, clock: Clock) {
    this.target = target;
    this.#s = settings;
    this.#rollups = rollups;
    this.#clock = clock;
  }

  async check(): Promise<CheckResult> {
    const now = this.#clock.now();
    const day = this.#rollups.totals(now - DAY, now + 1);
    const week = this.#rollups.totals(now - 7 * DAY, now + 1);
    const below: string[] = [];
    const perTarget: Record<string, unknown> = {};
    let worst: number | undefined;
    for (const t of this.#s.targets) {
      const d = day.get(t.id);
      const w = week.get(t.id);
      if (!d || d.count < this.#s.minSamples) continue;
      const u24 = 1 - d.failures / d.count;
      const u7 = w ? 1 - w.failures / w.count : u24;
      perTarget[t.id] = { uptime24h: u24, checks24h: d.count, uptime7d: u7, checks7d: w?.count };
      worst = worst === undefined ? u24 : Math.min(worst, u24);
      if (u24 < this.#s.target || u7 < this.#s.target) {
        below.push(`${t.name} ${pct(u24)} 24 h / ${pct(u7)} 7 d (${d.count} checks in 24 h)`);
      }
    }
    const detail = { targets: perTarget, target: this.#s.target };
    if (worst === undefined) {
      return {
        ok: true,
        inconclusive: true,
        detail: { ...detail, insufficient: true },
        reason: `not enough data (fewer than ${this.#s.minSamples} checks in 24 h)`,
      };
    }
    if (below.length) {
      return {
        ok: false,
        value: worst,
        code: 'UPTIME_LOW',
        reason: `below ${pct(this.#s.target)}: ${below.join('; ')}`,
        detail,
      };
    }
    return { ok: true, value: worst, detail };
  }
}

function pct(ratio: number): string {
  return `${(ratio * 100).toFixed(2)} %`;
}
