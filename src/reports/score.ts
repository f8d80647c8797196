import { round1 } from './ratio.js';

/** One input of a readiness score: what was measured, on how much, and what it scored. */
export interface Component {
  id: string;
  weight: number;
  /** The measured figure in its own unit (see `unit`), or null without data. */
  value: number | null;
  unit: 'ratio' | 'ms' | 'count';
  /** Events, checks or incidents the value was measured on. */
  sample: number;
  /** 0..100, or null when there is not enough data (the component is then left out). */
  score: number | null;
}

export interface Score {
  /** 0..100, or null when less than half of the weight has data. */
  score: number | null;
  components: Component[];
}

/**
 * Weighted mean of the components that have data. Missing ones are left out and the others
 * re-weighted, unless they carry less than half the weight: then the score is unknown.
 */
export function combine(components: Component[]): Score {
  const known = components.filter((c) => c.score !== null);
  const weight = known.reduce((s, c) => s + c.weight, 0);
  const all = components.reduce((s, c) => s + c.weight, 0);
  const sum = known.reduce((s, c) => s + c.weight * (c.score ?? 0), 0);
  const score = weight > 0 && weight >= all / 2 ? round1(sum / weight) : null;
  return { score, components };
}

/** Linear 0..100 between `zeroAt` and `fullAt` (either may be the larger), clamped. */
export function linearScore(value: number, zeroAt: number, fullAt: number): number {
  const x = (value - zeroAt) / (fullAt - zeroAt);
  return round1(Math.min(1, Math.max(0, x)) * 100);
}
