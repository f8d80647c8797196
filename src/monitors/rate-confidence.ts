/**
 * Whether a success ratio below its threshold is a real drop or sampling noise. With `n`
 * attempts at a true success rate `p`, the observed ratio scatters by about √(p(1−p)/n): 40
 * sign-ups at a healthy 95 % show 88 % often enough to page somebody every few hours. The rate
 * monitor alerts only when even the optimistic end of the Wilson score interval is below the
 * threshold, so small streams alert on a drop they can show, and big ones as soon as they dip.
 */

/**
 * The upper end of the one-sided Wilson score interval for `successes` out of `attempts` at
 * the given confidence (0.95: the true rate is below this bound with 95 % confidence).
 * A confidence of 0 gives back the observed ratio.
 */
export function wilsonUpper(successes: number, attempts: number, confidence: number): number {
  if (attempts <= 0) return 1;
  const p = successes / attempts;
  if (confidence <= 0) return p;
  const z = normalQuantile(confidence);
  const z2 = z * z;
  const centre = p + z2 / (2 * attempts);
  const spread = z * Math.sqrt((p * (1 - p)) / attempts + z2 / (4 * attempts * attempts));
  return Math.min(1, (centre + spread) / (1 + z2 / attempts));
}

// Acklam's rational approximation of the standard normal quantile: relative error below
// 1.2e-9 over (0, 1), far finer than any threshold written in a config.
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  1,
];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416, 1];
const LOW = 0.02425;

/** A polynomial with coefficients from the highest power down, at x. */
const horner = (coefficients: readonly number[], x: number) =>
  coefficients.reduce((acc, c) => acc * x + c, 0);

/** z such that P(Z ≤ z) = p for a standard normal Z; p in (0, 1). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  if (p < LOW) return tail(p);
  if (p > 1 - LOW) return -tail(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (horner(A, r) * q) / horner(B, r);
}

/** The lower tail, p < LOW. */
function tail(p: number): number {
  const q = Math.sqrt(-2 * Math.log(p));
  return horner(C, q) / horner(D, q);
}
