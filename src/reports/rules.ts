import type { RecommendationRule } from '../config/reports.js';

/** Named figures a rule may test; null means "not enough data". */
export type Metrics = Record<string, number | null>;

export interface ConditionResult {
  metric: string;
  min?: number;
  max?: number;
  /** The figure found, or null when it is unknown. */
  actual: number | null;
  met: boolean;
}

export interface Decision {
  id: string;
  title: RecommendationRule['title'];
  go: boolean;
  /** Every condition with its figure: the reason for go and for not yet alike. */
  conditions: ConditionResult[];
}

/** Go only when every condition holds on a known figure; unknown figures mean not yet. */
export function decide(rule: RecommendationRule, metrics: Metrics): Decision {
  const conditions = rule.when.map((c): ConditionResult => {
    const actual = metrics[c.metric] ?? null;
    const met =
      actual !== null &&
      (c.min === undefined || actual >= c.min) &&
      (c.max === undefined || actual <= c.max);
    return {
      metric: c.metric,
      ...(c.min !== undefined ? { min: c.min } : {}),
      ...(c.max !== undefined ? { max: c.max } : {}),
      actual: actual === null ? null : Math.round(actual * 10) / 10,
      met,
    };
  });
  return { id: rule.id, title: rule.title, go: conditions.every((c) => c.met), conditions };
}
