import { z } from 'zod';
import type { ReadinessReport } from './readiness.js';
import type { Score } from './score.js';

/**
 * A score must move this many points from the one last posted before the executive channel
 * gets a new message. Rounding alone flips a score by one point whenever it sits near .5, so
 * comparing rounded scores re-posted the report after restarts and on every small drift.
 */
export const SCORE_STEP = 5;

const score = z.number().nullable();

/** What the last readiness post showed, kept in `report_posts.fingerprint` as JSON. */
const readinessStateSchema = z.object({
  infrastructure: score,
  market: score,
  template: score,
  decisions: z.array(z.tuple([z.string(), z.boolean()])),
});
export type ReadinessState = z.output<typeof readinessStateSchema>;

export function readinessState(r: ReadinessReport): ReadinessState {
  const rounded = (s: Score) => (s.score === null ? null : Math.round(s.score * 10) / 10);
  return {
    infrastructure: rounded(r.infrastructure),
    market: rounded(r.market),
    template: rounded(r.template),
    decisions: r.decisions.map((d) => [d.id, d.go]),
  };
}

function parseState(stored: string | undefined): ReadinessState | undefined {
  if (stored === undefined) return undefined;
  try {
    const parsed = readinessStateSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when the report differs enough from the stored state to deserve a new post: a
 * decision flipped, a score appeared or vanished, or one moved by SCORE_STEP or more. A
 * missing or unreadable state counts as changed.
 */
export function readinessChanged(stored: string | undefined, next: ReadinessState): boolean {
  const last = parseState(stored);
  if (!last) return true;
  if (JSON.stringify(last.decisions) !== JSON.stringify(next.decisions)) return true;
  return (['infrastructure', 'market', 'template'] as const).some((key) => {
    const [a, b] = [last[key], next[key]];
    if (a === null || b === null) return a !== b;
    return Math.abs(a - b) >= SCORE_STEP;
  });
}
