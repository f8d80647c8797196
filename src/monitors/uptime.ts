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
    const below: BelowTarget[] = [];
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
        below.push({ name: t.name, uptime24h: u24, uptime7d: u7, checks24h: d.count });
      }
    }
    const detail = { targets: perTarget, target: this.#s.target };
    const { minSamples } = this.#s;
    if (worst === undefined) {
      return {
        ok: true,
        inconclusive: true,
        detail: { ...detail, because: 'fewChecks', insufficient: true, minSamples },
        reason: `not enough data (fewer than ${minSamples} checks in 24 h)`,
      };
    }
    if (below.length) {
      return {
        ok: false,
        value: worst,
        code: 'UPTIME_LOW',
        reason: `below ${pct(this.#s.target)}: ${below.map(belowText).join('; ')}`,
        detail: { ...detail, below },
      };
    }
    return { ok: true, value: worst, detail };
  }
}

/** An endpoint under the uptime target, with the figures its reason shows. */
interface BelowTarget {
  name: string;
  uptime24h: number;
  uptime7d: number;
  checks24h: number;
}

function belowText(b: BelowTarget): string {
  const checks = `${b.checks24h} checks in 24 h`;
  return `${b.name} ${pct(b.uptime24h)} 24 h / ${pct(b.uptime7d)} 7 d (${checks})`;
}

function pct(ratio: number): string {
  return `${(ratio * 100).toFixed(2)} %`;
}
