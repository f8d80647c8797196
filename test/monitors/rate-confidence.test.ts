import { describe, expect, it } from 'vitest';
import { normalQuantile, wilsonUpper } from '../../src/monitors/rate-confidence.js';

describe('normalQuantile', () => {
  it.each([
    [0.5, 0],
    [0.95, 1.6448536],
    [0.975, 1.959964],
    [0.99, 2.3263479],
    [0.999, 3.0902323],
    [0.01, -2.3263479],
  ])('P(Z ≤ z) = %s at z = %s', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 6);
  });

  it('refuses probabilities outside (0, 1)', () => {
    expect(() => normalQuantile(1)).toThrow(RangeError);
    expect(() => normalQuantile(0)).toThrow(RangeError);
  });
});

describe('wilsonUpper', () => {
  it('matches the Wilson score bound worked by hand', () => {
    // 36 of 40 at 95 %: p = 0.9, z = 1.6449; (p + z²/2n + z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)
    expect(wilsonUpper(36, 40, 0.95)).toBeCloseTo(0.9543, 4);
  });

  it('narrows towards the observed ratio as attempts grow', () => {
    const bounds = [40, 400, 4_000, 40_000].map((n) => wilsonUpper(0.9 * n, n, 0.95));
    for (let i = 1; i < bounds.length; i += 1) expect(bounds[i]).toBeLessThan(bounds[i - 1]!);
    expect(bounds.at(-1)).toBeCloseTo(0.9025, 3);
  });

  it('gives the ratio as read at confidence 0 and stays within [ratio, 1]', () => {
    expect(wilsonUpper(9, 10, 0)).toBe(0.9);
    expect(wilsonUpper(10, 10, 0.99)).toBe(1);
    expect(wilsonUpper(0, 10, 0.95)).toBeGreaterThan(0);
    expect(wilsonUpper(0, 0, 0.95)).toBe(1);
  });
});
