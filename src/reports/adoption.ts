import { BUENOS_AIRES, PROVINCES } from '../analytics/census.js';
import { clamp01, type Ratio, ratio, round1 } from './ratio.js';
import type { Counts } from './rollup.js';

/** The six factors of the cultural adoption score and their weights (PRODUCT.md). */
export const ADOPTION_WEIGHTS = {
  whatsapp: 0.25,
  mobile: 0.2,
  mercadopago: 0.2,
  spanish: 0.15,
  regional: 0.1,
  referral: 0.1,
} as const;
export type FactorId = keyof typeof ADOPTION_WEIGHTS;

const populationOf = (codes: readonly string[]) =>
  PROVINCES.filter((p) => codes.includes(p.code)).reduce((sum, p) => sum + p.population, 0);

/** Share of Argentina living outside Buenos Aires city and province (census 2022). */
export const CENSUS_SHARE_OUTSIDE_BA =
  1 - populationOf(BUENOS_AIRES) / populationOf(PROVINCES.map((p) => p.code));

export interface Factor {
  id: FactorId;
  weight: number;
  /** The measured ratio behind the factor. */
  ratio: Ratio;
  /** 0..100, or null with "not enough data". */
  score: number | null;
  /** weight × score, the factor's part of the total. */
  contribution: number | null;
}

export interface AdoptionScore {
  factors: Factor[];
  /** 0..100, or null when any factor is below the minimum sample. */
  score: number | null;
}

/** Each factor as documented in docs/market.md. */
export function adoptionScore(counts: Counts, minSample: number): AdoptionScore {
  const signups = counts.sum({ type: 'signup' });
  const located = counts.sum({ type: 'signup' }, (r) => r.region !== '');
  const outsideBa = counts.sum(
    { type: 'signup' },
    (r) => r.region !== '' && !(BUENOS_AIRES as readonly string[]).includes(r.region),
  );
  /** Events of `type` whose first dimension is `k1`, over all events of `type`. */
  const shareOf = (type: string, k1: string) =>
    ratio(counts.sum({ type, k1 }), counts.sum({ type }), minSample);
  const ratios: Record<FactorId, Ratio> = {
    whatsapp: shareOf('share', 'whatsapp'),
    mobile: shareOf('session', 'mobile'),
    mercadopago: shareOf('payment', 'mercadopago'),
    spanish: shareOf('language', 'es'),
    regional: ratio(outsideBa, located, minSample),
    referral: ratio(counts.sum({ type: 'signup', k2: 'referred' }), signups, minSample),
  };
  const factors = (Object.keys(ADOPTION_WEIGHTS) as FactorId[]).map((id) => {
    const r = ratios[id];
    const weight = ADOPTION_WEIGHTS[id];
    if (!r.enough || r.value === null) {
      return { id, weight, ratio: r, score: null, contribution: null };
    }
    // Regional spread is judged against the census: matching the population outside
    // Buenos Aires is full marks, so a launch city is not punished for being one.
    const value = id === 'regional' ? clamp01(r.value / CENSUS_SHARE_OUTSIDE_BA) : r.value;
    return { id, weight, ratio: r, score: value * 100, contribution: value * 100 * weight };
  });
  const complete = factors.every((f) => f.contribution !== null);
  const total = factors.reduce((s, f) => s + (f.contribution ?? 0), 0);
  // Rounded only here, after summing, so the total is the hand calculation to one decimal.
  return {
    factors: factors.map((f) => ({
      ...f,
      score: f.score === null ? null : round1(f.score),
      contribution: f.contribution === null ? null : round1(f.contribution),
    })),
    score: complete ? round1(total) : null,
  };
}
